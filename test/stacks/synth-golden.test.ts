/**
 * Golden test: what the stacks synthesized before the data foundation (streaming, PII detection,
 * governance, quality rules) is what they synthesize now, byte for byte, for every needs file that
 * asks for none of it. golden/synth-fingerprints.json holds SHA-256 fingerprints (see
 * test/support/synth-fingerprint.ts) captured from the code before that change;
 * `UPDATE_GOLDEN=1 npx jest test/stacks/synth-golden` rewrites it from the current output
 * (review the diff before committing it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNeedsFile } from '../../cli/read-needs-file';
import type { Needs } from '../../needs/schema';
import { fingerprintApp, type AppFingerprint } from '../support/synth-fingerprint';

const GOLDEN_FILE = join(__dirname, 'golden', 'synth-fingerprints.json');

const withoutCompliance = (needs: Needs): Needs => ({ ...needs, business: { ...needs.business, compliance: [] } });
const withoutRetention = (needs: Needs): Needs => ({ ...needs, data: { ...needs.data, retentionDays: undefined } });

/** The needs of each golden case. */
const CASES: Readonly<Record<string, () => Needs>> = {
  'needs.yaml': () => readNeedsFile('needs.yaml').needs,
  'examples/cloud-first.yaml': () => readNeedsFile('examples/cloud-first.yaml').needs,
  'examples/edge-centric.yaml': () => readNeedsFile('examples/edge-centric.yaml').needs,
  'examples/hybrid.yaml': () => readNeedsFile('examples/hybrid.yaml').needs,
  'needs.yaml without compliance': () => withoutCompliance(readNeedsFile('needs.yaml').needs),
  'examples/hybrid.yaml without compliance': () => withoutCompliance(readNeedsFile('examples/hybrid.yaml').needs),
  'examples/hybrid.yaml without compliance and retention': () => withoutRetention(withoutCompliance(readNeedsFile('examples/hybrid.yaml').needs)),
};

function golden(): Record<string, AppFingerprint> {
  if (process.env.UPDATE_GOLDEN === '1') {
    const fingerprints = Object.fromEntries(Object.entries(CASES).map(([name, needs]) => [name, fingerprintApp(needs())]));
    writeFileSync(GOLDEN_FILE, `${JSON.stringify(fingerprints, null, 1)}\n`);
  }
  if (!existsSync(GOLDEN_FILE)) throw new Error('golden/synth-fingerprints.json is missing: run UPDATE_GOLDEN=1 npx jest test/stacks/synth-golden, then review it');
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, AppFingerprint>;
}

describe('synthesis is unchanged where no data-foundation need applies', () => {
  const before = golden();

  test.each(Object.keys(CASES))('GIVEN %s WHEN synthesized THEN every stack is byte-identical to the golden', (name) => {
    const now = fingerprintApp(CASES[name]());
    expect(Object.fromEntries(Object.entries(now).map(([stack, f]) => [stack, f.text]))).toEqual(Object.fromEntries(Object.entries(before[name]).map(([stack, f]) => [stack, f.text])));
  });
});
