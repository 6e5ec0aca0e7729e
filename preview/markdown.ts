/**
 * Small Markdown helpers for the PR comment (GitHub-flavoured): inline code and code blocks
 * that survive any content, table cells, folded sections, numbers and dollars. Pure.
 */

/** Inline code; a fence longer than any backtick run inside, so any text is safe. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Text for a table cell: pipes escaped (GitHub applies this inside code spans too), no line breaks. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A fenced code block whose fence no line inside can close. */
export function codeBlock(lines: readonly string[], language = ''): string {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, ...lines, fence].join('\n');
}

/** A folded section; the blank line after the summary lets Markdown inside render. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Every line of `text` as a blockquote line (for alerts such as `> [!CAUTION]`). */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** HTML-escapes text for use inside a `<summary>`. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An integer with thousands separators: 12345 → `12,345`. */
export function count(n: number): string {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Whole dollars: 1234.56 → `$1,235`. */
export function usd(amount: number): string {
  const rounded = Math.round(amount);
  return `${rounded < 0 ? '-' : ''}$${count(Math.abs(rounded))}`;
}

/** A signed dollar delta: `+$1,235`, `-$80`, `$0`. */
export function usdDelta(amount: number): string {
  const rounded = Math.round(amount);
  if (rounded === 0) return '$0';
  return `${rounded > 0 ? '+' : '-'}$${count(Math.abs(rounded))}`;
}

/** `1 stack`, `3 stacks`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}
