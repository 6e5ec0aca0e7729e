/**
 * Synthesis in process: validated needs and a selection in, Terraform JSON out. The stacks are
 * written to a fresh temporary directory beside the output directory, checked by the guardrail
 * rules (guardrails/registry.ts), stamped with their provenance (./output-manifest) and renamed
 * into place only when no error remains, so a failure never leaves a half-written or changed
 * output directory. The output directory is replaced only when ./output-directory allows it.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import { evaluateGuardrails, GuardrailError, hasErrors, type GuardrailReport } from '../guardrails/evaluate';
import { RULES } from '../guardrails/registry';
import type { Rule, SynthesizedStack, TerraformDocument } from '../guardrails/rule';
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';
import { buildStacks } from '../stacks/build-stacks';
import { constructWarnings } from './construct-warnings';
import { OutputDirectoryError, assertReplaceable } from './output-directory';
import { needsFingerprint, recordProvenance, type OutputProvenance } from './output-manifest';
import { tracklayerVersion } from './tracklayer-version';

/** What a synthesis is made from: the validated needs, their selection, and the needs file's text. */
export interface SynthInput {
  readonly needs: Needs;
  readonly selection: Selection;
  /** The needs file's text; its fingerprint goes into the output's manifest. */
  readonly needsText: string;
}

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
  /** What the guardrail rules found (no error remains, or synthesis would have failed). */
  readonly guardrails: GuardrailReport;
}

/** A synthesized stack with the text of its cdk.tf.json (for line numbers in reports). */
export interface SynthesizedOutput extends SynthesizedStack {
  readonly text: string;
}

/** What `tracklayer check` synthesized and found; nothing of it is kept on disk. */
export interface CheckResult extends Omit<SynthResult, 'outdir'> {
  /** The stacks as synthesized. */
  readonly stacks: readonly SynthesizedOutput[];
}

/** Options of {@link synthesizeTo}. */
export interface SynthOptions {
  /** The guardrail rules. @default RULES */
  readonly rules?: readonly Rule[];
  /** Write the output even when a guardrail error remains (the preview shows findings instead of failing). @default false */
  readonly allowGuardrailErrors?: boolean;
}

/**
 * Builds the selection's stacks into an App whose output goes to `outdir`. `tracklayer synth`
 * and the cdktf app entry (main.ts) both build through here, so both produce the same stacks.
 */
export function buildApp(needs: Needs, selection: Selection, outdir: string): { app: App; written: StackRef[]; missing: readonly StackRef[] } {
  const app = new App({ outdir });
  const { built, missing } = buildStacks(app, { needs, strategy: selection.strategy }, selection);
  return { app, written: built.map((stack) => stack.ref), missing };
}

/** Reads `<outdir>/stacks/<name>/cdk.tf.json` of each stack. */
export function readSynthesizedStacks(outdir: string, stacks: readonly StackRef[]): SynthesizedOutput[] {
  return stacks.map((ref) => {
    const text = readFileSync(join(outdir, 'stacks', ref.name, 'cdk.tf.json'), 'utf8');
    return { name: ref.name, json: JSON.parse(text) as TerraformDocument, text };
  });
}

/** The provenance an output of `input` records. */
export function provenanceOf(input: SynthInput, stacks: readonly StackRef[]): OutputProvenance {
  return {
    tool: 'tracklayer',
    version: tracklayerVersion(),
    project: input.needs.name,
    strategy: input.selection.strategy,
    needsSha256: needsFingerprint(input.needsText),
    stacks: stacks.map((s) => s.name),
  };
}

/** Builds and synthesizes the stacks into `dir`, then runs the rules over the written JSON. */
function synthesizeAndCheck(needs: Needs, selection: Selection, dir: string, rules: readonly Rule[]): CheckResult {
  const { app, written, missing } = buildApp(needs, selection, dir);
  app.synth();
  const stacks = readSynthesizedStacks(dir, written);
  const guardrails = evaluateGuardrails(stacks, needs.guardrails.suppress, rules, needs);
  return { written, missing, warnings: constructWarnings(app), guardrails, stacks };
}

/**
 * Synthesizes into `outdir`, replacing it only when it may be replaced (./output-directory),
 * once the new output is complete and no guardrail error remains after the needs file's
 * suppressions.
 * @throws OutputDirectoryError when `outdir` may not be replaced or cannot be written; nothing is touched.
 * @throws GuardrailError when a rule reports an error; `outdir` is then left as it was.
 */
export function synthesizeTo(input: SynthInput, outdir: string, options: SynthOptions = {}): SynthResult {
  assertReplaceable(outdir);
  const target = resolve(outdir);
  const staging = stagingBeside(outdir, target);
  try {
    const { written, missing, warnings, guardrails } = synthesizeAndCheck(input.needs, input.selection, staging, options.rules ?? RULES);
    if (hasErrors(guardrails) && !options.allowGuardrailErrors) throw new GuardrailError(guardrails);
    recordProvenance(staging, provenanceOf(input, written));
    replaceDirectory(staging, target);
    return { outdir: target, written, missing, warnings, guardrails };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh staging directory in the directory that will hold `target`. */
function stagingBeside(outdir: string, target: string): string {
  try {
    mkdirSync(dirname(target), { recursive: true });
    return mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  } catch (error) {
    throw new OutputDirectoryError(outdir, `cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message} in ${dirname(target)}); name a directory you can write`);
  }
}

/** Synthesizes into a throwaway directory and runs the rules (`tracklayer check`); never touches an output directory. */
export function synthesizeForCheck(needs: Needs, selection: Selection, rules: readonly Rule[] = RULES): CheckResult {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-check-'));
  try {
    return synthesizeAndCheck(needs, selection, scratch, rules);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
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
