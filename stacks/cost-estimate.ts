/**
 * What a deployment costs a month, at the smallest and the largest scale of its node groups: the
 * cluster's compute (./gpu-capacity-plan), the data foundation's services
 * (./data-foundation-cost) and the edge fleet's private CA, from catalog prices, and how that
 * compares with the budget. Pure;
 * `select`, the PR preview and `optimize` all read it, so they cannot disagree.
 */
import { PRICE_REGION } from '../catalog/pricing';
import { PRIVATE_CA_MONTHLY_USD } from '../constructs/edge/edge-trust-anchor';
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import { dataFoundationCostAssumptions, dataFoundationCostLines } from './data-foundation-cost';
import { monthlyComputeCost, monthlyCostLines, type CostLine } from './gpu-capacity-plan';

/** The monthly cost estimate: the cluster's compute, the data foundation's services, the edge fleet's private CA. */
export interface CostModel {
  /** Totals of the lines; zero with no line. */
  readonly minUsd: number;
  readonly maxUsd: number;
  readonly lines: readonly CostLine[];
  readonly assumptions: readonly string[];
}

/** True when the selection builds the EKS cluster. */
export function hasCloudCluster(selection: Pick<Selection, 'stacks'>): boolean {
  return selection.stacks.some((stack) => stack.role === 'gpu-cluster');
}

/**
 * The edge fleet's root of trust (edge-centric: the lakehouse stack's EdgeTrustAnchor), a
 * general-purpose Private CA billed a flat fee a month whether it signs one certificate or none.
 */
function edgeTrustCostLines(selection: Pick<Selection, 'strategy'>): CostLine[] {
  if (selection.strategy !== 'edge-centric') return [];
  return [{ label: 'edge private CA (AWS Private CA, general-purpose)', minUsd: PRIVATE_CA_MONTHLY_USD, maxUsd: PRIVATE_CA_MONTHLY_USD }];
}

/**
 * The estimate's lines by the stack that adds them: the cloud cluster's compute (gpu-cluster;
 * none without one), and the lakehouse stack's data foundation services (none without
 * streaming or compliance) and edge private CA (edge-centric only).
 */
export interface CostParts {
  readonly compute: readonly CostLine[];
  readonly dataServices: readonly CostLine[];
  readonly edgeTrust: readonly CostLine[];
}

/** The lines of {@link CostParts}. */
export function costParts(needs: Needs, selection: Pick<Selection, 'strategy' | 'stacks'>): CostParts {
  return { compute: hasCloudCluster(selection) ? monthlyCostLines(needs) : [], dataServices: dataFoundationCostLines(needs), edgeTrust: edgeTrustCostLines(selection) };
}

/** Every line of `parts`, in the estimate's order (compute, data services, edge trust). */
export function linesOf(parts: CostParts): CostLine[] {
  return [...parts.compute, ...parts.dataServices, ...parts.edgeTrust];
}

/** The total of `lines` at min and max scale, to the cent. */
export function costTotals(lines: readonly CostLine[]): { minUsd: number; maxUsd: number } {
  const sum = (pick: (l: CostLine) => number) => Math.round(lines.reduce((acc, l) => acc + pick(l), 0) * 100) / 100;
  return { minUsd: sum((l) => l.minUsd), maxUsd: sum((l) => l.maxUsd) };
}

/** The monthly cost at min and max scale: the sum of its {@link CostParts}. */
export function costOf(needs: Needs, selection: Pick<Selection, 'strategy' | 'stacks'>): CostModel {
  const assumptions = [monthlyComputeCost(needs).assumptions];
  if (needs.cloud.region !== PRICE_REGION) assumptions.push(`this deployment is in ${needs.cloud.region}, where prices differ from ${PRICE_REGION}`);
  assumptions.push('on-prem and edge hardware are not priced');
  assumptions.push(...dataFoundationCostAssumptions(needs));
  const lines = linesOf(costParts(needs, selection));
  return { ...costTotals(lines), lines, assumptions };
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
