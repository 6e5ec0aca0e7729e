/**
 * The capacity and cost parts of the comment: accelerators by group at min and max scale, EFA
 * bandwidth, on-prem and edge hardware, storage tiers, and the monthly compute cost with its
 * change against the base and a budget warning. Pure.
 */
import { BUDGET_TAG_NOTE, budgetCheck, type CostModel } from '../stacks/cost-estimate';
import type { CapacityModel, GroupCapacity } from './capacity';
import { code, count, quote, usd, usdDelta } from './markdown';

/** The capacity section (without heading). */
export function capacitySection(capacity: CapacityModel, base?: CapacityModel): string {
  const parts: string[] = [];
  if (capacity.groups.length > 0) {
    parts.push(groupTable(capacity.groups), acceleratorTotals(capacity.groups));
  } else {
    parts.push('No cloud GPU node groups in this strategy.');
  }
  if (base) {
    const changes = capacityChanges(base, capacity);
    if (changes.length > 0) parts.push(['Against the base:', ...changes.map((c) => `- ${c}`)].join('\n'));
  }
  if (capacity.onPrem) {
    const o = capacity.onPrem;
    parts.push(`On premises (existing, not priced): ${count(o.nodes)} nodes × ${o.gpusPerNode} ${o.accelerator.toUpperCase()} = ${count(o.nodes * o.gpusPerNode)} GPUs, ${o.interconnect} interconnect.`);
  }
  if (capacity.edge.length > 0) {
    const rows = capacity.edge.map((e) => `| ${e.hardware} | ${count(e.sites)} | ${count(e.nodes)} | ${count(e.gpus)} |`);
    parts.push(['| edge hardware | sites | nodes | GPUs |', '|---|--:|--:|--:|', ...rows].join('\n'));
  }
  parts.push(storageLine(capacity, base));
  return parts.join('\n\n');
}

function groupTable(groups: readonly GroupCapacity[]): string {
  const rows = groups.map((g) => {
    const efa = g.efaGbpsPerNode === undefined ? '—' : `${count(g.efaGbpsPerNode * g.minNodes)} / ${count(g.efaGbpsPerNode * g.maxNodes)} Gbps`;
    return `| ${g.workload} | ${g.model} | ${code(g.instance)} × ${g.chipsPerNode} | ${count(g.minNodes)}–${count(g.maxNodes)} | ${count(g.minNodes * g.chipsPerNode)} | ${count(g.maxNodes * g.chipsPerNode)} | ${capacityLabel(g)} | ${efa} |`;
  });
  return ['| group | accelerator | instance × chips | nodes min–max | accelerators at min | at max | capacity | EFA bandwidth min / max |', '|---|---|---|--:|--:|--:|---|--:|', ...rows].join('\n');
}

/** How a group's capacity is bought, for the table. */
function capacityLabel(g: GroupCapacity): string {
  if (g.capacityType === 'SPOT') return 'spot';
  if (g.capacityType === 'CAPACITY_BLOCK') return `capacity block ${code(g.reservationId ?? '')}`;
  return g.reservationId ? `reservation ${code(g.reservationId)}` : 'on-demand';
}

/** `Accelerators: 32 × NVIDIA A100 at max (0 at min), ...` summed by kind. */
function acceleratorTotals(groups: readonly GroupCapacity[]): string {
  const byModel = new Map<string, { min: number; max: number }>();
  for (const g of groups) {
    const entry = byModel.get(g.model) ?? { min: 0, max: 0 };
    byModel.set(g.model, { min: entry.min + g.minNodes * g.chipsPerNode, max: entry.max + g.maxNodes * g.chipsPerNode });
  }
  const at = (pick: 'min' | 'max') => [...byModel.entries()].map(([model, n]) => `${count(n[pick])} × ${model}`).join(', ');
  const efa = groups.filter((g) => g.efaGbpsPerNode !== undefined);
  const efaText = efa.length > 0 ? ` EFA bandwidth is the instances' network bandwidth (catalog) × nodes of the EFA groups.` : '';
  return `Accelerators at min scale: ${at('min')}; at max scale: ${at('max')}.${efaText}`;
}

