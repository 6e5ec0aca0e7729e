/**
 * The PR comment as Markdown, from a computed PreviewModel. Order: the marker and the needs
 * name, DATA-LOSS RISK (first, so nobody scrolls past it), the strategy and its reasons, the
 * changes (table, then one folded section per changed stack), drift, capacity, cost,
 * guardrail findings. Pure.
 *
 * Size: GitHub rejects a comment over 65,536 characters, so the comment is kept under
 * MAX_COMMENT_CHARS. Everything but the per-stack and drift sections is always kept (those
 * parts are bounded themselves); folded sections are added in order while they fit, and the
 * first that does not is replaced by a note naming what was left out and where the full output
 * is (`fullLogUrl`).
 */
import { cell, code, count, plural, quote } from './markdown';
import type { PreviewFinding, PreviewModel } from './model';
import { capacitySection, costSection } from './render-capacity';
import { driftDetails, hasChanges, stackDetails, summaryTable } from './render-changes';
import type { DataLossRisk } from './stateful';

/**
 * First line of every preview comment. A workflow finds its one comment by this marker and
 * updates it on every push; it carries no version, so a tool upgrade never starts a second one.
 */
export const PREVIEW_MARKER = '<!-- tracklayer-preview -->';

/** The comment stays under this many characters (GitHub's limit is 65,536). */
export const MAX_COMMENT_CHARS = 60_000;

/** Risks listed one by one; more are counted. */
export const MAX_RISKS_LISTED = 100;
/** Findings listed one by one; more are counted. */
export const MAX_FINDINGS_LISTED = 100;

/** Room kept for the note that says what was cut. */
const NOTE_RESERVE = 1_500;

/** A piece of the comment; an optional one may be cut for size. */
type Part = { readonly text: string } | { readonly text: string; readonly cut: { readonly kind: 'stack' | 'drift'; readonly stack: string } };

/** Renders the comment. */
export function renderMarkdown(model: PreviewModel): string {
  return fit(parts(model), model.fullLogUrl);
}

function parts(model: PreviewModel): Part[] {
  const changed = model.stacks.filter(hasChanges);
  const usesSynth = model.stacks.some((s) => s.source === 'synth');
  const usesPlan = model.stacks.some((s) => s.source === 'plan');
  const list: Part[] = [
    { text: `${PREVIEW_MARKER}\n## tracklayer preview: ${code(model.strategy.name)} (${model.strategy.environment})` },
    { text: riskSection(model) },
    { text: strategySection(model) },
    { text: `### Changes${usesPlan && !usesSynth ? ' (Terraform plan)' : usesPlan ? ' (Terraform plan where planned, synth diff elsewhere)' : model.hasBase ? ' (synth diff against the base)' : ' (new deployment: synth output, no base)'}` },
  ];
  if (usesSynth) {
    list.push({ text: '_A synth diff compares the generated Terraform configuration; it is not a Terraform plan. It cannot tell an in-place update from a replacement, see drift, or know values decided at apply time._' });
  }
  if (model.incompletePlans.length > 0) {
    list.push({ text: quote(`[!WARNING]\nThe plan of ${model.incompletePlans.map(code).join(', ')} stopped on an error or defers changes: its counts may be incomplete.`) });
  }
  const unchanged = model.stacks.length - changed.length;
  list.push({ text: changed.length === 0 ? `No resource changes in ${plural(model.stacks.length, 'stack')}.` : `${summaryTable(model.stacks, usesPlan && usesSynth)}\n\n${unchanged > 0 ? `Unchanged: ${plural(unchanged, 'stack')}.` : 'Every stack changes.'}` });
  if (model.notBuilt.length > 0) list.push({ text: `Not built yet (no configuration to compare): ${model.notBuilt.map(code).join(', ')}.` });
  for (const stack of changed) list.push({ text: stackDetails(stack), cut: { kind: 'stack', stack: stack.stack } });
  if (model.drift.length > 0) {
    list.push({ text: '### Changed outside Terraform (drift)\nTerraform found these changes made outside Terraform while planning. The apply sets changed attributes back to the configuration and creates again what was deleted; the counts above already include that.' });
    for (const drift of model.drift) list.push({ text: driftDetails(drift), cut: { kind: 'drift', stack: drift.stack } });
  }
  list.push({ text: `### Capacity\n\n${capacitySection(model.capacity, model.baseCapacity)}` });
  list.push({ text: `### Monthly cost estimate (compute)\n\n${costSection(model.cost, model.strategy.strategy, model.baseCost, model.budgetUsd)}` });
  if (model.findings) list.push({ text: `### Guardrail findings\n\n${findingsSection(model.findings)}` });
  if (model.fullLogUrl) list.push({ text: `<sub>Full output: ${model.fullLogUrl}</sub>` });
  return list;
}

