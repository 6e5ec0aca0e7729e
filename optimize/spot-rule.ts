/**
 * Rule `spot`: training the needs file calls interruptible (`workload.training.interruptible:
 * true`) but buys on demand (`workload.training.capacity: on-demand`, NEEDS-v1.1) pays for a
 * guarantee it says it does not need: the change is `capacity: spot`. No metric is read; the
 * needs file is the evidence (needs/training-checks.ts warns about the same combination). The
 * saving is the training group's on-demand cost less its spot cost at the catalog's discount
 * (catalog/pricing SPOT_DISCOUNT, an assumption the catalog documents), at the planned size
 * (./plan-cost trainingSpotSaving).
 *
 * What happens on apply: the training managed node group is recreated with capacity type SPOT
 * (EKS managed node groups turn on Capacity Rebalancing for spot: when EC2 signals that a spot
 * node is at elevated risk, or gives its two-minute interruption notice, EKS launches a
 * replacement and drains the node, https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
 * "Managed node group capacity types"). A job loses the pods on a reclaimed node, so training
 * must checkpoint and resume: that is what `interruptible: true` promises.
 */
import { SPOT_DISCOUNT } from '../catalog/pricing';
import type { Needs } from '../needs/schema';
import { trainingSpotSaving } from './plan-cost';
import type { Proposal } from './recommendation';

/** The rule's proposal, or undefined when it does not apply. */
export function spotRule(needs: Needs): Proposal | undefined {
  const training = needs.workload.training;
  if (!training?.interruptible || training.capacity !== 'on-demand') return undefined;
  return {
    rule: 'spot',
    detail:
      'workload.training.interruptible is true but workload.training.capacity is on-demand: the training tolerates interruption, so spot capacity fits ' +
      `(the catalog assumes ${Math.round(SPOT_DISCOUNT * 100)}% off on-demand); set workload.training.capacity on-demand → spot (EKS drains a spot node on the interruption notice; jobs must checkpoint and resume)`,
    edit: { path: ['workload', 'training', 'capacity'], value: 'spot' },
    monthlySavingsUsd: trainingSpotSaving(needs),
  };
}
