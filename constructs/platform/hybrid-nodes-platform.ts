/**
 * What the EKS cluster's platform adds when on-prem GPU servers join it as EKS Hybrid Nodes
 * (`onPrem.mode: hybrid-nodes`): the profile overlay that makes the GPU platform serve them, and
 * the node agents only they need.
 *
 * | component                  | on the hybrid nodes because                                                  | file                          |
 * |----------------------------|-------------------------------------------------------------------------------|-------------------------------|
 * | Cilium (AWS build)         | their CNI; without one they stay NotReady                                     | ./cilium.ts                   |
 * | NVIDIA device plugin       | the platform's own release: the servers carry `tracklayer.dev/accelerator`    | ./nvidia-device-plugin.ts     |
 * | RDMA shared device plugin  | `onPrem.interconnect` is infiniband or roce; they carry `nvidia.com/gpu.present` | ./rdma-shared-device-plugin.ts |
 * | DCGM exporter              | the CloudWatch add-on's exporter selects EC2 GPU instance types only, so the servers would have none; unless the platform already runs the chart on every NVIDIA node | ./dcgm-exporter.ts |
 *
 * The labels come from the servers' nodeadm configuration (../connectivity/hybrid-node-labels).
 * The GPU platform's props ({@link withHybridNodes}): `nvidia` true even when no cloud group has
 * NVIDIA GPUs (the plugin must run on the servers), and the training quota grows by the on-prem
 * chips: the training namespace schedules onto both the cloud training group and the servers.
 * When the cloud trains on another accelerator kind (Trainium), the namespace quota stays the
 * cloud's: a quota names one device resource, and a job cannot span both kinds anyway.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import type { OnPremNeed } from '../../needs/schema';
import { Cilium } from './cilium';
import { DcgmExporter } from './dcgm-exporter';
import type { GpuPlatformProps } from './gpu-platform';
import { hybridNvidiaNodes } from './node-placement';
import { PlatformError } from './platform-error';
import { RdmaSharedDevicePlugin } from './rdma-shared-device-plugin';

/** The on-prem fabrics the RDMA shared device plugin serves. */
const RDMA_INTERCONNECTS: readonly OnPremNeed['interconnect'][] = ['infiniband', 'roce'];

/** True when the on-prem servers' fabric is served by the RDMA shared device plugin (InfiniBand or RoCE). */
export function hasRdmaFabric(interconnect: OnPremNeed['interconnect']): boolean {
  return RDMA_INTERCONNECTS.includes(interconnect);
}

/**
 * The EKS platform's props with the hybrid nodes in it (see the file comment).
 * @param cloudTrainingChips chips of the cloud training group at its largest (0 without one).
 * @throws PlatformError for an on-prem Trainium (it exists only in AWS).
 */
export function withHybridNodes(profile: GpuPlatformProps, onPrem: OnPremNeed, cloudTrainingChips: number): GpuPlatformProps {
  const spec = ACCELERATOR_SPECS[onPrem.accelerator];
  if (spec.vendor !== 'nvidia') {
    throw new PlatformError('withHybridNodes', `onPrem.accelerator is ${onPrem.accelerator}, which exists only in AWS; hybrid nodes need an NVIDIA accelerator (h100, h200, a100, l40s, l4 or a10g)`);
  }
  const onPremChips = onPrem.gpuNodes * onPrem.gpusPerNode;
  const cloud = profile.quotas?.training;
  const training = cloud && cloud.deviceResource !== spec.deviceResource ? cloud : { deviceResource: spec.deviceResource, chips: (cloud ? cloudTrainingChips : 0) + onPremChips };
  return { ...profile, nvidia: true, quotas: { ...profile.quotas, training } };
}

/** Props of {@link HybridNodesPlatform}. */
export interface HybridNodesPlatformProps {
  /** The on-prem servers. */
  readonly onPrem: OnPremNeed;
  /** The namespace of the GPU platform's node agents (gpu-system). */
  readonly systemNamespace: string;
  /** What the node agents wait for (the system namespace). */
  readonly systemDependencies: readonly ITerraformDependable[];
  /**
   * The GPU platform already runs the DCGM chart on every NVIDIA node, the servers included
   * (when the CloudWatch add-on's exporter is turned off); the servers then need no second one.
   * @default false
   */
  readonly platformRunsDcgmExporter?: boolean;
}

/** Cilium on the hybrid nodes, their DCGM exporter, and the RDMA plugin when their fabric is InfiniBand or RoCE. */
export class HybridNodesPlatform extends Construct {
  /** The CNI of the hybrid nodes. */
  readonly cilium: Cilium;
  /** The RDMA shared device plugin, with an InfiniBand or RoCE fabric. */
  readonly rdmaSharedDevicePlugin?: RdmaSharedDevicePlugin;
  /** The servers' GPU metrics, unless the platform's exporter already covers them. */
  readonly dcgmExporter?: DcgmExporter;

  constructor(scope: Construct, id: string, props: HybridNodesPlatformProps) {
    super(scope, id);
    const { onPrem } = props;
    if (onPrem.podCidr === undefined) {
      throw new PlatformError(this.node.path, 'onPrem.podCidr is not set; Cilium assigns hybrid-node pod addresses from it (needs validation requires it in mode hybrid-nodes)');
    }
    this.cilium = new Cilium(this, 'cilium', { podCidr: onPrem.podCidr });
    if (!props.platformRunsDcgmExporter) {
      this.dcgmExporter = new DcgmExporter(this, 'dcgm-exporter', { namespace: props.systemNamespace, target: 'eks', placement: hybridNvidiaNodes(), dependsOn: [...props.systemDependencies] });
    }
    if (hasRdmaFabric(onPrem.interconnect)) {
      this.rdmaSharedDevicePlugin = new RdmaSharedDevicePlugin(this, 'rdma-shared-device-plugin', { namespace: props.systemNamespace, dependsOn: [...props.systemDependencies] });
    }
  }
}
