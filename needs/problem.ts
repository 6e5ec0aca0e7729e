/**
 * A problem found in a needs file, located by its field path and, once a source map has
 * placed it, by line and column: `FILE:LINE:COL: path.to.field: what is wrong`.
 */

/** A field path: keys and list indexes from the document root. */
export type FieldPath = readonly (string | number)[];

/** A problem before it is placed in the file. */
export interface Problem {
  /** Where in the document the problem is. */
  readonly path: FieldPath;
  /** What is wrong, and what to do about it. */
  readonly message: string;
  /** Point at the key rather than its value (unknown keys). @default false */
  readonly atKey?: boolean;
}

/** A problem placed in the file (1-based line and column). */
export interface LocatedProblem extends Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `workload.inference.sites[2].name`; the root is `(root)`. */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text === '' ? '(root)' : text;
}

/** One line of the report: `FILE:LINE:COL: path: message`. */
export function formatProblem(problem: LocatedProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${formatPath(problem.path)}: ${problem.message}`;
}

/** Thrown by loadNeeds when the file has problems: all of them, in file order. */
export class NeedsFileError extends Error {
  constructor(readonly problems: readonly LocatedProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'NeedsFileError';
  }
}
