/**
 * Attribute-level differences between two configurations or two planned values, and how a
 * value is shown in the comment. Shared by the synth diff and the plan summary.
 *
 * - Objects are compared key by key, lists index by index (a list that grows shows its new
 *   indexes as added), anything else as a whole.
 * - A string holding a JSON document on both sides (an IAM policy) is compared inside, so a
 *   reviewer sees the statement that changed rather than two long strings.
 * - References stay references: `${aws_vpc.main.id}` is shown as written, never resolved
 *   (a synth diff has no values for it).
 */

/** A value the comment must not or cannot show: sensitive, or decided at apply time. */
export class Hidden {
  /**
   * @param label what the comment shows instead of the value
   * @param fingerprint tells two hidden values apart without showing them (a sensitive value
   *   that changed is a change, as Terraform reports it); never rendered
   */
  constructor(
    readonly label: string,
    readonly fingerprint = '',
  ) {}
}

/** The label of a value Terraform marks sensitive (`before_sensitive` / `after_sensitive`). */
export const SENSITIVE_LABEL = '(sensitive value)';

/** A sensitive value: shown as its label only, compared by its content. */
export function sensitive(value: unknown): Hidden {
  return new Hidden(SENSITIVE_LABEL, JSON.stringify(value) ?? 'undefined');
}
/** A value Terraform only knows after apply (`after_unknown`). */
export const KNOWN_AFTER_APPLY = new Hidden('(known after apply)');

/** One changed attribute; `undefined` on a side means the attribute is absent there. */
export interface AttributeChange {
  /** Where the attribute is, e.g. `scaling_config.max_size`, `tags["tracklayer:stack"]`, `policy (JSON) Statement[0].Action`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Longest value shown in full; longer ones are cut with an ellipsis. */
export const MAX_VALUE_CHARS = 160;

/** The changed attributes between `before` and `after`, in path order; `ignore` drops top-level keys (cdktf's `//`). */
export function attributeChanges(before: unknown, after: unknown, ignore: readonly string[] = []): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const strip = (value: unknown) => (isObject(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !ignore.includes(key))) : value);
  walk(strip(before), strip(after), '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, out: AttributeChange[]): void {
  if (sameValue(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) walk(before[key], after[key], childPath(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) walk(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  const jsonBefore = embeddedJson(before);
  const jsonAfter = embeddedJson(after);
  if (jsonBefore !== undefined && jsonAfter !== undefined) {
    walk(jsonBefore, jsonAfter, `${path} (JSON)`, out);
    return;
  }
  out.push({ path: path === '' ? '(value)' : path, before, after });
}

/** `a.b` for plain keys, `a["x:y"]` for others; inside an embedded document, `policy (JSON) Statement`. */
function childPath(path: string, key: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key);
  const segment = plain ? key : `[${JSON.stringify(key)}]`;
  if (path === '') return segment;
  if (path.endsWith(' (JSON)')) return `${path} ${segment}`;
  return plain ? `${path}.${segment}` : `${path}${segment}`;
}

/** The document inside a string that holds a JSON object or list, else undefined. */
function embeddedJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** True for a plain object (not a list, not a Hidden marker). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Hidden);
}

/** Deep equality of JSON values and Hidden markers. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Hidden || b instanceof Hidden) return a instanceof Hidden && b instanceof Hidden && a.label === b.label && a.fingerprint === b.fingerprint;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

/** A Terraform reference standing alone, e.g. `${aws_vpc.main.id}`: shown bare, as a reference. */
const REFERENCE = /^\$\{[^{}]+\}$/;

/**
 * A value as one line of text: strings quoted, a lone reference bare (`${aws_vpc.x.id}`),
 * Hidden markers as their label, an absent value as `(absent)`; cut at `max` characters.
 */
export function formatValue(value: unknown, max = MAX_VALUE_CHARS): string {
  const text = value === undefined ? '(absent)' : render(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}… (${text.length} chars)`;
}

function render(value: unknown): string {
  if (value instanceof Hidden) return value.label;
  if (typeof value === 'string') return REFERENCE.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${render(v)}`).join(', ')}}`;
  return value === null ? 'null' : String(value);
}
