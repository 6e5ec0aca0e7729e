/**
 * Reads and validates a needs file from disk: the one place (with main.ts) that touches the
 * file system for needs. An unreadable file is reported like any other needs-file problem.
 */
import { readFileSync } from 'node:fs';
import { loadNeeds, type LoadedNeeds } from '../needs/load-needs';
import { NeedsFileError } from '../needs/problem';

/** The needs file used when neither --needs nor TRACKLAYER_NEEDS names one. */
export const DEFAULT_NEEDS_FILE = 'needs.yaml';

/** The needs file to read: the flag, else TRACKLAYER_NEEDS, else needs.yaml. */
export function needsFilePath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.TRACKLAYER_NEEDS ?? DEFAULT_NEEDS_FILE;
}

/** A needs file read from disk: the validated needs, and the text they came from (outputs record its fingerprint). */
export interface NeedsFile extends LoadedNeeds {
  /** The path as given. */
  readonly file: string;
  /** The file's text. */
  readonly text: string;
}

/**
 * Reads and validates the file.
 * @throws NeedsFileError for an unreadable or invalid file.
 */
export function readNeedsFile(file: string): NeedsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new NeedsFileError([{ file, line: 1, column: 1, path: [], message: `cannot read the needs file: ${reason}` }]);
  }
  return { ...loadNeeds(text, file), file, text };
}
