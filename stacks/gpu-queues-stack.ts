/**
 * The `<name>-gpu-queues` stack: Kueue's queues on the EKS cluster (constructs/queueing/
 * kueue-queues.ts): a ResourceFlavor per training node group, the cohort, a ClusterQueue per team
 * with its quota (constructs/queueing/queue-plan.ts) and a LocalQueue in each team namespace.
 *
 * A stack of its own because these are custom resources: `kubernetes_manifest` asks the API
 * server for the resource's schema when it plans, so a ClusterQueue cannot even be planned until
 * Kueue's CRDs exist, and the CRDs come with the Kueue chart of the gpu-platform stack. Declaring
 * the gpu-platform stack as a dependency makes `cdktf deploy` apply it first, so a first deploy
 * of all stacks works: gpu-cluster (the cluster), gpu-platform (namespaces, the autoscaler, Kueue
 * and its CRDs), then this stack. Like gpu-platform, it can only be planned once the cluster
 * exists and from where the API endpoint is reachable.
 */
import type { Construct } from 'constructs';
import { largestInstance } from '../catalog/choose-instance';
import { acceleratorTaint, type NodeTaint } from '../constructs/compute/accelerator-node-config';
import { hybridNodeGroupName, hybridNodeTaint } from '../constructs/connectivity/hybrid-node-labels';
import { hasRdmaFabric } from '../constructs/platform/hybrid-nodes-platform';
import { KueueQueues } from '../constructs/queueing/kueue-queues';
import { queuePlan, type TrainingNodeSource } from '../constructs/queueing/queue-plan';
import type { Needs, Strategy } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import { configureClusterProviders } from './cluster-access';
import { plannedGpuGroups } from './gpu-capacity-plan';
import type { GpuClusterOutputs } from './gpu-cluster-stack';
import type { GpuPlatformStack } from './gpu-platform-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The gpu-queues stack. */
export class GpuQueuesStack extends TracklayerStack {
  /** The queues. */
  readonly queues: KueueQueues;

  constructor(scope: Construct, ref: StackRef, context: StackContext, cluster: GpuClusterOutputs, platform: GpuPlatformStack) {
    super(scope, ref, context);
    const { needs } = context;
    configureClusterProviders(this, {
      kind: 'eks',
      clusterName: cluster.clusterName,
      region: needs.cloud.region,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
    });
    const groups = plannedGpuGroups(needs).filter((g) => g.workload === 'training');
    const sources = [
      ...groups.map((g) => ({ source: { name: `${needs.name}-${g.key}`, instance: g.instance, maxNodes: g.maxSize, efa: g.efa }, taint: acceleratorTaint(g.instance) })),
      ...hybridNodeSources(needs, context.strategy),
    ];
    const flavors = sources.map((s) => ({ name: s.source.name, taint: s.taint }));
    const plan = queuePlan(
      sources.map((s) => s.source),
      needs.workload.teams,
    );
    this.queues = new KueueQueues(this, 'queues', { plan, flavors });
    // Kueue's CRDs and the team namespaces come from the gpu-platform stack.
    this.addDependency(platform);
  }
}

/**
 * The on-prem servers as a Kueue flavor when they join this cluster (`onPrem.mode: hybrid-nodes`),
 * after the cloud groups, so teams fill the cloud quota first and borrow or are given the rest.
 * Their nodes carry `tracklayer.dev/node-group: <name>-onprem` and the GPU taint (nodeadm,
 * constructs/connectivity/hybrid-node-labels). The needs say how many GPUs a server has, not its
 * CPUs or memory; the quota takes them, per GPU, from the cloud training instance of the same
 * accelerator, so CPU and memory do not hold back a job that fits the servers' GPUs (the
 * scheduler still places pods by what the servers really have). With an InfiniBand or RoCE
 * fabric the flavor also covers the RDMA plugin's resource (../constructs/queueing/queue-plan).
 */
function hybridNodeSources(needs: Needs, strategy: Strategy): { source: TrainingNodeSource; taint: NodeTaint }[] {
  const onPrem = strategy === 'hybrid' && needs.onPrem?.mode === 'hybrid-nodes' ? needs.onPrem : undefined;
  if (!onPrem) return [];
  const standIn = largestInstance(onPrem.accelerator);
  const perGpu = (n: number) => Math.floor((n * onPrem.gpusPerNode) / standIn.chips);
  const instance = { accelerator: onPrem.accelerator, chips: onPrem.gpusPerNode, vcpus: perGpu(standIn.vcpus), memoryGiB: perGpu(standIn.memoryGiB), efaInterfaces: 0 };
  const source = { name: hybridNodeGroupName(needs.name), instance, maxNodes: onPrem.gpuNodes, efa: false, rdma: hasRdmaFabric(onPrem.interconnect) };
  return [{ source, taint: hybridNodeTaint(onPrem.accelerator) }];
}
