/**
 * The node groups a gpu-cluster stack builds, and what they cost, as a pure function of the
 * needs: the stack builds from it, and the cost output (and later the PR preview) reads it.
 *
 * | group     | when                           | instance                   | min / max                          | capacity              |
 * |-----------|--------------------------------|----------------------------|------------------------------------|-----------------------|
 * | system    | always                         | SYSTEM_INSTANCE            | SYSTEM_NODES                       | on-demand             |
 * | training  | workload.training              | chooseTrainingInstance     | 0 (bursty, scheduled) or max / ceil(gpus / chips) | spot if interruptible |
 * | inference | workload.inference, replicas>0 | chooseInferenceInstance    | replicas / replicas                | on-demand             |
 */
import { HOURS_PER_MONTH, SPOT_DISCOUNT, monthlyCostUsd } from '../catalog/pricing';
import type { InstanceTypeSpec } from '../catalog/instance-type';
import type { CapacityType } from '../constructs/compute/gpu-node-group';
import { inferenceNodeGroupSizing, trainingNodeGroupSizing } from '../constructs/compute/training-node-sizing';
import type { Needs } from '../needs/schema';

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
  const { training, inference } = needs.workload;
  const groups: PlannedGpuGroup[] = [];
  if (training) groups.push({ workload: 'training', ...trainingNodeGroupSizing(training, needs.workload.pattern) });
  if (inference && inference.replicas > 0) {
    const sizing = inferenceNodeGroupSizing(inference, needs.cloud.availabilityZones);
    groups.push({ workload: 'inference', instance: sizing.instance, minSize: sizing.minSize, maxSize: sizing.maxSize, capacityType: sizing.capacityType, efa: false });
  }
  return groups;
}

/** Estimated monthly cost in USD at the smallest and the largest scale of the plan. */
export interface MonthlyCostEstimate {
  readonly minUsd: number;
  readonly maxUsd: number;
  /** The assumptions behind the figures, for people. */
  readonly assumptions: string;
}

/** Monthly cost of the cluster (control plane and node groups) at min and max scale, from catalog prices. */
export function monthlyComputeCost(needs: Needs): MonthlyCostEstimate {
  const fixed = (systemNodes: number) => (SYSTEM_INSTANCE.onDemandUsdPerHour * systemNodes + EKS_CONTROL_PLANE_USD_PER_HOUR) * HOURS_PER_MONTH;
  const groups = plannedGpuGroups(needs);
  const at = (size: (g: PlannedGpuGroup) => number) => groups.reduce((sum, g) => sum + monthlyCostUsd(g.instance, size(g), { spot: g.capacityType === 'SPOT' }), 0);
  return {
    minUsd: Math.round((fixed(SYSTEM_NODES.min) + at((g) => g.minSize)) * 100) / 100,
    maxUsd: Math.round((fixed(SYSTEM_NODES.max) + at((g) => g.maxSize)) * 100) / 100,
    assumptions: `EC2 on-demand Linux prices in us-east-1 from the catalog, ${HOURS_PER_MONTH} hours a month, spot at ${Math.round(SPOT_DISCOUNT * 100)}% off; EKS control plane included; storage, data transfer and NAT excluded`,
  };
}