/** Differences of node groups and storage against the base, one line each. */
function capacityChanges(base: CapacityModel, head: CapacityModel): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...base.groups, ...head.groups].map((g) => g.key))];
  for (const workload of keys) {
    const b = base.groups.find((g) => g.key === workload);
    const h = head.groups.find((g) => g.key === workload);
    const describe = (g: GroupCapacity) => `${count(g.minNodes)}–${count(g.maxNodes)} × ${g.instance} (${count(g.maxNodes * g.chipsPerNode)} ${g.model} at max)`;
    if (b && !h) lines.push(`${workload} nodes removed (were ${describe(b)})`);
    else if (!b && h) lines.push(`${workload} nodes added: ${describe(h)}`);
    else if (b && h && describe(b) !== describe(h)) lines.push(`${workload} nodes: ${describe(b)} → ${describe(h)}`);
  }
  if (base.cloudCluster && !head.cloudCluster) lines.push('the cloud GPU cluster is removed');
  return lines;
}

function storageLine(capacity: CapacityModel, base?: CapacityModel): string {
  const s = capacity.storage;
  const tiers = `STANDARD → STANDARD_IA after ${s.hotDays} days → GLACIER_IR after ${s.coolDays} → DEEP_ARCHIVE after ${s.archiveDays}`;
  const b = base?.storage;
  const was = b && (b.hotDays !== s.hotDays || b.coolDays !== s.coolDays || b.archiveDays !== s.archiveDays) ? ` (base: ${b.hotDays} / ${b.coolDays} / ${b.archiveDays} days)` : '';
  const format = s.tableFormat === 'iceberg' ? ', curated data in Iceberg tables on S3 Tables' : '';
  const retention = s.retentionDays !== undefined ? ` Object lock keeps objects ${count(s.retentionDays)} days.` : '';
  return `Storage tiers (lakehouse, ${count(s.volumeTb)} TB${format}): ${tiers}${was}.${retention}`;
}

/** The cost section (without heading). */
export function costSection(cost: CostModel, strategy: string, base?: CostModel, budgetUsd?: number): string {
  const parts: string[] = [];
  if (cost.lines.length === 0) {
    parts.push(`No cloud GPU cluster in the ${code(strategy)} strategy: no compute cost.`);
    if (base && base.lines.length > 0) parts.push(`Against the base: ${usdDelta(-base.minUsd)} a month at min scale, ${usdDelta(-base.maxUsd)} at max scale.`);
  } else {
    const rows = cost.lines.map((l) => `| ${l.label} | ${usd(l.minUsd)} | ${usd(l.maxUsd)} |`);
    rows.push(`| **total** | **${usd(cost.minUsd)}** | **${usd(cost.maxUsd)}** |`);
    if (base) {
      rows.push(`| base | ${usd(base.minUsd)} | ${usd(base.maxUsd)} |`);
      rows.push(`| **change** | **${usdDelta(cost.minUsd - base.minUsd)}** | **${usdDelta(cost.maxUsd - base.maxUsd)}** |`);
    }
    parts.push(['| per month | min scale | max scale |', '|---|--:|--:|', ...rows].join('\n'));
  }
  const budget = budgetCheck(cost, budgetUsd);
  if (budget && budget.status !== 'within') {
    const which = budget.status === 'over-at-min' ? 'Even at min scale' : 'At max scale';
    parts.push(quote(`[!WARNING]\n**Over budget.** ${which} the estimate (${usd(budget.overUsd!)} a month) exceeds ${code('business.monthlyBudgetUsd')} (${usd(budget.budgetUsd)}) by ${usd(budget.overUsd! - budget.budgetUsd)}.`));
  } else if (budget) {
    parts.push(`Within ${code('business.monthlyBudgetUsd')} (${usd(budget.budgetUsd)}) at max scale.`);
  }
  if (budget) parts.push(`Note: ${BUDGET_TAG_NOTE}.`);
  parts.push(`Assumptions: ${cost.assumptions.join('; ')}. An estimate from catalog prices, not a quote.`);
  return parts.join('\n\n');
}
