/**
 * Changes values in a needs file the way a person would: the changed lines change, every other
 * byte stays (comments, their alignment, blank lines, key order, quoting, flow lists). The
 * commands that write needs (`audit --write`, `optimize --write`) go through here, so a change
 * reaches the PR as a diff of a few lines and the PR preview shows its cost.
 *
 * How: the file is read with the yaml library's document API (`parseDocument`), which gives
 * every node its source range. An edit of an existing scalar replaces that scalar's range; a
 * missing key is inserted as a new line (or block) after the last sibling that precedes it in
 * the schema's field order, at the siblings' indentation. The text is then parsed again and
 * compared with the same edits applied through the document API (`Document.setIn`): if the two
 * differ (an unusual layout, e.g. a flow map `{ ... }` that needs a new key), the document
 * API's own rendering is used instead, which keeps comments and key order but may re-space
 * them. Either way the result is validated with {@link loadNeeds} before anyone writes it.
 */
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, isMap, isScalar, parseDocument, stringify, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { loadNeeds, type LoadedNeeds } from './load-needs';
import { NeedsFileError, formatPath, type FieldPath } from './problem';
import { needsSchema } from './schema';
import { knownKeysAt } from './schema-keys';
import { SourceMap } from './source-map';

/** A value to set at a path of the needs file. */
export interface NeedsEdit {
  /** Keys from the document root, e.g. `['workload', 'training', 'gpus']`. */
  readonly path: readonly string[];
  /** The new value. */
  readonly value: string | number | boolean;
}

/** One value that changed, for reports: `{ path: 'workload.training.gpus', from: 64, to: 16 }`. */
export interface NeedsChange {
  readonly path: string;
  /** The value before; null when the field was absent. */
  readonly from: unknown;
  readonly to: string | number | boolean;
}

/** The edited needs file, validated. */
export interface EditedNeeds {
  /** The new file text; equal to the input when nothing changed. */
  readonly text: string;
  /** The values that changed, in edit order; empty when the file already held them all. */
  readonly changes: readonly NeedsChange[];
  /** The new text, loaded. */
  readonly loaded: LoadedNeeds;
}

/** Parse options of loadNeeds, so both read the file the same way. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' } as const;
/** How the document API renders when the in-place edit cannot be used. */
const RENDER_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * Applies `edits` to the needs `text` (named `file` in messages) and validates the result.
 * The input need not be valid on its own (audit fills in fields an incomplete `onPrem` lacks);
 * the result must be.
 * @throws NeedsFileError when the text is not YAML, or when the result would be invalid: every
 *   problem of the result, placed at the field (or its nearest existing parent) in the input.
 */
export function editNeeds(text: string, file: string, edits: readonly NeedsEdit[]): EditedNeeds {
  const lines = new LineCounter();
  const original = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines });
  const sourceMap = new SourceMap(file, original, lines);
  if (original.errors.length > 0 || !isMap(original.contents)) {
    loadNeeds(text, file); // throws the located problems: YAML syntax, an empty file, a document that is no mapping
    throw new NeedsFileError([sourceMap.place({ path: [], message: 'the needs file must be a mapping of fields' })]);
  }
  const changes: NeedsChange[] = [];
  const expected = original.clone();
  for (const edit of edits) {
    const from = expected.getIn(edit.path);
    if (from === edit.value) continue;
    changes.push({ path: formatPath(edit.path), from: from === undefined ? null : from, to: edit.value });
    expected.setIn(edit.path, edit.value);
  }
  const edited = changes.length === 0 ? text : render(text, expected, edits);
  try {
    return { text: edited, changes, loaded: loadNeeds(edited, file) };
  } catch (error) {
    if (!(error instanceof NeedsFileError)) throw error;
    throw new NeedsFileError(error.problems.map((problem) => sourceMap.place(problem)));
  }
}

/** The edited text: in place when that gives exactly the expected document, else the document API's rendering. */
function render(text: string, expected: Document, edits: readonly NeedsEdit[]): string {
  let current: string | undefined = text;
  for (const edit of edits) {
    current = current === undefined ? undefined : editInPlace(current, edit);
  }
  if (current !== undefined) {
    const reparsed = parseDocument(current, PARSE_OPTIONS);
    if (reparsed.errors.length === 0 && isDeepStrictEqual(reparsed.toJS(), expected.toJS())) return current;
  }
  return renderWhole(text, expected);
}

