/** Renders a selection report for people (the `select` command without --json). */
import { costOf } from '../stacks/cost-estimate';
import { usd } from '../preview/markdown';
import type { Needs } from '../needs/schema';
import type { SelectionReport } from './selection-report';

/** Human-readable selection: strategy, reasons, warnings, stacks, cost, and in hybrid the cloud burst. */
export function formatSelection(needs: Needs, report: SelectionReport): string {
  const lines = [`strategy: ${report.strategy} (${report.source === 'auto' ? 'selected by the rules' : 'set in the needs file'})`, 'reasons:'];
  for (const reason of report.reasons) lines.push(`  - ${reason.rule}: ${reason.detail}`);
  if (report.warnings.length > 0) {
    lines.push('warnings:');
    for (const warning of report.warnings) lines.push(`  - ${warning}`);
  }
  lines.push('stacks:');
  for (const stack of report.stacks) lines.push(`  - ${stack.name} (${stack.role})`);
  if (report.cloudBurst) lines.push(...burstLines(needs, report.cloudBurst));
  lines.push(...costLines(needs, report));
  return `${lines.join('\n')}\n`;
}

/** Whether the cloud bursts, and the training gap the cloud training group is sized for. */
function burstLines(needs: Needs, burst: NonNullable<SelectionReport['cloudBurst']>): string[] {
  const joins = needs.onPrem?.mode === 'hybrid-nodes' ? '; the EKS cluster exists as the control plane the on-prem servers join' : '';
  const lines = [burst.needed ? `cloud burst capacity: yes (${burst.causes.join('; ')})` : `cloud burst capacity: no (the on-prem GPUs cover the need${joins})`];
  const training = needs.workload.training;
  if (!training) return lines;
  lines.push(
    burst.trainingGpus > 0
      ? `training burst: ${burst.trainingGpus} GPUs in the cloud (workload.training.gpus ${training.gpus} − ${burst.onPremGpus} on-prem)`
      : `training burst: none needed (the ${burst.onPremGpus} on-prem GPUs cover workload.training.gpus ${training.gpus}; no cloud training node group)`,
  );
  return lines;
}

/** The monthly cost estimate, line by line, and the budget. */
function costLines(needs: Needs, report: SelectionReport): string[] {
  const { cost } = report;
  const estimate = costOf(needs, report);
  if (estimate.lines.length === 0) return [`monthly cost estimate: none (no cloud GPU cluster or data services in the ${report.strategy} strategy)`];
  const lines = [`monthly cost estimate: ${usd(cost.minMonthlyUsd)} at min scale, ${usd(cost.maxMonthlyUsd)} at max scale`];
  for (const line of estimate.lines) lines.push(`  - ${line.label}: ${usd(line.minUsd)} to ${usd(line.maxUsd)}`);
  lines.push(`  (${estimate.assumptions.join('; ')})`);
  if (cost.budgetUsd !== null) lines.push(`budget: ${usd(cost.budgetUsd)} a month (business.monthlyBudgetUsd)${cost.maxMonthlyUsd > cost.budgetUsd ? ': exceeded, see warnings' : ': the estimate fits at max scale'}`);
  return lines;
}
