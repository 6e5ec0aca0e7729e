/**
 * Checks to pass before a phase deploys: the needs file is valid, every AWS stack validates
 * and rehearses an apply (`tracklayer verify`), the guardrails find no error
 * (`tracklayer check`), the estimated cost fits the budget, the account's quotas hold the GPU
 * nodes the phase can launch, and reservations the training group runs in are active.
 * Runnable checks exit non-zero when they fail.
 */
import type { Needs } from '../needs/schema';
import { budgetCheck as estimateAgainstBudget, costParts, costTotals, linesOf } from '../stacks/cost-estimate';
import { plannedGpuGroups, type CostLine, type PlannedGpuGroup } from '../stacks/gpu-capacity-plan';
import type { Selection } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';
import type { RolloutCheck } from './rollout-check';
import { expectAtLeast, expectOutput, shellCommand } from './shell';

/** The checks every phase starts with: the whole app is valid, rehearsed and within the guardrails. */
export function projectChecks(needsFile: string): RolloutCheck[] {
  return [
    { id: 'needs-valid', detail: 'the needs file validates (exit 2 and located messages otherwise)', command: shellCommand(['npx', 'tracklayer', 'select', '--needs', needsFile]) },
    {
      id: 'verify',
      detail: 'terraform init, validate and a rehearsed apply against the mock provider pass for every AWS stack; stacks with Kubernetes or Helm providers are reported as skipped without those providers, never as passed',
      command: shellCommand(['npx', 'tracklayer', 'verify', '--needs', needsFile]),
    },
    { id: 'guardrails', detail: 'no guardrail error remains after the needs file\'s suppressions (exit 3 otherwise)', command: shellCommand(['npx', 'tracklayer', 'check', '--needs', needsFile]) },
  ];
}

const usd = (amount: number) => `$${Math.round(amount).toLocaleString('en-US')}`;

/**
 * The budget check of a phase that adds cost: the cluster's compute (gpu-cluster), or the data
 * foundation's services and the edge private CA (lakehouse). It checks the whole deployment's
 * estimate (stacks/cost-estimate, the one `select`, the preview and `optimize` print) against
 * `business.monthlyBudgetUsd` when there is one.
 */
export function budgetCheck(needs: Needs, stacks: readonly StackRef[], selection: Pick<Selection, 'strategy' | 'stacks'>): RolloutCheck | undefined {
  const parts = costParts(needs, selection);
  const addsCompute = parts.compute.length > 0 && stacks.some((s) => s.role === 'gpu-cluster');
  const addsServices = parts.dataServices.length + parts.edgeTrust.length > 0 && stacks.some((s) => s.role === 'lakehouse');
  if (!addsCompute && !addsServices) return undefined;
  // The totals of the same lines costOf sums, without pricing the plan twice.
  const { minUsd: min, maxUsd: max } = costTotals(linesOf(parts));
  const range = (lines: readonly CostLine[]) => {
    const total = costTotals(lines);
    return total.minUsd === total.maxUsd ? usd(total.maxUsd) : `${usd(total.minUsd)}–${usd(total.maxUsd)}`;
  };
  const named = [
    ['compute', parts.compute],
    ['data services', parts.dataServices],
    ['edge private CA', parts.edgeTrust],
  ] as const;
  const described = named.filter(([, lines]) => lines.length > 0).map(([label, lines]) => `${label} ${range(lines)}`).join(' + ');
  const check = estimateAgainstBudget({ minUsd: min, maxUsd: max }, needs.business.monthlyBudgetUsd);
  const verdict =
    check === undefined
      ? 'no business.monthlyBudgetUsd to check it against'
      : check.status === 'within'
        ? `within the ${usd(check.budgetUsd)} budget at max scale`
        : check.status === 'over-at-max'
          ? `over the ${usd(check.budgetUsd)} budget at max scale (${usd(max)}), within it at min scale`
          : `over the ${usd(check.budgetUsd)} budget even at min scale (${usd(min)})`;
  return { id: 'budget', detail: `estimated ${usd(min)}–${usd(max)} a month (${described}): ${verdict}`, command: null };
}

/**
 * Actual spend so far against the AWS budget the gpu-cluster stack creates (`<name>-monthly`),
 * for phases after it.
 */
export function spendCheck(needs: Needs): RolloutCheck | undefined {
  const budget = needs.business.monthlyBudgetUsd;
  if (budget === undefined) return undefined;
  const account = '$(aws sts get-caller-identity --query Account --output text)';
  const query = shellCommand(['--budget-name', `${needs.name}-monthly`, '--query', 'Budget.CalculatedSpend.ActualSpend.Amount', '--output', 'text']);
  return {
    id: 'spend',
    detail: `this month's actual spend is below the ${usd(budget)} budget (AWS Budgets ${needs.name}-monthly)`,
    command: `test "$(aws budgets describe-budget --account-id "${account}" ${query} | cut -d. -f1)" -lt ${Math.round(budget)}`,
  };
}

/** The EC2 vCPU quota an instance family launches under (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-limits.html). */
export function ec2QuotaName(instance: string, spot: boolean): string | undefined {
  const family = instance.split('.')[0];
  if (family.startsWith('g')) return spot ? 'All G and VT Spot Instance Requests' : 'Running On-Demand G and VT instances';
  if (family.startsWith('trn')) return spot ? 'All Trn Spot Instance Requests' : 'Running On-Demand Trn instances';
  if (family.startsWith('p')) {
    if (!spot) return 'Running On-Demand P instances';
    return /^p[5-9]/.test(family) ? 'All P5 Spot Instance Requests' : 'All P4, P3 and P2 Spot Instance Requests';
  }
  return undefined;
}

/** vCPUs the GPU node groups can launch at max scale, per EC2 quota. */
export function vcpusByQuota(groups: readonly PlannedGpuGroup[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const group of groups) {
    const quota = ec2QuotaName(group.instance.name, group.capacityType === 'SPOT');
    if (quota) totals.set(quota, (totals.get(quota) ?? 0) + group.maxSize * group.instance.vcpus);
  }
  return totals;
}

/** Quota and reservation checks of the gpu-cluster stack. */
export function computeCapacityChecks(needs: Needs, stack: StackRef): RolloutCheck[] {
  const region = needs.cloud.region;
  const groups = plannedGpuGroups(needs);
  const quotas = [...vcpusByQuota(groups)].map(([quota, vcpus]): RolloutCheck => ({
    id: 'quota',
    stack: stack.name,
    detail: `EC2 quota "${quota}" holds ${vcpus} vCPUs: the GPU node groups at max scale (${groups.map((g) => `${g.workload} ${g.maxSize} × ${g.instance.name}`).join(', ')})`,
    command: expectAtLeast(['aws', 'service-quotas', 'list-service-quotas', '--service-code', 'ec2', '--region', region, '--query', `Quotas[?QuotaName=='${quota}'].Value | [0]`, '--output', 'text'], vcpus),
  }));
  const reservations = needs.workload.training?.reservations ?? [];
  if (reservations.length === 0) return quotas;
  const ids = reservations.map((r) => r.id);
  return [
    ...quotas,
    {
      id: 'reservations',
      stack: stack.name,
      detail: `the training capacity reservations are active (${ids.join(', ')}); a capacity block is active only from its start date`,
      command: expectOutput(['aws', 'ec2', 'describe-capacity-reservations', '--region', region, '--capacity-reservation-ids', ...ids, '--query', "CapacityReservations[?State!='active'].CapacityReservationId", '--output', 'text'], '=', ''),
    },
  ];
}
