/**
 * `tracklayer preview`: the Markdown PR comment (preview/) for the head of a change, against a
 * base when one is given. Gathers the inputs from disk — the needs files, the synth outputs, the
 * plan files — and the guardrail findings of the head, then renders.
 *
 * An output is used only when it is the synth of the needs at hand (./output-manifest): the
 * manifest records the needs file's fingerprint, the tracklayer version and the project.
 *
 * | output given          | it holds                               | the preview                                        |
 * |-----------------------|----------------------------------------|----------------------------------------------------|
 * | `--out DIR`           | the synth of the head needs            | reads it                                           |
 * | `--out DIR`           | nothing, or a stale tracklayer output   | re-synthesizes into DIR (says why on stderr)       |
 * | `--out DIR`           | anything else                          | refuses (exit 2), DIR untouched                    |
 * | `--base DIR` + needs  | the synth of the base needs            | reads it                                           |
 * | `--base DIR` + needs  | a stale tracklayer output              | synthesizes the base needs in a scratch directory  |
 * | `--base DIR` alone    | a tracklayer output                    | reads it (its recorded project and strategy)       |
 * | `--base DIR`          | anything else                          | refuses (exit 2)                                   |
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateGuardrails } from '../guardrails/evaluate';
import type { Rule, TerraformDocument } from '../guardrails/rule';
import { formatProblem } from '../needs/problem';
import { readPlanDir } from '../preview/plan-json';
import { PreviewInputError } from '../preview/preview-error';
import { renderPreview, type PreviewBase } from '../preview/preview';
import { readSynthOutput, type SynthOutput } from '../preview/synth-output';
import { selectStrategy } from '../strategy/select';
import { needsFingerprint, readProvenance, stalenessOf } from './output-manifest';
import { readNeedsFile, type NeedsFile } from './read-needs-file';
import { synthesizeTo } from './synthesize';
import { tracklayerVersion } from './tracklayer-version';

/** The options of the command. */
export interface PreviewOptions {
  /** The head needs file. */
  readonly needsFile: string;
  /** The head synth output; (re)synthesized there when it is not the head's. @default - a scratch directory */
  readonly out?: string;
  /** The base synth output. @default - synthesized from baseNeedsFile, if given */
  readonly base?: string;
  /** The base needs file. @default - no base needs */
  readonly baseNeedsFile?: string;
  /** Per-stack `terraform show -json` files (`DIR/<stack>.json`). @default - synth diff only */
  readonly planDir?: string;
  /** Where the full output is, named when the comment is cut. */
  readonly fullLogUrl?: string;
}

/** Why `dir` is not the synth of `needs` (stale, foreign, or no output), or undefined when it is. */
function outputProblem(needs: NeedsFile, dir: string): string | undefined {
  const recorded = readProvenance(dir);
  if (!recorded) return 'it holds no tracklayer output';
  return stalenessOf(recorded, { version: tracklayerVersion(), project: needs.needs.name, needsSha256: needsFingerprint(needs.text) });
}

/** Synthesizes `needs` into `dir` (replaceable only as `synth --out` allows) and reads it back. */
function synthesizeInto(needs: NeedsFile, dir: string): SynthOutput {
  synthesizeTo({ needs: needs.needs, selection: selectStrategy(needs.needs), needsText: needs.text }, dir, { allowGuardrailErrors: true });
  return readSynthOutput(dir);
}

/** The head output: `dir` when it is the head's synth, else synthesized there. */
function headOutput(head: NeedsFile, dir: string, warn: (line: string) => void): SynthOutput {
  const problem = outputProblem(head, dir);
  if (!problem) return readSynthOutput(dir);
  if (readProvenance(dir)) warn(`preview: re-synthesizing ${dir}: ${problem}`);
  return synthesizeInto(head, dir);
}

/** The base output: `dir` when it is the base's synth (or no base needs are given), else the base needs synthesized in scratch. */
function baseOutput(dir: string, baseNeeds: NeedsFile | undefined, scratch: string, warn: (line: string) => void): SynthOutput {
  const recorded = readProvenance(dir);
  if (!recorded) throw new PreviewInputError(dir, 'not a tracklayer synth output (no manifest.json with its record); run `tracklayer synth --out DIR` on the base first');
  if (!baseNeeds) return readSynthOutput(dir);
  const problem = outputProblem(baseNeeds, dir);
  if (!problem) return readSynthOutput(dir);
  warn(`preview: not using ${dir} as the base (${problem}); synthesizing ${baseNeeds.file} instead`);
  return synthesizeInto(baseNeeds, join(scratch, 'base'));
}

/** Renders the comment; `warn` receives what must not end up in it. */
export function previewComment(options: PreviewOptions, rules: readonly Rule[], warn: (line: string) => void): string {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-preview-'));
  try {
    const head = readNeedsFile(options.needsFile);
    for (const warning of head.warnings) warn(`${formatProblem(warning)} (warning)`);
    const selection = selectStrategy(head.needs);
    const output = headOutput(head, options.out ?? join(scratch, 'head'), warn);
    const stacks = Object.entries(output.stacks).map(([name, json]) => ({ name, json: json as TerraformDocument }));
    const findings = evaluateGuardrails(stacks, head.needs.guardrails.suppress, rules, head.needs).findings;
    const baseNeeds = options.baseNeedsFile ? readNeedsFile(options.baseNeedsFile) : undefined;
    const base = options.base ? baseOutput(options.base, baseNeeds, scratch, warn) : baseNeeds ? synthesizeInto(baseNeeds, join(scratch, 'base')) : undefined;
    const previewBase: PreviewBase | undefined = baseNeeds || base ? { needs: baseNeeds?.needs, output: base } : undefined;
    return renderPreview({
      head: { needs: head.needs, selection, output },
      base: previewBase,
      plans: options.planDir ? readPlanDir(options.planDir) : undefined,
      findings,
      fullLogUrl: options.fullLogUrl,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
