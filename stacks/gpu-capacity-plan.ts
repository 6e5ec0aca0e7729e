/**
 * The node groups a gpu-cluster stack builds, and what they cost, as a pure function of the
 * needs: the stack builds from it, and the cost output (and later the PR preview) reads it.
 *
 * | group     | when                           | instance                   | min / max                          | capacity              |
 * |-----------|--------------------------------|----------------------------|------------------------------------|-----------------------|
 * | system    | always                         | SYSTEM_INSTANCE            | SYSTEM_NODES                       | on-demand             |
 * | training  | cloud training GPUs > 0        | chooseTrainingInstance     | 0 (bursty, scheduled) or max / ceil(gpus / chips) | `capacity`: on-demand or spot |
 * | training-<reservation id> | capacity reservation or capacity-block | chooseTrainingInstance | see below | the reservation |
 * | inference | workload.inference, replicas>0 | chooseInferenceInstance    | replicas / replicas                | on-demand             |
 *
 * Reserved training capacity (`capacity: reservation | capacity-block`) gets one node group per
 * reservation, in that reservation's zone: a launch template targets one reservation, and a
 * reservation lives in one zone. The ceil(gpus / chips) nodes are split over the reservations
 * in the order listed, as evenly as whole nodes allow (the first ones take the remainder).
 * - `reservation` (On-Demand Capacity Reservation): min = max = its share. The reservation
 *   bills at the on-demand rate whether instances run in it or not, so idle nodes cost nothing
 *   extra and jobs start without a cold start.
 * - `capacity-block`: min 0, max = its share. Instances can only launch inside the block's
 *   window; the Cluster Autoscaler starts them for pending pods, EKS scales the group to 0
 *   forty minutes before the block ends (its scheduled action "Amazon EKS Node Group Capacity
 *   Scaledown Before Reservation End"). The block is prepaid, so its cost does not depend on
 *   the scale: min and max cost are both the full block.
 *
 * Zones: a group on an EFA fabric, or in a reservation, lives in one zone: the reservation's,
 * else `cloud.zoneIds[0]` (NEEDS-v1.1: the first zone holds the EFA training group unless
 * reservations place it). Every other group spreads over all of `cloud.zoneIds`. The network
 * stack builds one private subnet per zone in the same order, so a zone's subnet is the one at
 * its index.
 *
 * `gpus` of the training groups is the cloud's share (../strategy/burst-gap `cloudTraining`):
 * all of `training.gpus`, or in hybrid only what the on-prem GPUs lack.
 */
import { HOURS_PER_MONTH, SPOT_DISCOUNT, monthlyCostUsd } from '../catalog/pricing';
import { capacityBlockRate } from '../catalog/capacity-block-prices';
import type { InstanceTypeSpec } from '../catalog/instance-type';
import type { CapacityType } from '../constructs/compute/gpu-node-group';
import { inferenceNodeGroupSizing, trainingNodeGroupSizing } from '../constructs/compute/training-node-sizing';
import type { Needs } from '../needs/schema';
import { cloudTraining } from '../strategy/burst-gap';
import { selectStrategy } from '../strategy/select';

/**
 * The system node group (CoreDNS, add-on controllers, the device-plugin control pods):
 * small general-purpose nodes, two for availability, four at most.
 */
export const SYSTEM_INSTANCE = { name: 'm7i.large', onDemandUsdPerHour: 0.1008, priceAsOf: '2026-11-01', priceSource: 'https://aws.amazon.com/ec2/pricing/on-demand/' } as const;
/** The EKS control plane in standard support: $0.10 an hour (https://aws.amazon.com/eks/pricing/, as of 2026-11). */
export const EKS_CONTROL_PLANE_USD_PER_HOUR = 0.1;
/** System group size: two nodes keep CoreDNS up through a node replacement. */
export const SYSTEM_NODES = { min: 2, max: 4 } as const;

/** One accelerator node group of the plan. */
export interface PlannedGpuGroup {
  /** `training` or `inference`: the group's workload label. */
  readonly workload: 'training' | 'inference';
  /**
   * The group's key: its construct id is `<key>-nodes` and its name `<name>-<key>`. `training`
   * and `inference`, or `training-<reservation id>` for a group of reserved capacity.
   */
  readonly key: string;
  readonly instance: InstanceTypeSpec;
  readonly minSize: number;
  readonly maxSize: number;
  readonly capacityType: CapacityType;
  /** The reservation the group launches into (capacity `reservation` or `capacity-block`). */
  readonly reservationId?: string;
  /** The zones the group's nodes launch in, a subset of `cloud.zoneIds` in its order. */
  readonly zoneIds: readonly string[];
  /** Multi-node training over EFA: one subnet, EFA interfaces (and a placement group unless reserved). */
  readonly efa: boolean;
}

/** The accelerator node groups the needs call for, training first. */
export function plannedGpuGroups(needs: Needs): PlannedGpuGroup[] {
  const { inference } = needs.workload;
  const training = cloudTraining(needs, selectStrategy(needs).strategy);
  const groups: PlannedGpuGroup[] = [];
  if (training) groups.push(...trainingGroups(needs, training));
  if (inference && inference.replicas > 0) {
    const sizing = inferenceNodeGroupSizing(inference, needs.cloud.availabilityZones);
    groups.push({
      workload: 'inference',
      key: 'inference',
      instance: sizing.instance,
      minSize: sizing.minSize,
      maxSize: sizing.maxSize,
      capacityType: sizing.capacityType,
      zoneIds: [...needs.cloud.zoneIds],
      efa: false,
    });
  }
  return groups;
}

