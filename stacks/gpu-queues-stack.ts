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
import { acceleratorTaint } from '../constructs/compute/accelerator-node-config';
import { KueueQueues } from '../constructs/queueing/kueue-queues';
import { queuePlan } from '../constructs/queueing/queue-plan';
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
    const flavors = groups.map((g) => ({ name: `${needs.name}-${g.key}`, taint: acceleratorTaint(g.instance) }));
    const plan = queuePlan(
      groups.map((g, index) => ({ name: flavors[index].name, instance: g.instance, maxNodes: g.maxSize, efa: g.efa })),
      needs.workload.teams,
    );
    this.queues = new KueueQueues(this, 'queues', { plan, flavors });
    // Kueue's CRDs and the team namespaces come from the gpu-platform stack.
    this.addDependency(platform);
  }
}
