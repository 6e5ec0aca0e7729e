/**
 * `--write` of audit and optimize: applies edits to the needs file in place (needs/needs-edit:
 * comments, spacing and key order kept), validates the result, and replaces the file
 * atomically (./replace-file). A result that would not be valid is refused: the problems are
 * printed at their place in the file as it is, and the file stays byte for byte as it was.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { editNeeds, type NeedsChange, type NeedsEdit } from '../needs/needs-edit';
import { NeedsFileError, formatProblem } from '../needs/problem';
import { EXIT } from './exit-codes';
import { ReplaceFileError, replaceFile } from './replace-file';

/** What to do about a refused write, shown after the problems. */
export type RefusalHints = (problems: NeedsFileError['problems']) => readonly string[];

/** The values as a person reads them: `workload.training.gpus 64 → 16`. */
export function describeChanges(changes: readonly NeedsChange[]): string {
  return changes.map((c) => `${c.path} ${c.from === null ? '(unset)' : String(c.from)} → ${String(c.to)}`).join(', ');
}

/**
 * Applies the edits `plan` returns for the file's current contents (its parsed value, or
 * undefined when it does not parse) and writes the file. `say` receives the report lines.
 * @returns the exit code: 0 written or already up to date, 2 refused or unreadable.
 */
export function writeNeeds(file: string, plan: (current: unknown) => readonly NeedsEdit[], say: (line: string) => void, hints: RefusalHints = () => []): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    say(`${file}:1:1: (root): cannot read the needs file: ${reason}; --write changes an existing needs file`);
    return EXIT.badInput;
  }
  let current: unknown;
  try {
    current = parseDocument(text, { logLevel: 'silent' }).toJS({ maxAliasCount: 100 });
  } catch {
    current = undefined; // editNeeds reports what is wrong with it
  }
  try {
    const edited = editNeeds(text, file, plan(current));
    if (edited.changes.length === 0) {
      say(`${file}: already up to date; nothing written`);
      return EXIT.ok;
    }
    replaceFile(file, text, edited.text);
    for (const warning of edited.loaded.warnings) say(`${formatProblem(warning)} (warning)`);
    say(`wrote ${file}: ${describeChanges(edited.changes)}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof NeedsFileError) {
      for (const problem of error.problems) say(formatProblem(problem));
      for (const hint of hints(error.problems)) say(hint);
      say(`${file}: --write refused: the needs file would not be valid after the change; it is unchanged`);
      return EXIT.badInput;
    }
    if (error instanceof ReplaceFileError) {
      say(error.message);
      return EXIT.badInput;
    }
    throw error;
  }
}
