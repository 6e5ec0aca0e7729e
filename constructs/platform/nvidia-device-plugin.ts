/**
 * The NVIDIA device plugin: advertises each NVIDIA GPU of a node as one `nvidia.com/gpu`, health
 * checks them, and hands the allocated GPUs to the container runtime
 * (https://github.com/NVIDIA/k8s-device-plugin). Without it no pod can request a GPU, so it runs
 * wherever there are NVIDIA GPUs ({@link nvidiaNodes}).
 *
 * The driver and the NVIDIA container toolkit come from the node: the EKS AL2023 NVIDIA AMI,
 * the on-prem image, or JetPack on a Jetson.
 *
 * Jetson (integrated GPU, arm64): the plugin finds the GPU through CUDA instead of NVML, which
 * Jetson lacks, and sees the Tegra driver only under the NVIDIA container runtime (CSV mode,
 * ./jetson-runtime), so its pod names RuntimeClass {@link JETSON_RUNTIME_CLASS}; the image is
 * multi-arch and runs on the arm64 nodes.
 */
import { Construct } from 'constructs';
import { PLATFORM_IMAGES, imageReference } from './container-images';
import { JETSON_RUNTIME_CLASS } from './jetson-runtime';
import { nvidiaNodes, type PlatformTarget } from './node-placement';
import { DEVICE_PLUGIN_PRIVILEGES, DEVICE_PLUGIN_RESOURCES, DEVICE_PLUGIN_SOCKETS, PlatformDaemonSet, type PlatformDaemonSetProps } from './platform-daemon-set';

/** Props of {@link NvidiaDevicePlugin}. */
export interface NvidiaDevicePluginProps {
  /** Namespace of the DaemonSet. */
  readonly namespace: string;
  /** Where the cluster is; decides the node labels the plugin selects. */
  readonly target: PlatformTarget;
  /** The nodes are Jetson modules: arm64, RuntimeClass `nvidia`. @default false */
  readonly jetson?: boolean;
  /** What must exist first. @default - nothing */
  readonly dependsOn?: PlatformDaemonSetProps['dependsOn'];
}

/** The NVIDIA device plugin DaemonSet. */
export class NvidiaDevicePlugin extends Construct {
  /** The DaemonSet and its pod labels. */
  readonly agent: PlatformDaemonSet;

  constructor(scope: Construct, id: string, props: NvidiaDevicePluginProps) {
    super(scope, id);
    const jetson = props.jetson ?? false;
    this.agent = new PlatformDaemonSet(this, 'agent', {
      namespace: props.namespace,
      name: 'nvidia-device-plugin',
      image: imageReference(PLATFORM_IMAGES.nvidiaDevicePlugin),
      placement: nvidiaNodes(props.target, jetson),
      resources: DEVICE_PLUGIN_RESOURCES,
      privileges: DEVICE_PLUGIN_PRIVILEGES,
      hostMounts: [DEVICE_PLUGIN_SOCKETS],
      runtimeClassName: jetson ? JETSON_RUNTIME_CLASS : undefined,
      dependsOn: props.dependsOn,
    });
  }
}
