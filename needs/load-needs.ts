/**
 * Reads a needs file (YAML, or JSON, which is YAML) into validated needs with defaults
 * filled, or a NeedsFileError that lists every problem with its line and column.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './closest-name';
import { crossFieldChecks } from './cross-field-checks';
import { describeValue } from './field-types';
import { NeedsFileError, type LocatedProblem, type Problem } from './problem';
import { needsSchema, type Needs } from './schema';
import { knownKeysAt } from './schema-keys';
import { SourceMap } from './source-map';

/** Aliases a document may expand; guards against "billion laughs" alias bombs. */
const MAX_ALIAS_COUNT = 100;

/** A needs file that passed validation. */
export interface LoadedNeeds {
  /** The needs with every default filled in. */
  readonly needs: Needs;
  /** Problems that do not stop synthesis (printed, never fatal). */
  readonly warnings: readonly LocatedProblem[];
  /** Positions of the file's fields, for messages found after validation. */
  readonly sourceMap: SourceMap;
}

/**
 * Parses and validates needs text. `file` names the source in messages.
 * @throws NeedsFileError with every problem found, in file order.
 */
export function loadNeeds(text: string, file: string): LoadedNeeds {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  const sourceMap = new SourceMap(file, document, lines);
  const syntax = document.errors.map((error) => sourceMap.placeAt(error.pos[0], yamlMessage(error.code, error.message)));
  if (syntax.length > 0) throw new NeedsFileError(sortByPosition(syntax));
  if (document.contents === null) {
    throw new NeedsFileError([sourceMap.place({ path: [], message: `the needs file is empty: start with "apiVersion: tracklayer/v1"` })]);
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new NeedsFileError([sourceMap.place({ path: [], message: `cannot be read: ${(error as Error).message}` })]);
  }
  const result = needsSchema.safeParse(raw, { error: defaultMessage });
  const crossField = crossFieldChecks(raw);
  const errors = [...(result.success ? [] : result.error.issues.flatMap(toProblems)), ...crossField.errors];
  if (errors.length > 0) throw new NeedsFileError(sortByPosition(dedupe(errors.map((p) => sourceMap.place(p)))));
  const warnings = sortByPosition(crossField.warnings.map((p) => sourceMap.place(p)));
  return { needs: (result as { data: Needs }).data, warnings, sourceMap };
}

/** Turns one zod issue into problems; an unknown-keys issue becomes one problem per key. */
function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
  const known = knownKeysAt(needsSchema, path);
  return issue.keys.map((key) => ({
    path: [...path, key],
    atKey: true,
    message: unknownFieldMessage(key, known),
  }));
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion) return `unknown field${suggestion}`;
  return `unknown field; the fields here are ${known.join(', ')}`;
}

/** Messages for issues whose schema did not set its own (mostly wrong container types). */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const expected = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false' }[issue.expected as string] ?? issue.expected;
  return issue.input === undefined ? `is required: ${expected}` : `must be ${expected}, got ${describeValue(issue.input)}`;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax: a needs file holds one document; remove the second document after "---"';
  return `YAML syntax: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`;
}

function dedupe(problems: LocatedProblem[]): LocatedProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function sortByPosition(problems: readonly LocatedProblem[]): LocatedProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