/** The training group, or one group per reservation (see the file comment). */
function trainingGroups(needs: Needs, training: NonNullable<Needs['workload']['training']>): PlannedGpuGroup[] {
  const sizing = trainingNodeGroupSizing(training, needs.workload.pattern);
  const { reservations } = training;
  if (reservations.length === 0) {
    const zoneIds = sizing.efa ? [needs.cloud.zoneIds[0]] : [...needs.cloud.zoneIds];
    return [{ workload: 'training', key: 'training', ...sizing, zoneIds }];
  }
  const block = training.capacity === 'capacity-block';
  return splitNodes(sizing.maxSize, reservations.length).map((nodes, index) => ({
    workload: 'training',
    key: `training-${reservations[index].id}`,
    instance: sizing.instance,
    minSize: block ? 0 : nodes,
    maxSize: nodes,
    capacityType: sizing.capacityType,
    reservationId: reservations[index].id,
    zoneIds: [reservations[index].zoneId],
    efa: sizing.efa,
  }));
}

/** `nodes` split over `parts` as evenly as whole nodes allow, the first parts taking the remainder. */
export function splitNodes(nodes: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(nodes / parts) + (index < nodes % parts ? 1 : 0));
}

/** One line of the monthly cost estimate, in USD. */
export interface CostLine {
  /** What is priced, e.g. `training nodes (p5.48xlarge, spot)`. */
  readonly label: string;
  readonly minUsd: number;
  readonly maxUsd: number;
}

/** Estimated monthly cost in USD at the smallest and the largest scale of the plan. */
export interface MonthlyCostEstimate {
  readonly minUsd: number;
  readonly maxUsd: number;
  /** The assumptions behind the figures, for people. */
  readonly assumptions: string;
}

function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** The cost of the cluster line by line: control plane, system nodes, each GPU node group. */
export function monthlyCostLines(needs: Needs): CostLine[] {
  const controlPlane = cents(EKS_CONTROL_PLANE_USD_PER_HOUR * HOURS_PER_MONTH);
  const system = (nodes: number) => cents(SYSTEM_INSTANCE.onDemandUsdPerHour * HOURS_PER_MONTH * nodes);
  return [
    { label: 'EKS control plane', minUsd: controlPlane, maxUsd: controlPlane },
    { label: `system nodes (${SYSTEM_INSTANCE.name})`, minUsd: system(SYSTEM_NODES.min), maxUsd: system(SYSTEM_NODES.max) },
    ...plannedGpuGroups(needs).map(groupCostLine),
  ];
}

/**
 * The cost line of one group. Reserved capacity bills whether it is used or not, so its cost
 * at min scale is its full size: an On-Demand Capacity Reservation at the on-demand rate, a
 * Capacity Block at the block's rate (catalog/capacity-block-prices.ts), for a month.
 */
function groupCostLine(g: PlannedGpuGroup): CostLine {
  const spot = g.capacityType === 'SPOT';
  const capacityBlock = g.capacityType === 'CAPACITY_BLOCK';
  const how = capacityBlock ? `, capacity block ${g.reservationId}` : g.reservationId ? `, reservation ${g.reservationId}` : spot ? ', spot' : '';
  const max = monthlyCostUsd(g.instance, g.maxSize, { spot, capacityBlock });
  return {
    label: `${g.workload} nodes (${g.instance.name}${how})`,
    minUsd: g.reservationId ? max : monthlyCostUsd(g.instance, g.minSize, { spot, capacityBlock }),
    maxUsd: max,
  };
}

/** What the estimate assumes about each way of buying capacity the plan uses. */
function capacityAssumptions(groups: readonly PlannedGpuGroup[]): string {
  const parts: string[] = [];
  if (groups.some((g) => g.capacityType === 'SPOT')) parts.push(`spot at ${Math.round(SPOT_DISCOUNT * 100)}% off`);
  const blocks = groups.filter((g) => g.capacityType === 'CAPACITY_BLOCK');
  if (blocks.length > 0) {
    const rate = capacityBlockRate(blocks[0].instance);
    parts.push(`Capacity Blocks prepaid for the whole month at ${rate ? `$${rate.usdPerHour} per ${blocks[0].instance.name} hour (${rate.source}, seen ${rate.asOf})` : 'their block rate'}, whatever the scale`);
  }
  if (groups.some((g) => g.reservationId && g.capacityType === 'ON_DEMAND')) parts.push('On-Demand Capacity Reservations billed at the on-demand rate whether used or not');
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

/** Monthly cost of the cluster (control plane and node groups) at min and max scale, from catalog prices. */
export function monthlyComputeCost(needs: Needs): MonthlyCostEstimate {
  const lines = monthlyCostLines(needs);
  return {
    minUsd: cents(lines.reduce((sum, line) => sum + line.minUsd, 0)),
    maxUsd: cents(lines.reduce((sum, line) => sum + line.maxUsd, 0)),
    assumptions: `EC2 on-demand Linux prices in us-east-1 from the catalog, ${HOURS_PER_MONTH} hours a month${capacityAssumptions(plannedGpuGroups(needs))}; EKS control plane included; storage, data transfer and NAT excluded`,
  };
}