/**
 * The whole document rendered again: a JSON file (a flow mapping at the root; JSON has no
 * comments to lose) as JSON at its own indentation, anything else by the document API.
 */
function renderWhole(text: string, expected: Document): string {
  if (isMap(expected.contents) && expected.contents.flow) {
    const indent = /\n( +)"/.exec(text)?.[1].length ?? 0;
    return `${JSON.stringify(expected.toJS(), null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
  }
  return expected.toString(RENDER_OPTIONS);
}

/** `text` with one edit applied in place, or undefined when the layout needs the document API. */
function editInPlace(text: string, edit: NeedsEdit): string | undefined {
  const document = parseDocument(text, PARSE_OPTIONS);
  let parent: unknown = document.contents;
  for (const [depth, key] of edit.path.entries()) {
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (!pair) return insertPair(text, parent, edit.path.slice(0, depth), edit.path.slice(depth), edit.value);
    if (depth === edit.path.length - 1) return isScalar(pair.value) ? replaceScalar(text, pair.value, edit.value, parent.flow === true) : undefined;
    parent = pair.value;
  }
  return undefined;
}

/** Replaces a scalar's source with the new value, in the scalar's own quoting style. */
function replaceScalar(text: string, node: Scalar, value: NeedsEdit['value'], inFlow: boolean): string | undefined {
  if (!node.range) return undefined;
  const [start, end] = node.range;
  return text.slice(0, start) + scalarSource(value, node.type, inFlow) + text.slice(end);
}

function scalarSource(value: NeedsEdit['value'], type: Scalar['type'], inFlow: boolean): string {
  if (typeof value !== 'string') return String(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (type === 'QUOTE_DOUBLE' || inFlow) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * Inserts `rest[0]` (with `rest[1..]` nested under it) into the block map `map` at `mapPath`,
 * after the last existing key that comes before it in the schema's field order.
 */
function insertPair(text: string, map: YAMLMap, mapPath: readonly string[], rest: readonly string[], value: NeedsEdit['value']): string | undefined {
  if (map.flow) return undefined;
  const key = rest[0];
  const nested = rest.slice(1).reduceRight<unknown>((inner, name) => ({ [name]: inner }), value);
  const order = knownKeysAt(needsSchema, mapPath as FieldPath);
  const rank = (name: unknown) => order.indexOf(String(name));
  const predecessors = (map.items as Pair[]).filter((pair) => isScalar(pair.key) && rank(pair.key.value) >= 0 && rank(pair.key.value) < rank(key));
  const after = predecessors.at(-1);
  const first = map.items[0] as Pair | undefined;
  const firstKeyAt = (first?.key as Node | undefined)?.range?.[0];
  if (firstKeyAt === undefined) return undefined;
  const indent = columnOf(text, firstKeyAt);
  const block = stringify({ [key]: nested }, { indent: 2, lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => ' '.repeat(indent) + line)
    .join('\n');
  if (!after) {
    // First in schema order: before the first key and the comment lines just above it.
    const offset = startOfCommentsAbove(text, firstKeyAt - indent, indent);
    return `${text.slice(0, offset)}${block}\n${typeof nested === 'object' && indent === 0 ? '\n' : ''}${text.slice(offset)}`;
  }
  const section = typeof nested === 'object' && indent === 0;
  const offset = lineEndAfter(text, endOf(after));
  let prefix = '';
  if (offset === text.length && !text.endsWith('\n')) prefix = '\n';
  if (section) prefix += '\n';
  return `${text.slice(0, offset)}${prefix}${block}\n${text.slice(offset)}`;
}

/** From the start of a line, back over the comment lines above it indented at least `indent`. */
function startOfCommentsAbove(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(previous, start - 1);
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length < indent) break;
    start = previous;
  }
  return start;
}

/** The end of a pair's content (not of comments after it). */
function endOf(pair: Pair): number {
  const node = (pair.value ?? pair.key) as Node | null;
  return node?.range?.[1] ?? 0;
}

/** The offset just after the line that holds `offset - 1` ends, i.e. the start of the next line. */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The 0-based column of a character offset. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