function strategySection(model: PreviewModel): string {
  const s = model.strategy;
  const lines = [`Strategy **${s.strategy}** (${s.source === 'auto' ? 'chosen by the selection rules' : 'set in the needs file'}):`, ...s.reasons.map((r) => `- ${r.rule}: ${r.detail}`)];
  if (s.warnings.length > 0) lines.push('', 'Selection warnings:', ...s.warnings.map((w) => `- ${w}`));
  if (s.changedFrom) {
    const stacks = [s.stacksAdded.length > 0 ? `Stacks added: ${s.stacksAdded.map(code).join(', ')}.` : '', s.stacksRemoved.length > 0 ? `Stacks removed: ${s.stacksRemoved.map(code).join(', ')}.` : ''].filter(Boolean).join(' ');
    lines.push('', quote(`[!IMPORTANT]\n**The strategy changes from ${s.changedFrom} to ${s.strategy}.**${stacks ? ` ${stacks}` : ''}`));
  }
  return lines.join('\n');
}

function riskSection(model: PreviewModel): string {
  const { risks } = model;
  const parts: string[] = [];
  if (risks.length === 0) {
    parts.push(`**Data-loss risk: none.** No stateful resource (bucket, table, key, cluster, node group, log group) is removed or replaced${model.stacks.some((s) => s.source === 'synth') ? ' in the synth diff' : ''}.`);
  } else {
    const lines = [`[!CAUTION]`, `**Data-loss risk: ${plural(risks.length, 'stateful resource')} would be destroyed.**`, ''];
    lines.push(...risks.slice(0, MAX_RISKS_LISTED).map(riskLine));
    if (risks.length > MAX_RISKS_LISTED) lines.push(`- … and ${count(risks.length - MAX_RISKS_LISTED)} more`);
    if (risks.some((r) => r.kind === 'address changed')) {
      lines.push('', `An address change is a renamed construct id: keep the old id, or add a ${code('moved')} block (cdktf ${code('moveFromId')}) so Terraform moves the resource instead of destroying it.`);
    }
    if (risks.some((r) => r.kind === 'stack removed')) {
      lines.push('', 'A removed stack is no longer deployed: its resources stay, unmanaged and billed, until the stack is destroyed, and destroying it destroys them.');
    }
    parts.push(quote(lines.join('\n')));
  }
  if (model.statefulChanges.length > 0) {
    const lines = ['[!WARNING]', `**${plural(model.statefulChanges.length, 'stateful resource')} change${model.statefulChanges.length === 1 ? 's' : ''}**: a synth diff cannot tell an update in place from a replacement; a Terraform plan can.`, ''];
    lines.push(...model.statefulChanges.slice(0, MAX_RISKS_LISTED).map((c) => `- ${code(c.address)} in ${code(c.stack)}: ${c.attributes.slice(0, 5).map(code).join(', ')}${c.attributes.length > 5 ? ` and ${count(c.attributes.length - 5)} more` : ''}`));
    if (model.statefulChanges.length > MAX_RISKS_LISTED) lines.push(`- … and ${count(model.statefulChanges.length - MAX_RISKS_LISTED)} more`);
    parts.push(quote(lines.join('\n')));
  }
  return parts.join('\n\n');
}

function riskLine(r: DataLossRisk): string {
  const how = {
    removed: '**removed**',
    replaced: '**replaced** (destroyed and created again)',
    'address changed': `**address changed → destroy and re-create** as ${code(r.newAddress ?? '?')}`,
    'stack removed': '**stack removed**',
  }[r.kind];
  const where = r.path ? ` (${code(r.path)})` : '';
  const reason = r.reason ? `; because ${r.reason}` : '';
  const guard = r.preventDestroy ? ` ${code('prevent_destroy')} is set, so the apply fails until it is lifted.` : '';
  return `- ${code(r.address)} in ${code(r.stack)}${where}: ${how}${reason}. Loses ${r.loses}.${guard}`;
}

