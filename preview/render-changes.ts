/**
 * The changes part of the comment: the summary table of stacks and one folded section per
 * changed stack (from its plan, or from the synth diff), and the drift a plan found. Pure.
 *
 * Details are ```diff blocks so GitHub colours them: `+` created, `-` destroyed, `!` changed,
 * `#` headings. Attribute lines show `path: before → after`, references as written.
 */
import { formatValue, type AttributeChange } from './attribute-diff';
import { cell, code, codeBlock, count, details, html } from './markdown';
import type { StackChanges, StackDrift } from './model';
import type { ChangeCounts } from './plan-summary';

/** Attribute lines shown per resource; the rest are counted. */
export const MAX_ATTRIBUTE_LINES = 25;
/** Stack rows in the summary table; the rest are summed into one row. */
export const MAX_TABLE_ROWS = 250;

/** Column words per source, as the summary and the sections use them. */
const WORDS = {
  synth: { create: 'to add', update: 'to change', replace: 'to destroy and re-create (address changed)', delete: 'to remove' },
  plan: { create: 'to create', update: 'to update in place', replace: 'to replace', delete: 'to delete' },
} as const;

/** True when a stack has anything to show. */
export function hasChanges(stack: StackChanges): boolean {
  return total(stack.counts) > 0 || (stack.source === 'synth' && stack.diff.settings.length > 0);
}

function total(counts: ChangeCounts): number {
  return counts.create + counts.update + counts.replace + counts.delete;
}

/** The summary table of changed stacks, with a total row. */
export function summaryTable(stacks: readonly StackChanges[], mixed: boolean): string {
  const changed = stacks.filter(hasChanges);
  const row = (label: string, c: ChangeCounts) => `| ${label} | ${count(c.create)} | ${count(c.update)} | ${count(c.replace)} | ${count(c.delete)} |`;
  const lines = ['| stack | + | ~ | ± replace | - |', '|---|--:|--:|--:|--:|'];
  for (const stack of changed.slice(0, MAX_TABLE_ROWS)) lines.push(row(stackLabel(stack, mixed), stack.counts));
  const rest = changed.slice(MAX_TABLE_ROWS);
  if (rest.length > 0) lines.push(row(`… ${count(rest.length)} more stacks`, sum(rest)));
  if (changed.length > 1) lines.push(row('**total**', sum(changed)));
  return lines.join('\n');
}

function stackLabel(stack: StackChanges, mixed: boolean): string {
  const status = stack.source === 'synth' && stack.diff.status === 'new' ? ' (new stack)' : stack.source === 'synth' && stack.diff.status === 'removed' ? ' (stack removed)' : '';
  const source = mixed ? (stack.source === 'plan' ? ' · plan' : ' · synth diff') : '';
  return `${cell(code(stack.stack))}${status}${source}`;
}

function sum(stacks: readonly StackChanges[]): ChangeCounts {
  return stacks.reduce<ChangeCounts>(
    (acc, s) => ({ create: acc.create + s.counts.create, update: acc.update + s.counts.update, replace: acc.replace + s.counts.replace, delete: acc.delete + s.counts.delete }),
    { create: 0, update: 0, replace: 0, delete: 0 },
  );
}

/** One folded section for a changed stack. */
export function stackDetails(stack: StackChanges): string {
  const words = WORDS[stack.source];
  const parts = (['create', 'update', 'replace', 'delete'] as const).filter((k) => stack.counts[k] > 0).map((k) => `${count(stack.counts[k])} ${words[k]}`);
  const summary = `<code>${html(stack.stack)}</code>: ${parts.length > 0 ? parts.join(', ') : 'stack settings only'}`;
  const lines = stack.source === 'plan' ? planLines(stack) : synthLines(stack);
  return details(summary, codeBlock(lines, 'diff'));
}

