/**
 * What a needs file's compute costs a month, exactly as `select` and the PR preview price it
 * (preview/capacity.ts `costOf`: the capacity plan of stacks/gpu-capacity-plan — control plane,
 * system nodes, each GPU node group at catalog prices, 730 hours, spot at the catalog's discount —
 * and nothing when the selected strategy builds no cloud cluster), at the planned (max) scale:
 * the figure a budget is set against. A saving is the difference of two of these, so a change
 * that drops the cloud cluster altogether (a hybrid whose on-prem GPUs now suffice) saves it all.
 */
import { monthlyCostUsd } from '../catalog/pricing';
import type { Needs } from '../needs/schema';
import { costOf, hasCloudCluster } from '../stacks/cost-estimate';
import { plannedGpuGroups, type PlannedGpuGroup } from '../stacks/gpu-capacity-plan';
import { selectStrategy } from '../strategy/select';

/** Planned monthly compute cost, USD. */
export function plannedMonthlyUsd(needs: Needs): number {
  return costOf(needs, selectStrategy(needs)).maxUsd;
}

/** `before − after` planned cost, rounded to the cent. */
export function monthlySaving(before: Needs, after: Needs): number {
  return Math.round((plannedMonthlyUsd(before) - plannedMonthlyUsd(after)) * 100) / 100;
}

/** A GPU node group the selected strategy builds, or undefined. */
function builtGroup(needs: Needs, workload: PlannedGpuGroup['workload']): PlannedGpuGroup | undefined {
  if (!hasCloudCluster(selectStrategy(needs))) return undefined;
  return plannedGpuGroups(needs).find((g) => g.workload === workload);
}

/**
 * What the training node group costs a month on demand less on spot, at its planned (max) size:
 * the saving of `capacity: spot` over `capacity: on-demand` by the catalog's price and spot
 * discount (catalog/pricing). Priced here rather than as the difference of two plans because
 * the capacity plan derives the group's capacity type from `interruptible`
 * (constructs/compute/training-node-sizing.ts), not yet from NEEDS-v1.1 `capacity`.
 */
export function trainingSpotSaving(needs: Needs): number {
  const group = builtGroup(needs, 'training');
  if (!group) return 0;
  const saving = monthlyCostUsd(group.instance, group.maxSize, { spot: false }) - monthlyCostUsd(group.instance, group.maxSize, { spot: true });
  return Math.round(saving * 100) / 100;
}

/** The inference node group's monthly cost and shape, or undefined when no cloud group serves. */
export function inferenceFleet(needs: Needs): { readonly usd: number; readonly instance: string; readonly nodes: number; readonly chips: number } | undefined {
  const group = builtGroup(needs, 'inference');
  if (!group) return undefined;
  return {
    usd: monthlyCostUsd(group.instance, group.maxSize, { spot: group.capacityType === 'SPOT' }),
    instance: group.instance.name,
    nodes: group.maxSize,
    chips: group.instance.chips,
  };
}
