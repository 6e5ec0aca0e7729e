/**
 * What the needs buy, for the comment: accelerators by group at min and max scale, EFA
 * bandwidth, on-prem and edge hardware, storage tiers, and the monthly compute cost at min and
 * max scale. Pure; the node groups and prices come from stacks/gpu-capacity-plan.ts, the same
 * plan the gpu-cluster stack builds from, so the comment cannot disagree with the stack.
 */
import { ACCELERATOR_SPECS, type Accelerator } from '../catalog/accelerator';
import { EDGE_HARDWARE_SPECS, type EdgeHardware } from '../catalog/edge-hardware';
import { PRICE_REGION } from '../catalog/pricing';
import type { Needs } from '../needs/schema';
import { monthlyComputeCost, monthlyCostLines, plannedGpuGroups, type CostLine } from '../stacks/gpu-capacity-plan';
import { dataFoundationCostAssumptions, dataFoundationCostLines } from './data-foundation-cost';

export type { CostLine };
import type { Selection } from '../strategy/select';

/** One accelerator node group of the cloud cluster. */
export interface GroupCapacity {
  readonly workload: 'training' | 'inference';
  readonly instance: string;
  readonly accelerator: Accelerator;
  /** e.g. `NVIDIA H100`. */
  readonly model: string;
  readonly chipsPerNode: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
  /** Network bandwidth per node in Gbps (catalog `networkBandwidthGbps`) when the group is on an EFA fabric. */
  readonly efaGbpsPerNode?: number;
}

/** Edge nodes of one hardware kind. */
export interface EdgeCapacity {
  readonly hardware: EdgeHardware;
  readonly sites: number;
  readonly nodes: number;
  readonly gpus: number;
}

/** Everything the capacity section shows. */
export interface CapacityModel {
  /** True when the selection builds the gpu-cluster stack. */
  readonly cloudCluster: boolean;
  readonly groups: readonly GroupCapacity[];
  readonly onPrem?: { readonly accelerator: Accelerator; readonly nodes: number; readonly gpusPerNode: number; readonly interconnect: string };
  readonly edge: readonly EdgeCapacity[];
  readonly storage: { readonly volumeTb: number; readonly hotDays: number; readonly coolDays: number; readonly archiveDays: number; readonly tableFormat: string; readonly retentionDays?: number };
}

/** The monthly compute cost estimate. */
export interface CostModel {
  /** Totals from monthlyComputeCost; zero without a cloud cluster. */
  readonly minUsd: number;
  readonly maxUsd: number;
  readonly lines: readonly CostLine[];
  readonly assumptions: readonly string[];
}

/** True when the selection builds the EKS cluster. */
export function hasCloudCluster(selection: Selection): boolean {
  return selection.stacks.some((stack) => stack.role === 'gpu-cluster');
}

/** The capacity the needs ask for under the selection. */
export function capacityOf(needs: Needs, selection: Selection): CapacityModel {
  const cloudCluster = hasCloudCluster(selection);
  const groups = cloudCluster
    ? plannedGpuGroups(needs).map((g) => ({
        workload: g.workload,
        instance: g.instance.name,
        accelerator: g.instance.accelerator,
        model: ACCELERATOR_SPECS[g.instance.accelerator].model,
        chipsPerNode: g.instance.chips,
        minNodes: g.minSize,
        maxNodes: g.maxSize,
        capacityType: g.capacityType,
        ...(g.efa ? { efaGbpsPerNode: g.instance.networkBandwidthGbps } : {}),
      }))
    : [];
  const { onPrem, data } = needs;
  const edgeStacks = new Set(selection.stacks.filter((s) => s.role.startsWith('edge-')).map((s) => s.role.slice('edge-'.length)));
  const edge = new Map<EdgeHardware, { sites: number; nodes: number }>();
  for (const site of needs.workload.inference?.sites ?? []) {
    if (!edgeStacks.has(site.name)) continue;
    const entry = edge.get(site.hardware) ?? { sites: 0, nodes: 0 };
    edge.set(site.hardware, { sites: entry.sites + 1, nodes: entry.nodes + site.nodes });
  }
  return {
    cloudCluster,
    groups,
    ...(onPrem && selection.strategy === 'hybrid' ? { onPrem: { accelerator: onPrem.accelerator, nodes: onPrem.gpuNodes, gpusPerNode: onPrem.gpusPerNode, interconnect: onPrem.interconnect } } : {}),
    edge: [...edge.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hardware, e]) => ({ hardware, ...e, gpus: e.nodes * EDGE_HARDWARE_SPECS[hardware].gpusPerNode })),
    storage: { volumeTb: data.volumeTb, ...data.tiers, tableFormat: data.tableFormat, ...(data.retentionDays !== undefined ? { retentionDays: data.retentionDays } : {}) },
  };
}

/**
 * The monthly cost at min and max scale: the cloud cluster (zero without one) and the data
 * foundation's services (./data-foundation-cost; none without streaming or compliance).
 */
export function costOf(needs: Needs, selection: Selection): CostModel {
  const total = monthlyComputeCost(needs);
  const assumptions = [total.assumptions];
  if (needs.cloud.region !== PRICE_REGION) assumptions.push(`this deployment is in ${needs.cloud.region}, where prices differ from ${PRICE_REGION}`);
  assumptions.push('on-prem and edge hardware are not priced');
  assumptions.push(...dataFoundationCostAssumptions(needs));
  const dataLines = dataFoundationCostLines(needs);
  const lines = [...(hasCloudCluster(selection) ? monthlyCostLines(needs) : []), ...dataLines];
  const sum = (pick: (l: CostLine) => number) => Math.round(lines.reduce((acc, l) => acc + pick(l), 0) * 100) / 100;
  if (dataLines.length === 0) {
    // Unchanged from before the data foundation: the cluster's own totals.
    if (!hasCloudCluster(selection)) return { minUsd: 0, maxUsd: 0, lines: [], assumptions };
    return { minUsd: total.minUsd, maxUsd: total.maxUsd, lines, assumptions };
  }
  return { minUsd: sum((l) => l.minUsd), maxUsd: sum((l) => l.maxUsd), lines, assumptions };
}

/** How the estimate compares with `business.monthlyBudgetUsd`. */
export interface BudgetCheck {
  readonly budgetUsd: number;
  /** within: max scale fits; over-at-max: only max scale exceeds it; over-at-min: even min scale does. */
  readonly status: 'within' | 'over-at-max' | 'over-at-min';
  /** The estimate that exceeds the budget (min or max), when over. */
  readonly overUsd?: number;
}

/** The estimate against the budget, or undefined without a budget. */
export function budgetCheck(cost: Pick<CostModel, 'minUsd' | 'maxUsd'>, budgetUsd: number | undefined): BudgetCheck | undefined {
  if (budgetUsd === undefined) return undefined;
  if (cost.minUsd > budgetUsd) return { budgetUsd, status: 'over-at-min', overUsd: cost.minUsd };
  if (cost.maxUsd > budgetUsd) return { budgetUsd, status: 'over-at-max', overUsd: cost.maxUsd };
  return { budgetUsd, status: 'within' };
}

/**
 * Why the deployed budget may see no cost yet: its filter counts only an activated cost
 * allocation tag, which only the payer account can activate, and only once the tag shows up in
 * billing data (constructs/alerts/monthly-budget.ts).
 */
export const BUDGET_TAG_NOTE =
  'the AWS Budget counts spend tagged tracklayer:project only once that tag is an active cost allocation tag, which the payer (management) account activates after the tag first appears in billing data (up to 24 hours); until then the budget sees no cost (README: "Cost allocation tag")';