function synthLines(stack: Extract<StackChanges, { source: 'synth' }>): string[] {
  const { diff } = stack;
  const lines: string[] = [];
  section(lines, 'add', diff.added, (r) => [`+ ${r.address}  (${r.path})`]);
  section(lines, 'change', diff.changed, (r) => [`! ${r.address}  (${r.path})`, ...attributeLines(r.changes)]);
  section(lines, 'address changed → destroy and re-create', diff.addressChanged, (c) => [
    `- ${c.before.address}  (${c.before.path})`,
    `+ ${c.after.address}  (${c.after.path})`,
    ...attributeLines(c.changes.filter((a) => !referenceOnly(a))),
  ]);
  section(lines, 'remove', diff.removed, (r) => [`- ${r.address}  (${r.path})`]);
  if (diff.settings.length > 0) lines.push('# stack settings', ...attributeLines(diff.settings));
  return lines;
}

/** An attribute whose only change is the name inside a reference (it moved with the rename). */
function referenceOnly(change: AttributeChange): boolean {
  // `${type.name...}` inside a string, or a bare `type.name` (depends_on)
  const strip = (v: unknown) => (typeof v === 'string' ? v.replace(/\$\{((?:data\.)?[a-z0-9_]+)\.[^.}]+/g, '${$1.*').replace(/^((?:data\.)?[a-z][a-z0-9_]*)\.[^.\s]+$/, '$1.*') : v);
  return typeof change.before === 'string' && typeof change.after === 'string' && strip(change.before) === strip(change.after);
}

function planLines(stack: Extract<StackChanges, { source: 'plan' }>): string[] {
  const lines: string[] = [];
  const at = (address: string) => (stack.paths[address] ? `  (${stack.paths[address]})` : '');
  const moved = (previous?: string) => (previous ? `  moved from ${previous}` : '');
  const byKind = (kind: string) => stack.plan.changes.filter((c) => c.kind === kind);
  section(lines, 'create', byKind('create'), (c) => [`+ ${c.address}${at(c.address)}`]);
  section(lines, 'update in place', byKind('update'), (c) => [`! ${c.address}${at(c.address)}${moved(c.previousAddress)}`, ...attributeLines(c.attributes)]);
  section(lines, 'replace (destroy and create)', byKind('replace'), (c) => [
    `-/+ ${c.address}${at(c.address)}${c.reason ? `  because ${c.reason}` : ''}`,
    ...attributeLines(c.attributes, c.replacePaths),
  ]);
  section(lines, 'delete', byKind('delete'), (c) => [`- ${c.address}${at(c.address)}${c.reason ? `  because ${c.reason}` : ''}`]);
  return lines;
}

function section<T>(lines: string[], title: string, items: readonly T[], render: (item: T) => string[]): void {
  if (items.length === 0) return;
  lines.push(`# ${title} (${count(items.length)})`);
  for (const item of items) lines.push(...render(item));
}

/** `!     path: before → after` lines, at most MAX_ATTRIBUTE_LINES; `forcing` paths are marked. */
export function attributeLines(changes: readonly AttributeChange[], forcing: readonly string[] = []): string[] {
  const lines = changes.slice(0, MAX_ATTRIBUTE_LINES).map((c) => {
    const forces = forcing.some((p) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`)) ? '  # forces replacement' : '';
    return `!     ${c.path}: ${formatValue(c.before)} → ${formatValue(c.after)}${forces}`;
  });
  if (changes.length > MAX_ATTRIBUTE_LINES) lines.push(`!     … ${count(changes.length - MAX_ATTRIBUTE_LINES)} more attributes`);
  return lines;
}

/** One folded section of a stack's drift. */
export function driftDetails(drift: StackDrift): string {
  const changed = drift.entries.filter((e) => e.kind === 'update');
  const deleted = drift.entries.filter((e) => e.kind === 'delete');
  const parts = [changed.length > 0 ? `${count(changed.length)} changed outside Terraform` : '', deleted.length > 0 ? `${count(deleted.length)} deleted outside Terraform` : ''].filter(Boolean);
  const at = (address: string) => (drift.paths[address] ? `  (${drift.paths[address]})` : '');
  const lines = [
    ...changed.flatMap((e) => [`! ${e.address}${at(e.address)}`, ...attributeLines(e.attributes)]),
    ...deleted.map((e) => `- ${e.address}${at(e.address)}  deleted outside Terraform`),
  ];
  return details(`<code>${html(drift.stack)}</code>: ${parts.join(', ')}`, codeBlock(lines, 'diff'));
}
