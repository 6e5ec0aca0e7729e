/**
 * The NVIDIA device plugin from NVIDIA's chart (./platform-charts `nvidiaDevicePlugin`):
 * advertises each NVIDIA GPU of a node as one `nvidia.com/gpu`, health checks them, and tells
 * the kubelet how a container gets the GPUs allocated to it. Without it no pod can request a
 * GPU, so it runs wherever there are NVIDIA GPUs ({@link nvidiaNodes}). The driver and the
 * NVIDIA container toolkit come from the node: the EKS AL2023 NVIDIA AMI, the on-prem image,
 * or JetPack on a Jetson.
 *
 * Values that differ from the chart's values.yaml, and why:
 * - `deviceListStrategy: volume-mounts` (upstream: unset, i.e. `envvar`): the device-plugin
 *   half of the GPU quota fix. The plugin hands allocated GPUs to the container as mounts under
 *   /var/run/nvidia-container-devices, which the toolkit reads when
 *   `accept-nvidia-visible-devices-as-volume-mounts = true`; together with
 *   `accept-nvidia-visible-devices-envvar-when-unprivileged = false` on the node
 *   (../compute/nvidia-container-toolkit on EKS, README "GPU quota enforcement" on-prem and at
 *   the edge) a pod can no longer reach GPUs by setting NVIDIA_VISIBLE_DEVICES itself.
 *   Prerequisite: nodes whose toolkit does not accept volume mounts give such pods no GPU.
 * - `affinity`, `tolerations`: tracklayer's placement instead of upstream's NFD labels
 *   (`feature.node.kubernetes.io/pci-10de.present`, NFD is not installed) and its
 *   CriticalAddonsOnly toleration.
 * - `resources`: {@link DEVICE_PLUGIN_RESOURCES} (upstream: none).
 * - `runtimeClassName: nvidia` on a Jetson site (upstream: none): the plugin finds the Tegra
 *   GPU only under the NVIDIA container runtime in CSV mode (./jetson-runtime).
 * Kept from upstream: priority class system-node-critical, GFD and NFD off, no host network.
 *
 * Host access (the chart's templates at v0.20.0): with the volume-mounts strategy the chart
 * adds CAP_SYS_ADMIN to the plugin container (`nvidia-device-plugin.requiresCapSysAdmin` in
 * templates/_helpers.tpl) and drops its `allowPrivilegeEscalation: false`; the toolkit treats a
 * container with CAP_SYS_ADMIN as privileged, which is how the plugin itself still sees every
 * GPU (it sets NVIDIA_VISIBLE_DEVICES=all). Host paths as upstream: the kubelet's
 * device-plugin directory, the MPS root /run/nvidia/mps and /var/run/cdi.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamHostAccess } from '../helm/host-access';
import { JETSON_RUNTIME_CLASS } from './jetson-runtime';
import {
  DEVICE_PLUGIN_RESOURCES,
  NODE_AGENT_PRIORITY_CLASS,
  NODE_AGENT_RELEASE,
  affinityValues,
  tolerationValues,
  type AffinityValues,
  type ResourceValues,
  type TolerationValues,
} from './node-agent-values';
import { nvidiaNodes, type PlatformTarget } from './node-placement';
import { PLATFORM_CHARTS } from './platform-charts';

/** The device-list strategy that keeps GPUs behind the plugin (see the file comment). */
export const NVIDIA_DEVICE_LIST_STRATEGY = 'volume-mounts';

/** The values tracklayer sets, by their key in the chart's values.yaml. */
export interface NvidiaDevicePluginValues {
  readonly deviceListStrategy: typeof NVIDIA_DEVICE_LIST_STRATEGY;
  readonly affinity: AffinityValues;
  readonly tolerations: readonly TolerationValues[];
  readonly resources: ResourceValues;
  readonly priorityClassName: string;
  readonly runtimeClassName?: string;
  readonly gfd: { readonly enabled: false };
}

/** What the plugin's pods get on the node (the chart's defaults at the pinned version, with the values above). */
export const NVIDIA_DEVICE_PLUGIN_HOST_ACCESS: UpstreamHostAccess = {
  capabilities: { SYS_ADMIN: 'the chart adds it for the volume-mounts strategy; the toolkit then lets the plugin see every GPU of the node' },
  privilegeEscalation: 'the chart replaces its allowPrivilegeEscalation: false with the SYS_ADMIN capability for the volume-mounts strategy',
  root: 'the plugin creates its socket in the kubelet device-plugins directory, which only root may write',
  hostPaths: {
    '/var/lib/kubelet/device-plugins': 'registers with the kubelet and serves its gRPC socket there',
    '/run/nvidia/mps': 'the MPS root the chart always mounts (DirectoryOrCreate); unused without MPS sharing',
    '/var/run/cdi': 'where the plugin would write CDI specs; mounted by the chart in every mode',
  },
};

/** The values for `target`; `jetson` on a Jetson edge site. */
export function nvidiaDevicePluginValues(target: PlatformTarget, jetson = false): NvidiaDevicePluginValues {
  const placement = nvidiaNodes(target, jetson);
  return {
    deviceListStrategy: NVIDIA_DEVICE_LIST_STRATEGY,
    affinity: affinityValues(placement),
    tolerations: tolerationValues(placement),
    resources: DEVICE_PLUGIN_RESOURCES,
    priorityClassName: NODE_AGENT_PRIORITY_CLASS,
    ...(jetson ? { runtimeClassName: JETSON_RUNTIME_CLASS } : {}),
    gfd: { enabled: false },
  };
}

/** Props of {@link NvidiaDevicePlugin}. */
export interface NvidiaDevicePluginProps {
  /** Namespace of the release and its DaemonSet. */
  readonly namespace: string;
  /** Where the cluster is; decides the node labels the plugin selects. */
  readonly target: PlatformTarget;
  /** The nodes are Jetson modules: arm64, RuntimeClass `nvidia`. @default false */
  readonly jetson?: boolean;
  /** What must exist first (the namespace, the RuntimeClass). @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The NVIDIA device plugin release. */
export class NvidiaDevicePlugin extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: NvidiaDevicePluginProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: PLATFORM_CHARTS.nvidiaDevicePlugin,
      releaseName: 'nvidia-device-plugin',
      namespace: props.namespace,
      values: { ...nvidiaDevicePluginValues(props.target, props.jetson ?? false) },
      hostAccess: NVIDIA_DEVICE_PLUGIN_HOST_ACCESS,
      ...NODE_AGENT_RELEASE,
      dependsOn: props.dependsOn,
    });
  }
}
