/**
 * The `<name>-gpu-platform` stack: the Kubernetes layer on the EKS cluster of the gpu-cluster
 * stack (namespaces, quotas, priorities as typed resources; device plugins from their upstream
 * Helm charts; constructs/platform), the Cluster Autoscaler (constructs/autoscaling) and Kueue
 * with its CRDs (constructs/queueing). GPU metrics on EKS come from the CloudWatch add-on's DCGM
 * exporter, the one exporter a node may have.
 *
 * A stack of its own because the Kubernetes provider is configured from the cluster's
 * endpoint and certificate: the cluster must exist before this stack can even plan. It reads
 * them from the gpu-cluster stack's outputs ({@link GpuClusterOutputs}, remote state).
 *
 * With EKS Hybrid Nodes (`onPrem.mode: hybrid-nodes`) the platform also serves the on-prem
 * servers (constructs/platform/hybrid-nodes-platform): Cilium as their CNI, the NVIDIA device
 * plugin on them, the RDMA plugin for an InfiniBand or RoCE fabric, and training quotas that
 * count their GPUs.
 *
 * Authentication is exec-based (./cluster-access): the provider runs `aws eks get-token` with the credentials of
 * whoever runs Terraform, so a short-lived token is minted per run and no token is ever
 * written to the configuration or the state. The cluster's access entries decide what that
 * principal may do (the creator is cluster admin). The API endpoint is private unless
 * `cloud.apiAccessCidrs` opens it, so this stack is planned and applied from inside the VPC (or
 * over the VPN) or from an allowed CIDR; `select` and `synth` warn when it is private
 * (strategy/cluster-access-warnings), and the plan workflow reports it as not plannable from a
 * runner that cannot reach it.
 */
import type { Construct } from 'constructs';
import { ClusterAutoscaler } from '../constructs/autoscaling/cluster-autoscaler';
import { WORKLOAD_LABEL } from '../constructs/compute/accelerator-node-config';
import { GpuPlatform, type GpuPlatformProps } from '../constructs/platform/gpu-platform';
import { HybridNodesPlatform, withHybridNodes } from '../constructs/platform/hybrid-nodes-platform';
import { eksPlatformProfile } from '../constructs/platform/platform-profile';
import { SYSTEM_NAMESPACE } from '../constructs/platform/workload-tenancy';
import { Kueue } from '../constructs/queueing/kueue';
import type { Needs } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import { plannedGpuGroups } from './gpu-capacity-plan';
import { configureClusterProviders, type ClusterProviders } from './cluster-access';
import type { GpuClusterOutputs } from './gpu-cluster-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The gpu-platform stack. */
export class GpuPlatformStack extends TracklayerStack {
  /** The Kubernetes and Helm providers on the EKS cluster. */
  readonly providers: ClusterProviders;
  /** The platform. */
  readonly platform: GpuPlatform;
  /** The Cluster Autoscaler (its IAM role and pod identity are in the gpu-cluster stack). */
  readonly autoscaler: ClusterAutoscaler;
  /** Kueue and its CRDs (the queues are in the gpu-queues stack); only with training. */
  readonly kueue?: Kueue;
  /** Cilium and the RDMA plugin on the EKS Hybrid Nodes (`onPrem.mode: hybrid-nodes`). */
  readonly hybridNodes?: HybridNodesPlatform;

  constructor(scope: Construct, ref: StackRef, context: StackContext, cluster: GpuClusterOutputs) {
    super(scope, ref, context);
    const { needs } = context;
    this.providers = configureClusterProviders(this, {
      kind: 'eks',
      clusterName: cluster.clusterName,
      region: needs.cloud.region,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
    });
    const hybrid = context.strategy === 'hybrid' && needs.onPrem?.mode === 'hybrid-nodes' ? needs.onPrem : undefined;
    this.platform = new GpuPlatform(this, 'platform', platformProfile(needs, hybrid));
    if (hybrid) {
      this.hybridNodes = new HybridNodesPlatform(this, 'hybrid-nodes', {
        onPrem: hybrid,
        systemNamespace: SYSTEM_NAMESPACE,
        systemDependencies: this.platform.systemDependencies,
        platformRunsDcgmExporter: this.platform.charts.dcgmExporter !== undefined,
      });
    }
    // Controllers run on the system group: never on nodes the autoscaler may remove.
    const onSystemNodes = { [WORKLOAD_LABEL]: 'system' };
    this.autoscaler = new ClusterAutoscaler(this, 'cluster-autoscaler', { clusterName: cluster.clusterName, region: needs.cloud.region, nodeSelector: onSystemNodes });
    if (needs.workload.training) this.kueue = new Kueue(this, 'kueue', { nodeSelector: onSystemNodes });
  }
}

/** The EKS profile of the planned node groups, with the hybrid nodes when servers join. */
function platformProfile(needs: Needs, hybrid: Needs['onPrem']): GpuPlatformProps {
  const groups = plannedGpuGroups(needs);
  const profile = eksPlatformProfile(needs, groups);
  if (!hybrid) return profile;
  const training = groups.find((g) => g.workload === 'training');
  return withHybridNodes(profile, hybrid, training ? training.maxSize * training.instance.chips : 0);
}