function findingsSection(findings: readonly PreviewFinding[]): string {
  if (findings.length === 0) return 'No findings.';
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => rank[a.level] - rank[b.level] || a.stack.localeCompare(b.stack) || a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId));
  const counts = (['error', 'warning', 'info'] as const).map((level) => [level, findings.filter((f) => f.level === level).length] as const).filter(([, n]) => n > 0);
  const rows = sorted.slice(0, MAX_FINDINGS_LISTED).map((f) => `| ${f.level} | ${cell(code(f.ruleId))} | ${cell(code(f.path))} | ${cell(f.message)} |`);
  const more = findings.length > MAX_FINDINGS_LISTED ? `\n\n… and ${count(findings.length - MAX_FINDINGS_LISTED)} more findings.` : '';
  return `${counts.map(([level, n]) => plural(n, level === 'info' ? 'info' : level, level === 'info' ? 'info' : `${level}s`)).join(', ')}.\n\n| level | rule | resource | finding |\n|---|---|---|---|\n${rows.join('\n')}${more}`;
}

/** Joins the parts, cutting optional ones that do not fit (see the file comment). */
function fit(list: readonly Part[], fullLogUrl?: string): string {
  const SEP = '\n\n';
  const required = list.filter((p) => !('cut' in p)).reduce((n, p) => n + p.text.length + SEP.length, 0);
  let budget = MAX_COMMENT_CHARS - NOTE_RESERVE - required;
  const kept: string[] = [];
  const left: { kind: 'stack' | 'drift'; stack: string }[] = [];
  let notePlaced = false;
  for (const part of list) {
    if (!('cut' in part)) {
      kept.push(part.text);
      continue;
    }
    if (left.length === 0 && part.text.length + SEP.length <= budget) {
      budget -= part.text.length + SEP.length;
      kept.push(part.text);
      continue;
    }
    left.push(part.cut);
    if (!notePlaced) {
      kept.push('\u0000');
      notePlaced = true;
    }
  }
  const text = kept.join(SEP);
  if (left.length === 0) return hardCut(`${text}\n`, fullLogUrl);
  return hardCut(`${text.replace('\u0000', cutNote(left, fullLogUrl))}\n`, fullLogUrl);
}

function cutNote(left: readonly { kind: 'stack' | 'drift'; stack: string }[], fullLogUrl?: string): string {
  const names = (kind: 'stack' | 'drift') => left.filter((l) => l.kind === kind).map((l) => l.stack);
  const list = (items: string[]) => `${items.slice(0, 10).map(code).join(', ')}${items.length > 10 ? ` and ${count(items.length - 10)} more` : ''}`;
  const what = [
    names('stack').length > 0 ? `the details of ${plural(names('stack').length, 'stack')} (${list(names('stack'))})` : '',
    names('drift').length > 0 ? `the drift of ${plural(names('drift').length, 'stack')} (${list(names('drift'))})` : '',
  ].filter(Boolean);
  const where = fullLogUrl ? `The full output is at ${fullLogUrl}.` : 'Run `tracklayer preview` locally, or see the workflow log, for the full output.';
  return quote(`[!NOTE]\n**Cut to stay under GitHub's comment size limit:** left out ${what.join(' and ')}; the table above still counts them. ${where}`);
}

/** Last resort when even the always-kept parts are too long: cut at a line and say so. */
function hardCut(text: string, fullLogUrl?: string): string {
  if (text.length <= MAX_COMMENT_CHARS) return text;
  const where = fullLogUrl ? ` The full output is at ${fullLogUrl}.` : '';
  const note = `\n\n**The comment was cut here to stay under GitHub's size limit.**${where}\n`;
  const end = text.lastIndexOf('\n', MAX_COMMENT_CHARS - note.length - 10);
  const head = text.slice(0, end);
  // close a code block the cut left open (the always-kept parts use plain ``` fences)
  const openFence = (head.match(/^`{3,}/gm) ?? []).length % 2 === 1 ? '\n```' : '';
  return `${head}${openFence}${note}`;
}
