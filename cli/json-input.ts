/**
 * Reading the JSON files the commands take as input (a node list, a metrics export), with
 * every problem placed at its `LINE:COL`. JSON.parse reads the file (fast, also for the tens of
 * megabytes of a large cluster's node list); only when something must be located is the text
 * parsed again with the yaml library, whose nodes carry source ranges (JSON is YAML), and
 * placed with the needs file's SourceMap.
 *
 * Text that is not JSON but is YAML (a `NaN` or `Infinity` written by a Python exporter, a
 * trailing comma) is read as YAML, so the command can say exactly what is wrong with it rather
 * than only "not JSON"; text that is neither is a located syntax error naming what was expected.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { LocatedProblem, Problem } from '../needs/problem';
import { SourceMap } from '../needs/source-map';

/** A parsed input file and how to place a problem in it. */
export interface JsonInput {
  /** The name used in messages. */
  readonly file: string;
  readonly value: unknown;
  /** The problem at its line and column in the file. */
  place(problem: Problem): LocatedProblem;
}

/** Located problems in an input file, or a file that cannot be read; the command prints them and exits 2. */
export class InputFileError extends Error {
  constructor(
    readonly problems: readonly LocatedProblem[],
    /** Lines printed after the problems: what to do. */
    readonly hints: readonly string[] = [],
  ) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'InputFileError';
  }
}

/** The reason a file cannot be read, for a message. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (error as Error).message;
}

/**
 * Reads `file` from disk and parses it.
 * @throws InputFileError when it cannot be read or parsed; `expected` says what it should be.
 */
export function readJsonFile(file: string, expected: string): JsonInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError([{ file, line: 1, column: 1, path: [], message: `cannot read it: ${readFailure(error)}; expected ${expected}` }]);
  }
  return parseJsonText(text, file, expected);
}

/**
 * Parses `text` (named `file` in messages).
 * @throws InputFileError for an empty file or a syntax error, located.
 */
export function parseJsonText(text: string, file: string, expected: string): JsonInput {
  let sourceMap: SourceMap | undefined;
  const map = (): SourceMap => {
    if (!sourceMap) {
      const lines = new LineCounter();
      sourceMap = new SourceMap(file, parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'silent' }), lines);
    }
    return sourceMap;
  };
  const place = (problem: Problem) => map().place(problem);
  if (text.trim() === '') throw new InputFileError([{ file, line: 1, column: 1, path: [], message: `the file is empty; expected ${expected}` }]);
  try {
    return { file, value: JSON.parse(text), place };
  } catch {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
    if (document.errors.length > 0) {
      sourceMap = new SourceMap(file, document, lines);
      const error = document.errors[0];
      const reason = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
      throw new InputFileError([sourceMap.placeAt(error.pos[0], `not JSON (${reason}); expected ${expected}`)]);
    }
    sourceMap = new SourceMap(file, document, lines);
    return { file, value: document.toJS({ maxAliasCount: 100 }), place };
  }
}
