/**
 * What `select` reports, as one object both the text and `--json` are made from, so the two
 * always carry the same facts (NEEDS-v1 `select --json` plus Amendments v1.1 `cost`):
 * the selection, the monthly cost estimate at min and max scale against the budget, and in
 * hybrid whether the cloud cluster bursts and why.
 */
import { BUDGET_TAG_NOTE, budgetCheck, costOf } from '../stacks/cost-estimate';
import { usd } from '../preview/markdown';
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import { onPremGpus, trainingGapGpus } from '../strategy/burst-gap';
import { burstCauses } from '../strategy/stack-plan';

/** The monthly cost estimate in USD (NEEDS-v1.1 `select --json` `cost`): compute, and the data foundation's services. */
export interface SelectionCost {
  readonly minMonthlyUsd: number;
  readonly maxMonthlyUsd: number;
  /** `business.monthlyBudgetUsd`, or null without one. */
  readonly budgetUsd: number | null;
}

/** Whether a hybrid deployment needs cloud GPU capacity, and why. */
export interface CloudBurst {
  readonly needed: boolean;
  /** One line per cause; empty when not needed. */
  readonly causes: readonly string[];
  /**
   * Training GPUs the cloud training group is sized for: what the on-prem GPUs lack
   * (NEEDS-v1.1), 0 when the data centre covers `workload.training.gpus` or there is no training.
   */
  readonly trainingGpus: number;
  /** The on-prem GPUs, `onPrem.gpuNodes × onPrem.gpusPerNode`. */
  readonly onPremGpus: number;
}

/** Everything `select` prints. */
export interface SelectionReport extends Selection {
  readonly cost: SelectionCost;
  /** Hybrid only. */
  readonly cloudBurst?: CloudBurst;
}

/** The report of a selection; warnings gain the budget's verdict. */
export function selectionReport(needs: Needs, selection: Selection): SelectionReport {
  const cost = costOf(needs, selection);
  const budgetUsd = needs.business.monthlyBudgetUsd;
  return {
    ...selection,
    warnings: [...selection.warnings, ...budgetWarnings(cost, budgetUsd)],
    cost: { minMonthlyUsd: cost.minUsd, maxMonthlyUsd: cost.maxUsd, budgetUsd: budgetUsd ?? null },
    ...(selection.strategy === 'hybrid' ? { cloudBurst: cloudBurstOf(needs) } : {}),
  };
}

/** The hybrid burst: its causes (the stack plan's) and the training gap (the capacity plan's). */
function cloudBurstOf(needs: Needs): CloudBurst {
  const causes = burstCauses(needs);
  return { needed: causes.length > 0, causes, trainingGpus: trainingGapGpus(needs), onPremGpus: onPremGpus(needs) };
}

function budgetWarnings(cost: { minUsd: number; maxUsd: number }, budgetUsd: number | undefined): string[] {
  const budget = budgetCheck(cost, budgetUsd);
  if (!budget) return [];
  const warnings: string[] = [];
  if (budget.status !== 'within') {
    const which = budget.status === 'over-at-min' ? 'even at min scale' : 'at max scale';
    warnings.push(`the monthly cost estimate ${which} (${usd(budget.overUsd!)}) exceeds business.monthlyBudgetUsd (${usd(budget.budgetUsd)}) by ${usd(budget.overUsd! - budget.budgetUsd)}`);
  }
  warnings.push(BUDGET_TAG_NOTE);
  return warnings;
}
