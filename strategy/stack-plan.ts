/**
 * Which stacks a strategy builds (NEEDS-v1 "Stacks per strategy"), and their names.
 *
 * | role            | cloud-first | hybrid                  | edge-centric          |
 * |-----------------|-------------|-------------------------|-----------------------|
 * | network         | yes         | yes                     | yes                   |
 * | lakehouse       | yes         | yes                     | yes                   |
 * | gpu-cluster     | yes         | burst, or hybrid-nodes  | when training is set  |
 * | gpu-platform    | yes         | with gpu-cluster        | with gpu-cluster      |
 * | gpu-queues      | with gpu-cluster and training (Kueue's queues: custom resources, after their CRDs) |
 * | connectivity    | -           | yes                     | -                     |
 * | onprem-platform | -           | mode cluster            | -                     |
 * | edge-<site>     | -           | -                       | one per site          |
 *
 * Hybrid (NEEDS-v1.1 `onPrem.mode`): in mode `cluster` the servers run their own Kubernetes
 * cluster (onprem-platform) and the EKS cluster exists only to burst; in mode `hybrid-nodes`
 * the servers join the EKS cluster as EKS Hybrid Nodes, so the EKS control plane exists even
 * when nothing bursts, and there is no cluster on premises to run a platform on.
 *
 * Edge stacks come pilot sites first, then the waves (NEEDS-v1.1 `workload.inference.rollout`).
 */
import type { Needs, Strategy } from '../needs/schema';
import { onPremGpus, trainingGapGpus } from './burst-gap';
import { sitesInRolloutOrder } from './edge-rollout';

/** The roles a stack can play; edge stacks are `edge-<site>`. */
export type StackRole = 'network' | 'lakehouse' | 'gpu-cluster' | 'gpu-platform' | 'gpu-queues' | 'connectivity' | 'onprem-platform' | `edge-${string}`;

/** A stack to build: its name (`<name>-<role>`) and role. */
export interface StackRef {
  readonly name: string;
  readonly role: StackRole;
}

/**
 * Why a hybrid deployment needs cloud GPU capacity, one line per cause (empty: it does not).
 * Burst is needed when the pattern is bursty, training needs more GPUs than the data centre
 * has (the gap of ./burst-gap, which sizes the cloud training group), or cloud inference
 * replicas are requested.
 */
export function burstCauses(needs: Needs): string[] {
  const { workload } = needs;
  const causes: string[] = [];
  if (workload.pattern === 'bursty') causes.push('workload.pattern is bursty');
  const gap = trainingGapGpus(needs);
  if (workload.training && gap > 0) {
    causes.push(`workload.training.gpus (${workload.training.gpus}) exceeds the ${onPremGpus(needs)} on-prem GPUs by ${gap}`);
  }
  if (workload.inference && workload.inference.replicas > 0) {
    causes.push(`workload.inference.replicas is ${workload.inference.replicas}`);
  }
  return causes;
}

/** True when the strategy includes the EKS cluster (and so the GPU platform on it). */
export function hasGpuCluster(strategy: Strategy, needs: Needs): boolean {
  switch (strategy) {
    case 'cloud-first':
      return true;
    case 'hybrid':
      return burstCauses(needs).length > 0 || needs.onPrem?.mode === 'hybrid-nodes';
    case 'edge-centric':
      return needs.workload.training !== undefined;
  }
}

/**
 * The stacks of a strategy, in the order they deploy. Edge sites follow their rollout
 * (./edge-rollout): the pilot sites first, then each wave in listed order.
 */
export function stacksFor(strategy: Strategy, needs: Needs): StackRef[] {
  const roles: StackRole[] = ['network', 'lakehouse'];
  if (hasGpuCluster(strategy, needs)) {
    roles.push('gpu-cluster', 'gpu-platform');
    if (needs.workload.training) roles.push('gpu-queues');
  }
  if (strategy === 'hybrid') roles.push('connectivity');
  if (strategy === 'hybrid' && needs.onPrem?.mode !== 'hybrid-nodes') roles.push('onprem-platform');
  if (strategy === 'edge-centric') {
    for (const site of sitesInRolloutOrder(needs.workload.inference)) roles.push(`edge-${site.name}`);
  }
  return roles.map((role) => ({ name: `${needs.name}-${role}`, role }));
}
