/**
 * Who gets an accelerator when there are not enough: three PriorityClasses, none of them the
 * cluster default (a pod without `priorityClassName` keeps priority 0).
 *
 * | class                | value     | preemption            | who                                               |
 * |----------------------|-----------|-----------------------|---------------------------------------------------|
 * | `inference-critical` | 1,000,000 | PreemptLowerPriority  | model serving: user-facing, takes capacity back   |
 * | `training`           | 100,000   | PreemptLowerPriority  | on-demand training; may evict batch work          |
 * | `batch-preemptible`  | 0         | Never                 | interruptible training (spot): waits, never evicts |
 *
 * Why these values: user-defined classes must stay at or below 1,000,000,000, and the built-in
 * `system-cluster-critical` (2,000,000,000) and `system-node-critical` (2,000,001,000), which the
 * node agents use, stay above every workload. The gaps leave room for classes in between.
 * `batch-preemptible` is 0, not negative: the Cluster Autoscaler treats pods below its
 * expendable-pods cutoff (default -10) as not worth a scale-up, and interruptible training on
 * node groups that scale from zero needs that scale-up. With preemption `Never` it queues
 * behind everything else instead of evicting anything, and is evicted first.
 */
import { PriorityClassV1 } from '@cdktf/provider-kubernetes/lib/priority-class-v1';
import { Construct } from 'constructs';

/** One PriorityClass of the platform. */
export interface WorkloadPriority {
  readonly name: string;
  readonly value: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly description: string;
}

/** The platform's priority classes, highest first. */
export const WORKLOAD_PRIORITIES: readonly WorkloadPriority[] = [
  {
    name: 'inference-critical',
    value: 1_000_000,
    preemptionPolicy: 'PreemptLowerPriority',
    description: 'Model serving: preempts training and batch work to get accelerators back.',
  },
  {
    name: 'training',
    value: 100_000,
    preemptionPolicy: 'PreemptLowerPriority',
    description: 'On-demand training: preempts batch-preemptible work, yields to inference-critical.',
  },
  {
    name: 'batch-preemptible',
    value: 0,
    preemptionPolicy: 'Never',
    description: 'Interruptible training and batch jobs: never preempts, is preempted first.',
  },
];

/** The priority classes. */
export class SchedulingPriorities extends Construct {
  /** The classes by name. */
  readonly classes: Readonly<Record<string, PriorityClassV1>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.classes = Object.fromEntries(
      WORKLOAD_PRIORITIES.map((p) => [
        p.name,
        new PriorityClassV1(this, p.name, {
          metadata: { name: p.name, labels: { 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' } },
          value: p.value,
          preemptionPolicy: p.preemptionPolicy,
          globalDefault: false,
          description: p.description,
        }),
      ]),
    );
  }
}
