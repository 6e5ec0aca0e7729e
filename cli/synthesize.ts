/**
 * Synthesis in process: validated needs and a selection in, Terraform JSON out. The stacks are
 * written to a fresh temporary directory beside the output directory and renamed into place,
 * so a failure never leaves a half-written or changed output directory.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';
import { buildStacks } from '../stacks/build-stacks';
import { constructWarnings } from './construct-warnings';

/** What a synth produced. */
export interface SynthResult {
  /** The output directory (absolute). */
  readonly outdir: string;
  /** Stacks written to `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly written: readonly StackRef[];
  /** Stacks the strategy lists whose role is not built yet. */
  readonly missing: readonly StackRef[];
  /** Warnings the constructs raised (`<construct path>: <message>`). */
  readonly warnings: readonly string[];
}

/**
 * Builds the selection's stacks into an App whose output goes to `outdir` (default: where the
 * cdktf CLI says, CDKTF_OUTDIR, else cdktf.out). `tracklayer synth` and the cdktf app entry
 * (main.ts) both build through here, so both produce the same stacks.
 */
export function buildApp(needs: Needs, selection: Selection, outdir?: string): { app: App; written: StackRef[]; missing: readonly StackRef[] } {
  const app = new App(outdir === undefined ? {} : { outdir });
  const { built, missing } = buildStacks(app, { needs, strategy: selection.strategy }, selection);
  return { app, written: built.map((stack) => stack.ref), missing };
}

/** Synthesizes into `outdir`, replacing it only once the new output is complete. */
export function synthesizeTo(needs: Needs, selection: Selection, outdir: string): SynthResult {
  const target = resolve(outdir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    const { app, written, missing } = buildApp(needs, selection, staging);
    app.synth();
    replaceDirectory(staging, target);
    return { outdir: target, written, missing, warnings: constructWarnings(app) };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Moves `source` to `target`, removing the old `target` only after the new one is in place. */
function replaceDirectory(source: string, target: string): void {
  const previous = `${source}.previous`;
  let hadPrevious = true;
  try {
    renameSync(target, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    renameSync(source, target);
  } catch (error) {
    if (hadPrevious) renameSync(previous, target);
    throw error;
  }
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}
