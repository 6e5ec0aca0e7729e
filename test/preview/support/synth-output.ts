/** Synth outputs for preview tests, made through the same path as `tracklayer synth` (buildApp). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../cli/synthesize';
import type { Needs } from '../../../needs/schema';
import { readSynthOutput, type SynthOutput, type TerraformJson } from '../../../preview/synth-output';
import { selectStrategy, type Selection } from '../../../strategy/select';

const cache = new Map<string, SynthOutput>();

/** The needs, their selection and their synthesized output (cached per needs within a test file). */
export function synthesized(needs: Needs): { needs: Needs; selection: Selection; output: SynthOutput } {
  const selection = selectStrategy(needs);
  const key = JSON.stringify(needs);
  let output = cache.get(key);
  if (!output) {
    const dir = mkdtempSync(join(tmpdir(), 'tracklayer-preview-'));
    buildApp(needs, selection, dir).app.synth();
    output = readSynthOutput(dir);
    cache.set(key, output);
  }
  return { needs, selection, output };
}

/** A copy of `output` with `stacks` added or replaced. */
export function withStacks(output: SynthOutput, stacks: Record<string, TerraformJson>): SynthOutput {
  return { stacks: { ...output.stacks, ...stacks } };
}
