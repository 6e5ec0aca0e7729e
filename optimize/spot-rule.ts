/**
 * Rule `spot`: training the needs file calls interruptible (`workload.training.interruptible:
 * true`) but buys on demand (`workload.training.capacity: on-demand`, NEEDS-v1.1) pays for a
 * guarantee it says it does not need: the change is `capacity: spot`. No metric is read; the
 * needs file is the evidence. The saving is the training group's cost at the catalog's spot
 * discount (catalog/pricing SPOT_DISCOUNT, an assumption the catalog documents).
 *
 * What happens on apply: the training managed node group is recreated with capacity type SPOT
 * (EKS managed node groups turn on Capacity Rebalancing for spot: when EC2 signals that a spot
 * node is at elevated risk, or gives its two-minute interruption notice, EKS launches a
 * replacement and drains the node, https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
 * "Managed node group capacity types"). A job loses the pods on a reclaimed node, so training
 * must checkpoint and resume: that is what `interruptible: true` promises.
 */
import type { Needs } from '../needs/schema';
import type { Proposal } from './recommendation';

/** The training need with the v1.1 capacity field, read loosely so the rule compiles either way. */
type TrainingWithCapacity = NonNullable<Needs['workload']['training']> & { readonly capacity?: string };

/** The rule's proposal, or undefined when it does not apply. */
export function spotRule(needs: Needs): Proposal | undefined {
  const training = needs.workload.training as TrainingWithCapacity | undefined;
  if (!training?.interruptible || training.capacity !== 'on-demand') return undefined;
  return {
    rule: 'spot',
    detail:
      'workload.training.interruptible is true but workload.training.capacity is on-demand: the training tolerates interruption, so spot capacity fits; ' +
      'set workload.training.capacity on-demand → spot (EKS drains a spot node on the interruption notice; jobs must checkpoint and resume)',
    edit: { path: ['workload', 'training', 'capacity'], value: 'spot' },
  };
}
