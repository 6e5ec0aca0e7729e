/**
 * `tracklayer preview`: the Markdown PR comment (preview/) for the head of a change, against a
 * base when one is given. Gathers the inputs from disk — the needs files, the synth outputs
 * (synthesizing them when a directory does not hold one yet), the plan files — and the
 * guardrail findings of the head, then renders.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateGuardrails } from '../guardrails/evaluate';
import type { Rule, TerraformDocument } from '../guardrails/rule';
import { formatProblem } from '../needs/problem';
import type { Needs } from '../needs/schema';
import { readPlanDir } from '../preview/plan-json';
import { renderPreview, type PreviewBase } from '../preview/preview';
import { readSynthOutput, type SynthOutput } from '../preview/synth-output';
import { selectStrategy } from '../strategy/select';
import { readNeedsFile } from './read-needs-file';
import { buildApp } from './synthesize';

/** The options of the command. */
export interface PreviewOptions {
  /** The head needs file. */
  readonly needsFile: string;
  /** The head synth output; synthesized there when it holds none yet. @default - a scratch directory */
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

/** Reads `dir` as a synth output, synthesizing `needs` into it first when it holds none. */
function synthOutputOf(needs: Needs, dir: string): SynthOutput {
  if (!existsSync(join(dir, 'stacks'))) buildApp(needs, selectStrategy(needs), dir).app.synth();
  return readSynthOutput(dir);
}

/** Renders the comment; `warn` receives what must not end up in it. */
export function previewComment(options: PreviewOptions, rules: readonly Rule[], warn: (line: string) => void): string {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-preview-'));
  try {
    const head = readNeedsFile(options.needsFile);
    for (const warning of head.warnings) warn(`${formatProblem(warning)} (warning)`);
    const selection = selectStrategy(head.needs);
    const output = synthOutputOf(head.needs, options.out ?? join(scratch, 'head'));
    const stacks = Object.entries(output.stacks).map(([name, json]) => ({ name, json: json as TerraformDocument }));
    const findings = evaluateGuardrails(stacks, head.needs.guardrails.suppress, rules, head.needs).findings;
    const baseNeeds = options.baseNeedsFile ? readNeedsFile(options.baseNeedsFile).needs : undefined;
    const baseOutput = options.base ? readSynthOutput(options.base) : baseNeeds ? synthOutputOf(baseNeeds, join(scratch, 'base')) : undefined;
    const base: PreviewBase | undefined = baseNeeds || baseOutput ? { needs: baseNeeds, output: baseOutput } : undefined;
    return renderPreview({
      head: { needs: head.needs, selection, output },
      base,
      plans: options.planDir ? readPlanDir(options.planDir) : undefined,
      findings,
      fullLogUrl: options.fullLogUrl,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
