/**
 * What a deployment costs a month, at the smallest and the largest scale of its node groups: the
 * cluster's compute (./gpu-capacity-plan) and the data foundation's services
 * (./data-foundation-cost), from catalog prices, and how that compares with the budget. Pure;
 * `select`, the PR preview and `optimize` all read it, so they cannot disagree.
 */
import { PRICE_REGION } from '../catalog/pricing';
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import { dataFoundationCostAssumptions, dataFoundationCostLines } from './data-foundation-cost';
import { monthlyComputeCost, monthlyCostLines, type CostLine } from './gpu-capacity-plan';

/** The monthly cost estimate: the cluster's compute and the data foundation's services. */
export interface CostModel {
  /** Totals of the lines; zero with no line. */
  readonly minUsd: number;
  readonly maxUsd: number;
  readonly lines: readonly CostLine[];
  readonly assumptions: readonly string[];
}

/** True when the selection builds the EKS cluster. */
export function hasCloudCluster(selection: Selection): boolean {
  return selection.stacks.some((stack) => stack.role === 'gpu-cluster');
}

/**
 * The monthly cost at min and max scale: the cloud cluster (zero without one) and the data
 * foundation's services (./data-foundation-cost; none without streaming or compliance).
 */
export function costOf(needs: Needs, selection: Selection): CostModel {
  const assumptions = [monthlyComputeCost(needs).assumptions];
  if (needs.cloud.region !== PRICE_REGION) assumptions.push(`this deployment is in ${needs.cloud.region}, where prices differ from ${PRICE_REGION}`);
  assumptions.push('on-prem and edge hardware are not priced');
  assumptions.push(...dataFoundationCostAssumptions(needs));
  const lines = [...(hasCloudCluster(selection) ? monthlyCostLines(needs) : []), ...dataFoundationCostLines(needs)];
  const sum = (pick: (l: CostLine) => number) => Math.round(lines.reduce((acc, l) => acc + pick(l), 0) * 100) / 100;
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
