/**
 * Schedulability: can the workloads the needs imply, and those the stacks contain, actually run
 * on the nodes the stacks build (or the on-prem and edge nodes the needs describe)? One pass over
 * the whole synthesis (../schedulability/schedulability.ts) answers for all three rules.
 */
import type { Rule } from '../rule';
import { schedulingFindingsIn } from '../schedulability/schedulability';

/** SCHED_PLACEMENT: every workload finds a node source that admits it and nodes that can come. */
export const schedPlacement: Rule = {
  id: 'SCHED_PLACEMENT',
  level: 'error',
  rationale:
    "Every workload (each team's training job with EFA, every cloud inference replica, each Deployment, Job and DaemonSet, and the controllers of known charts) finds a node source whose labels, taints, node resources and maximum size admit it, with an autoscaler (and node-template tags) that can create the nodes when the source is at its minimum or at zero; a DaemonSet targets at least one node.",
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack, synth) => schedulingFindingsIn(stack, 'SCHED_PLACEMENT', synth),
};

/** SCHED_ROLLOUT: a Deployment's rolling update can make progress. */
export const schedRollout: Rule = {
  id: 'SCHED_ROLLOUT',
  level: 'error',
  rationale:
    'A Deployment that may not stop an old pod before a new one runs (maxUnavailable 0, as the default 25%/25% gives below 4 replicas) has room for one more pod: a free node with the accelerators it needs, and namespace quota; otherwise every rollout waits forever (use maxSurge 0 or Recreate on fixed GPU fleets).',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack, synth) => schedulingFindingsIn(stack, 'SCHED_ROLLOUT', synth),
};

/** SCHED_NAMESPACE_LIMITS: the namespace's LimitRange and ResourceQuota admit the workload and do not starve it. */
export const schedNamespaceLimits: Rule = {
  id: 'SCHED_NAMESPACE_LIMITS',
  level: 'error',
  rationale:
    "A workload's namespace admits its pods: the LimitRange neither rejects them nor gives a GPU container a default memory limit below its accelerators' memory (it would be OOM-killed; a warning for jobs the needs imply), and the ResourceQuota covers all its pods at once.",
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack, synth) => schedulingFindingsIn(stack, 'SCHED_NAMESPACE_LIMITS', synth),
};

/** The schedulability rules, in registry order. */
export const SCHEDULABILITY_RULES: readonly Rule[] = [schedPlacement, schedRollout, schedNamespaceLimits];
