/**
 * Whether `synth --out DIR` (and `cdktf synth` through main.ts) may replace DIR
 * (NEEDS-v1.1 "Output directory"): only when DIR is absent, empty, or an earlier tracklayer
 * output that holds nothing tracklayer did not write. Anything else is refused before anything
 * is touched, with a one-line message that names what is in the way.
 *
 * | DIR                                                        | outcome                          |
 * |------------------------------------------------------------|----------------------------------|
 * | absent                                                     | created                          |
 * | an empty directory                                         | replaced                         |
 * | an earlier output: manifest.json with tracklayer's record, stacks/ with only recorded stacks | replaced |
 * | the current directory or one of its parents                | refused                          |
 * | a symbolic link, a file, or a device                       | refused                          |
 * | any other directory (a git clone, the user's files)        | refused, naming what it holds    |
 * | an earlier output that also holds other files, or state    | refused, naming them             |
 *
 * Terraform's working files in a stack folder (`.terraform/`, `.terraform.lock.hcl`, plan
 * files: what `cdktf deploy` leaves there) are caches of the output and may go with it;
 * Terraform state (`*.tfstate`) is never treated as a cache.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { MANIFEST_FILE, readProvenance } from './output-manifest';

/** What tracklayer writes at the top of an output directory. */
const OUTPUT_ENTRIES = new Set([MANIFEST_FILE, 'stacks']);
/** What tracklayer writes in a stack folder. */
const STACK_FILES = new Set(['cdk.tf.json', 'metadata.json']);
/** Terraform's working files in a stack folder (`cdktf deploy` runs Terraform there). */
const TERRAFORM_WORKING_FILES = /^(\.terraform|\.terraform\.lock\.hcl|plan|tfplan|.*\.tfplan|crash\.log)$/;
/** Terraform state, never a cache. */
const STATE_FILE = /\.tfstate(\.backup)?$/;

/** An output directory tracklayer must not replace, or cannot write. Exit code 2. */
export class OutputDirectoryError extends Error {
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(`${dir}: ${reason}`);
    this.name = 'OutputDirectoryError';
  }
}

/**
 * Checks that `dir` may be replaced by a new synth output.
 * @throws OutputDirectoryError naming the reason, when it may not.
 */
export function assertReplaceable(dir: string, cwd: string = process.cwd()): void {
  const target = resolve(cwd, dir);
  const refuse = (reason: string): never => {
    throw new OutputDirectoryError(dir, reason);
  };
  if (target === resolve(cwd) || resolve(cwd).startsWith(target + sep) || target === sep) {
    refuse('is the current directory or one of its parents; tracklayer replaces its output directory as a whole, so name a directory of its own such as cdktf.out');
  }
  const stats = statOf(target, refuse);
  if (!stats) return;
  if (stats.isSymbolicLink()) refuse('is a symbolic link; name the directory itself, so it is clear what gets replaced');
  if (!stats.isDirectory()) refuse('is a file, not a directory; tracklayer writes a directory of stacks there, so name another path');
  const entries = listOf(target, refuse);
  if (entries.length === 0) return;
  const provenance = readProvenance(target);
  if (!provenance) refuse(`is not empty and not a tracklayer output (it holds ${sample(entries)}); tracklayer replaces its output directory as a whole, so name an empty or new directory`);
  const foreign = entries.filter((entry) => !OUTPUT_ENTRIES.has(entry));
  if (foreign.length > 0) refuse(`is an earlier tracklayer output but also holds ${sample(foreign)}, which tracklayer did not write; move them out or name another directory`);
  const stacksDir = join(target, 'stacks');
  const recorded = new Set(provenance!.stacks);
  for (const stack of entries.includes('stacks') ? listOf(stacksDir, refuse) : []) {
    const stackDir = join(stacksDir, stack);
    if (!lstatSync(stackDir).isDirectory()) refuse(`is an earlier tracklayer output but stacks/${stack} is not one of its stacks; move it out or name another directory`);
    // An empty folder of a stack no longer built is what main.ts leaves for the cdktf CLI to remove.
    if (!recorded.has(stack) && listOf(stackDir, refuse).length === 0) continue;
    if (!recorded.has(stack)) refuse(`is an earlier tracklayer output but stacks/${stack} is not one of its stacks; move it out or name another directory`);
    const kept = listOf(stackDir, refuse).filter((file) => !STACK_FILES.has(file));
    const state = kept.filter((file) => STATE_FILE.test(file));
    if (state.length > 0) refuse(`holds Terraform state in stacks/${stack} (${sample(state)}); move the state to its backend before synthesizing here`);
    const other = kept.filter((file) => !TERRAFORM_WORKING_FILES.test(file));
    if (other.length > 0) refuse(`is an earlier tracklayer output but stacks/${stack} also holds ${sample(other)}, which tracklayer did not write; move them out or name another directory`);
  }
}

/** The path's lstat, or undefined when nothing is there. */
function statOf(path: string, refuse: (reason: string) => never): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return refuse(`cannot be inspected (${code ?? (error as Error).message}); name a path tracklayer can write`);
  }
}

function listOf(dir: string, refuse: (reason: string) => never): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    return refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}) at ${relative(process.cwd(), dir) || '.'}`);
  }
}

/** `a, b and 3 more`. */
function sample(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
