/**
 * The cdktf app (main.ts runs it for `cdktf synth` and `cdktf deploy`): the same stacks as
 * `tracklayer synth`, through the same synthesizeTo, with the same output-directory safety,
 * guardrails and provenance. Reads TRACKLAYER_NEEDS (default needs.yaml); the cdktf CLI chooses
 * the output directory (CDKTF_OUTDIR).
 *
 * Exit codes as `tracklayer synth`: 0, 2 (needs file or output directory), 3 (guardrails).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GuardrailError } from '../guardrails/evaluate';
import { NeedsFileError, formatProblem } from '../needs/problem';
import { selectStrategy } from '../strategy/select';
import { EXIT } from './exit-codes';
import { findingLine } from './format-findings';
import { OutputDirectoryError } from './output-directory';
import { needsFilePath, readNeedsFile } from './read-needs-file';
import { synthesizeTo } from './synthesize';

/** The output directory when the app runs outside the cdktf CLI (the CLI's own default). */
export const CDKTF_DEFAULT_OUTDIR = 'cdktf.out';

/** Runs the app; returns the exit code. Errors other than bad input and guardrails are bugs and propagate. */
export function runCdktfApp(env: NodeJS.ProcessEnv, stderr: (text: string) => void): number {
  const outdir = env.CDKTF_OUTDIR ?? CDKTF_DEFAULT_OUTDIR;
  try {
    const loaded = readNeedsFile(needsFilePath(undefined, env));
    for (const warning of loaded.warnings) stderr(`${formatProblem(warning)} (warning)\n`);
    const selection = selectStrategy(loaded.needs);
    const before = stackFolders(outdir);
    const result = synthesizeTo({ needs: loaded.needs, selection, needsText: loaded.text }, outdir);
    for (const finding of result.guardrails.findings) stderr(`${findingLine(finding)}\n`);
    if (env.CDKTF_OUTDIR !== undefined) keepFoldersForCdktfCleanup(outdir, before, result.written.map((s) => s.name));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof NeedsFileError) {
      for (const problem of error.problems) stderr(`${formatProblem(problem)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof OutputDirectoryError) {
      stderr(`tracklayer: ${error.message}\n`);
      return EXIT.badInput;
    }
    // The same guardrails as `tracklayer synth`: an error fails `cdktf synth` (and so `cdktf deploy`).
    if (error instanceof GuardrailError) {
      for (const finding of error.report.findings) stderr(`${findingLine(finding)}\n`);
      stderr(`guardrails: ${error.message}; nothing was written\n`);
      return EXIT.guardrails;
    }
    throw error;
  }
}

/** The stack folders of an earlier output in `dir`. */
function stackFolders(dir: string): string[] {
  const stacks = join(dir, 'stacks');
  return existsSync(stacks) ? readdirSync(stacks) : [];
}

/**
 * The cdktf CLI lists `<outdir>/stacks/*` before running this app and removes, afterwards, the
 * folders of stacks the app no longer builds, without tolerating a folder that is already gone
 * (@cdktf/cli-core src/lib/synth-stack.js: `orphanedDirectories`, `fs.rmSync` without `force`).
 * The output was replaced as a whole, so those folders are recreated empty for it to remove.
 */
function keepFoldersForCdktfCleanup(outdir: string, before: readonly string[], written: readonly string[]): void {
  for (const stack of before.filter((name) => !written.includes(name))) mkdirSync(join(outdir, 'stacks', stack), { recursive: true });
}
