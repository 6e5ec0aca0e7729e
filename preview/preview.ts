/**
 * The preview's one entry: from the head (needs, selection, synth output), an optional base,
 * optional Terraform plans and guardrail findings, to one Markdown PR comment. Pure: the
 * caller reads the directories (synth-output.ts, plan-json.ts) and runs the synths.
 *
 * | input                     | the comment shows                                                         |
 * |---------------------------|---------------------------------------------------------------------------|
 * | head only                 | a new deployment: every resource an addition (synth diff)                 |
 * | base.output               | added / changed / address changed / removed resources (synth diff)        |
 * | base.needs (or selection) | strategy change, cost delta; without base.output no resource diff        |
 * | plans (by stack)          | counts, replacements, deletes and drift from the plan for those stacks;   |
 * |                           | stacks without a plan fall back to the synth diff, marked as such         |
 */
import type { Needs } from '../needs/schema';
import { selectStrategy, type Selection } from '../strategy/select';
import { costOf } from '../stacks/cost-estimate';
import { capacityOf } from './capacity';
import type { PreviewFinding, PreviewModel, StackChanges, StrategyView } from './model';
import type { PlanSet } from './plan-json';
import { summarizePlan, type StackPlanSummary } from './plan-summary';
import { renderMarkdown } from './render-markdown';
import { STATEFUL_TYPES, isStateful, statefulChanges, synthDataLossRisks, type DataLossRisk } from './stateful';
import { diffSynth, type StackDiff, type SynthDiff } from './synth-diff';
import { outputStrategy, resourcesOf, type SynthOutput } from './synth-output';

/** The head of the change: what the pull request would deploy. */
export interface PreviewHead {
  readonly needs: Needs;
  readonly selection: Selection;
  /** The head's synth output (`tracklayer synth --out DIR`, read with readSynthOutput). */
  readonly output: SynthOutput;
}

/** The base of the change; every part optional (see the table in the file comment). */
export interface PreviewBase {
  readonly needs?: Needs;
  /** Default: selectStrategy(needs) when needs are given. */
  readonly selection?: Selection;
  readonly output?: SynthOutput;
}

/** Everything renderPreview takes. */
export interface PreviewInput {
  readonly head: PreviewHead;
  /** @default - a new deployment: everything is an addition */
  readonly base?: PreviewBase;
  /** Plans by stack name (readPlanDir). @default - a synth diff only */
  readonly plans?: PlanSet;
  /** Guardrail findings. @default - no guardrails section */
  readonly findings?: readonly PreviewFinding[];
  /** Where the full output is, named when the comment is cut. @default - not named */
  readonly fullLogUrl?: string;
}

/** Renders the PR comment (Markdown, under 60,000 characters, first line the marker). */
export function renderPreview(input: PreviewInput): string {
  return renderMarkdown(buildPreviewModel(input));
}

/** Computes everything the comment shows. */
export function buildPreviewModel(input: PreviewInput): PreviewModel {
  const { head, base, plans = {} } = input;
  const baseSelection = base?.selection ?? (base?.needs ? selectStrategy(base.needs) : undefined);
  const diff = diffSynth(base?.output, head.output);
  const byName = new Map(diff.stacks.map((s) => [s.stack, s]));
  const order = stackOrder(head.selection, baseSelection, diff, plans);
  const stacks: StackChanges[] = order.map((stack) => {
    const plan = plans[stack];
    if (plan) {
      const summary = summarizePlan(stack, plan);
      return { source: 'plan', stack, counts: summary.counts, plan: summary, paths: pathsOf(stack, head.output, base?.output) };
    }
    const d = byName.get(stack) ?? emptyDiff(stack);
    return { source: 'synth', stack, counts: { create: d.added.length, update: d.changed.length, replace: d.addressChanged.length, delete: d.removed.length }, diff: d };
  });
  const synthOnly: SynthDiff = { hasBase: diff.hasBase, stacks: stacks.flatMap((s) => (s.source === 'synth' ? [s.diff] : [])) };
  const risks = [
    ...stacks.flatMap((s) => (s.source === 'plan' ? planDataLossRisks(s.plan, s.paths, byName.get(s.stack)) : [])),
    ...synthDataLossRisks(synthOnly, base?.output),
  ];
  const builtHead = new Set(Object.keys(head.output.stacks));
  return {
    strategy: strategyView(head, base, baseSelection, diff),
    hasBase: diff.hasBase,
    risks,
    statefulChanges: statefulChanges(synthOnly),
    stacks,
    notBuilt: head.selection.stacks.map((s) => s.name).filter((name) => !builtHead.has(name)),
    incompletePlans: stacks.flatMap((s) => (s.source === 'plan' && s.plan.incomplete ? [s.stack] : [])),
    drift: stacks.flatMap((s) => (s.source === 'plan' && s.plan.drift.length > 0 ? [{ stack: s.stack, entries: s.plan.drift, paths: s.paths }] : [])),
    capacity: capacityOf(head.needs, head.selection),
    cost: costOf(head.needs, head.selection),
    ...(base?.needs && baseSelection ? { baseCapacity: capacityOf(base.needs, baseSelection), baseCost: costOf(base.needs, baseSelection) } : {}),
    ...(head.needs.business.monthlyBudgetUsd !== undefined ? { budgetUsd: head.needs.business.monthlyBudgetUsd } : {}),
    ...(input.findings ? { findings: input.findings } : {}),
    ...(input.fullLogUrl ? { fullLogUrl: input.fullLogUrl } : {}),
  };
}

