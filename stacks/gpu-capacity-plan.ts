/**
 * The node groups a gpu-cluster stack builds, and what they cost, as a pure function of the
 * needs: the stack builds from it, and the cost output (and later the PR preview) reads it.
 *
 * | group     | when                           | instance                   | min / max                          | capacity              |
 * |-----------|--------------------------------|----------------------------|------------------------------------|-----------------------|
 * | system    | always                         | SYSTEM_INSTANCE            | SYSTEM_NODES                       | on-demand             |
 * | training  | cloud training GPUs > 0        | chooseTrainingInstance     | 0 (bursty, scheduled) or max / ceil(gpus / chips) | spot if interruptible |
 * | inference | workload.inference, replicas>0 | chooseInferenceInstance    | replicas / replicas                | on-demand             |
 *
 * `gpus` of the training group is the cloud's share (../strategy/burst-gap `cloudTraining`):
 * all of `training.gpus`, or in hybrid only what the on-prem GPUs lack.
 */
import { HOURS_PER_MONTH, SPOT_DISCOUNT, monthlyCostUsd } from '../catalog/pricing';
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
  /** `training` or `inference`: the group's construct id and workload label. */
  readonly workload: 'training' | 'inference';
  readonly instance: InstanceTypeSpec;
  readonly minSize: number;
  readonly maxSize: number;
  readonly capacityType: CapacityType;
  /** Multi-node training over EFA: one subnet, a placement group, EFA interfaces. */
  readonly efa: boolean;
}

/** The accelerator node groups the needs call for, training first. */
export function plannedGpuGroups(needs: Needs): PlannedGpuGroup[] {
  const { inference } = needs.workload;
  const training = cloudTraining(needs, selectStrategy(needs).strategy);
  const groups: PlannedGpuGroup[] = [];
  if (training) groups.push({ workload: 'training', ...trainingNodeGroupSizing(training, needs.workload.pattern) });
  if (inference && inference.replicas > 0) {
    const sizing = inferenceNodeGroupSizing(inference, needs.cloud.availabilityZones);
    groups.push({ workload: 'inference', instance: sizing.instance, minSize: sizing.minSize, maxSize: sizing.maxSize, capacityType: sizing.capacityType, efa: false });
  }
  return groups;
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
    ...plannedGpuGroups(needs).map((g) => {
      const spot = g.capacityType === 'SPOT';
      return {
        label: `${g.workload} nodes (${g.instance.name}${spot ? ', spot' : ''})`,
        minUsd: monthlyCostUsd(g.instance, g.minSize, { spot }),
        maxUsd: monthlyCostUsd(g.instance, g.maxSize, { spot }),
      };
    }),
  ];
}

/** Monthly cost of the cluster (control plane and node groups) at min and max scale, from catalog prices. */
export function monthlyComputeCost(needs: Needs): MonthlyCostEstimate {
  const lines = monthlyCostLines(needs);
  return {
    minUsd: cents(lines.reduce((sum, line) => sum + line.minUsd, 0)),
    maxUsd: cents(lines.reduce((sum, line) => sum + line.maxUsd, 0)),
    assumptions: `EC2 on-demand Linux prices in us-east-1 from the catalog, ${HOURS_PER_MONTH} hours a month, spot at ${Math.round(SPOT_DISCOUNT * 100)}% off; EKS control plane included; storage, data transfer and NAT excluded`,
  };
}
