/**
 * From a workload need to node-group sizes. Pure functions over the catalog, tested without
 * synthesis; stacks feed the result to GpuNodeGroup.
 *
 * Training (`trainingNodeGroupSizing`), instance and node count from `chooseTrainingInstance`:
 *
 * | pattern              | minSize       | maxSize             | why                                               |
 * | -------------------- | ------------- | ------------------- | ------------------------------------------------- |
 * | steady               | = maxSize     | ceil(gpus / chips)  | the job runs all the time; keep the nodes         |
 * | bursty, scheduled    | 0             | ceil(gpus / chips)  | pay for GPUs only while a job runs; scale from 0  |
 *
 * | capacity (NEEDS-v1.1)   | capacityType   | instance candidates                  |
 * | ----------------------- | -------------- | ------------------------------------ |
 * | on-demand, reservation  | ON_DEMAND      | on-demand types                      |
 * | spot                    | SPOT           | on-demand types                      |
 * | capacity-block          | CAPACITY_BLOCK | types sold as EC2 Capacity Blocks    |
 *
 * `capacity` absent (callers that predate it): SPOT when interruptible, else ON_DEMAND. `efa`
 * follows the placement: true when multi-node. How reserved capacity is split into one group
 * per reservation is the capacity plan's business (stacks/gpu-capacity-plan.ts).
 *
 * Inference (`inferenceNodeGroupSizing`): the smallest instance carrying the accelerator
 * (`chooseInferenceInstance`), one replica per node, `minSize = maxSize = replicas`: a fixed
 * fleet sized to the needs file, on demand (serving must not be reclaimed), never EFA. Scaling
 * replicas on load is the model server's autoscaler's job within that fleet; the node group
 * spans every private subnet it is given, and EKS's Auto Scaling group balances the nodes over
 * those zones, so `min(replicas, zoneCount)` zones hold a replica.
 */
import type { Accelerator } from '../../catalog/accelerator';
import { chooseInferenceInstance, chooseTrainingInstance } from '../../catalog/choose-instance';
import type { InstanceTypeSpec } from '../../catalog/instance-type';
import { ComputeError } from './compute-error';
import type { CapacityType } from './gpu-node-group';

/** NEEDS-v1 `workload.pattern`. */
export type WorkloadPattern = 'steady' | 'bursty' | 'scheduled';

/** A training need, as NEEDS-v1 `workload.training` states it (with `multiNode` already defaulted). */
export interface TrainingSizingNeed {
  /** Accelerator kind. */
  readonly accelerator: Accelerator;
  /** Total accelerator chips over all nodes. */
  readonly gpus: number;
  /** True when spot capacity is acceptable. */
  readonly interruptible: boolean;
  /** True when the job spans nodes (and so needs EFA). */
  readonly multiNode: boolean;
  /**
   * How the capacity is bought (NEEDS-v1.1 `workload.training.capacity`).
   * @default - spot when interruptible, else on-demand
   */
  readonly capacity?: 'on-demand' | 'spot' | 'reservation' | 'capacity-block';
}

/** An inference need, as NEEDS-v1 `workload.inference` states it. */
export interface InferenceSizingNeed {
  /** Accelerator kind. */
  readonly accelerator: Accelerator;
  /** Cloud replicas; at least 1 to need a node group. */
  readonly replicas: number;
}

/** Sizes and capacity of one node group. */
export interface NodeGroupSizing {
  /** The instance type of every node. */
  readonly instance: InstanceTypeSpec;
  /** Fewest nodes. */
  readonly minSize: number;
  /** Most nodes. */
  readonly maxSize: number;
  /** On-demand or spot. */
  readonly capacityType: CapacityType;
  /** True when the nodes join an EFA fabric (then: one subnet, a placement group). */
  readonly efa: boolean;
}

/** An inference node group's sizing and how many zones it reaches. */
export interface InferenceNodeGroupSizing extends NodeGroupSizing {
  /** Zones holding at least one replica: `min(replicas, zoneCount)`. */
  readonly zonesWithReplicas: number;
}

/**
 * Sizes the training node group by the table above.
 * @throws CatalogError when no instance type fits the need (from `chooseTrainingInstance`).
 */
export function trainingNodeGroupSizing(need: TrainingSizingNeed, pattern: WorkloadPattern): NodeGroupSizing {
  const capacity = need.capacity ?? (need.interruptible ? 'spot' : 'on-demand');
  const placement = chooseTrainingInstance({ ...need, capacityBlock: capacity === 'capacity-block' });
  const maxSize = Math.ceil(need.gpus / placement.instance.chips);
  return {
    instance: placement.instance,
    minSize: pattern === 'steady' ? maxSize : 0,
    maxSize,
    capacityType: CAPACITY_TYPES[capacity],
    efa: placement.efa,
  };
}

/** The EKS capacity type of each way of buying capacity (an On-Demand Capacity Reservation holds on-demand instances). */
const CAPACITY_TYPES: Readonly<Record<NonNullable<TrainingSizingNeed['capacity']>, CapacityType>> = {
  'on-demand': 'ON_DEMAND',
  spot: 'SPOT',
  reservation: 'ON_DEMAND',
  'capacity-block': 'CAPACITY_BLOCK',
};

/**
 * Sizes the inference node group: one replica per node, `minSize = maxSize = replicas`.
 * @throws ComputeError when `replicas` is below 1 (no node group is needed; leave it out) or
 *   `zoneCount` is not a whole number of at least 1.
 * @throws CatalogError when the catalog has no on-demand type for the accelerator.
 */
export function inferenceNodeGroupSizing(need: InferenceSizingNeed, zoneCount: number): InferenceNodeGroupSizing {
  if (!Number.isInteger(need.replicas) || need.replicas < 1) {
    throw new ComputeError(
      'inferenceNodeGroupSizing',
      `replicas must be a whole number of at least 1 to size a node group, got ${need.replicas}; with 0 cloud replicas leave the inference node group out`,
    );
  }
  if (!Number.isInteger(zoneCount) || zoneCount < 1) {
    throw new ComputeError('inferenceNodeGroupSizing', `zoneCount must be a whole number of at least 1 (the private subnets passed to the node group), got ${zoneCount}`);
  }
  return {
    instance: chooseInferenceInstance(need.accelerator),
    minSize: need.replicas,
    maxSize: need.replicas,
    capacityType: 'ON_DEMAND',
    efa: false,
    zonesWithReplicas: Math.min(need.replicas, zoneCount),
  };
}