/** Deploy order: the head selection's stacks, other head stacks, the base's stacks, then planned stacks. */
function stackOrder(head: Selection, base: Selection | undefined, diff: SynthDiff, plans: PlanSet): string[] {
  const names = [
    ...head.stacks.map((s) => s.name).filter((name) => diff.stacks.some((d) => d.stack === name) || name in plans),
    ...diff.stacks.filter((d) => d.status !== 'removed').map((d) => d.stack),
    ...(base?.stacks.map((s) => s.name).filter((name) => diff.stacks.some((d) => d.stack === name)) ?? []),
    ...diff.stacks.map((d) => d.stack),
    ...Object.keys(plans),
  ];
  return [...new Set(names)];
}

function emptyDiff(stack: string): StackDiff {
  return { stack, status: 'unchanged', added: [], changed: [], addressChanged: [], removed: [], settings: [] };
}

/** Construct paths by address, from the head and then the base (for what the head deletes). */
function pathsOf(stack: string, head: SynthOutput, base: SynthOutput | undefined): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const entry of resourcesOf(base?.stacks[stack]).values()) paths[entry.address] = entry.path;
  for (const entry of resourcesOf(head.stacks[stack]).values()) paths[entry.address] = entry.path;
  return paths;
}

/** Stateful resources a plan replaces or deletes; a delete the synth diff pairs with a new address is an address change. */
export function planDataLossRisks(plan: StackPlanSummary, paths: Readonly<Record<string, string>>, diff?: StackDiff): DataLossRisk[] {
  const moved = new Map((diff?.addressChanged ?? []).map((c) => [c.before.address, c.after.address]));
  return plan.changes
    .filter((c) => isStateful(c.type) && (c.kind === 'replace' || c.kind === 'delete'))
    .map((c) => {
      const newAddress = c.kind === 'delete' ? moved.get(c.address) : undefined;
      const reason = c.kind === 'replace' && c.replacePaths.length > 0 ? `${c.replacePaths.map((p) => `\`${p}\``).join(', ')} cannot be updated in place` : c.reason;
      return {
        stack: plan.stack,
        address: c.address,
        type: c.type,
        ...(paths[c.address] ? { path: paths[c.address] } : {}),
        kind: newAddress ? 'address changed' : c.kind === 'replace' ? 'replaced' : 'removed',
        ...(newAddress ? { newAddress } : {}),
        loses: STATEFUL_TYPES[c.type],
        ...(reason ? { reason } : {}),
      };
    });
}

function strategyView(head: PreviewHead, base: PreviewBase | undefined, baseSelection: Selection | undefined, diff: SynthDiff): StrategyView {
  const baseStrategy = baseSelection?.strategy ?? (base?.output ? outputStrategy(base.output) : undefined);
  const headNames = head.selection.stacks.map((s) => s.name);
  const baseNames = baseSelection?.stacks.map((s) => s.name);
  const stacksAdded = diff.hasBase ? diff.stacks.filter((s) => s.status === 'new').map((s) => s.stack) : baseNames ? headNames.filter((n) => !baseNames.includes(n)) : [];
  const stacksRemoved = diff.hasBase ? diff.stacks.filter((s) => s.status === 'removed').map((s) => s.stack) : baseNames ? baseNames.filter((n) => !headNames.includes(n)) : [];
  return {
    name: head.needs.name,
    environment: head.needs.environment,
    strategy: head.selection.strategy,
    source: head.selection.source,
    reasons: head.selection.reasons,
    warnings: head.selection.warnings,
    ...(baseStrategy && baseStrategy !== head.selection.strategy ? { changedFrom: baseStrategy } : {}),
    stacksAdded,
    stacksRemoved,
  };
}
