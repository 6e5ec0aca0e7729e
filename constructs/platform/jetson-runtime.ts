/**
 * What a Jetson site needs so pods reach the on-board GPU: the RuntimeClass `nvidia`, whose
 * handler is the NVIDIA container runtime that JetPack registers with containerd.
 *
 * The Jetson GPU is integrated in the Tegra SoC: there is no PCIe device and no NVML, and the
 * driver libraries live in the host's JetPack (L4T) file system. The NVIDIA container runtime
 * therefore runs in CSV mode on Jetson: for a container that runs under it, it bind-mounts the
 * device nodes (/dev/nvhost-*, /dev/nvmap, ...) and libraries listed in
 * /etc/nvidia-container-runtime/host-files-for-container.d/*.csv. Under the default runtime
 * (runc) a container sees no GPU at all, so every GPU pod on a Jetson site, the NVIDIA device
 * plugin included, sets `runtimeClassName: nvidia` and requests `nvidia.com/gpu`.
 *
 * k3s releases since the fix of k3s-io/k3s#8700 (late 2023) ship a RuntimeClass named `nvidia`
 * themselves; on such a cluster pass `manage: false`, so Terraform does not try to create an
 * object that already exists.
 * DCGM has no Jetson support; GpuPlatform runs no exporter there (jetson-stats / tegrastats
 * report the GPU instead).
 */
import { RuntimeClassV1 } from '@cdktf/provider-kubernetes/lib/runtime-class-v1';
import { Construct } from 'constructs';

/** The RuntimeClass (and containerd runtime handler) of the NVIDIA container runtime on Jetson. */
export const JETSON_RUNTIME_CLASS = 'nvidia';

/** Props of {@link JetsonRuntime}. */
export interface JetsonRuntimeProps {
  /** Create the RuntimeClass; false when the distribution already ships it (recent k3s). @default true */
  readonly manage?: boolean;
}

/** The `nvidia` RuntimeClass of a Jetson site. */
export class JetsonRuntime extends Construct {
  /** The RuntimeClass, when this construct manages it. */
  readonly runtimeClass?: RuntimeClassV1;
  /** The name pods put in `runtimeClassName`. */
  readonly runtimeClassName = JETSON_RUNTIME_CLASS;

  constructor(scope: Construct, id: string, props: JetsonRuntimeProps = {}) {
    super(scope, id);
    if (props.manage ?? true) {
      this.runtimeClass = new RuntimeClassV1(this, 'runtime-class', {
        metadata: { name: JETSON_RUNTIME_CLASS, labels: { 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' } },
        handler: JETSON_RUNTIME_CLASS,
      });
    }
  }
}
