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
import { diffFingerprints, fingerprintApp, type AppFingerprint } from '../support/synth-fingerprint';

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

/** Cases that ask for no data-foundation feature and have no models lock to drop: byte-identical. */
const UNCHANGED = ['examples/cloud-first.yaml', 'examples/edge-centric.yaml', 'needs.yaml without compliance', 'examples/hybrid.yaml without compliance and retention'];

/** What dropping the models bucket's object lock (issue 13) changes in the hybrid example, as `<stack> <block>`. */
const MODELS_LOCK_DROPPED = {
  removed: ['medica-ai-lakehouse resource.aws_s3_bucket_object_lock_configuration.lakehouse_models_object-lock_AA57C9D2'],
  // object_lock_enabled is no longer set on the models bucket (the only attribute that changed)
  changed: ['medica-ai-lakehouse resource.aws_s3_bucket.lakehouse_models_bucket_3C2E9F52'],
};

describe('synthesis is unchanged where no data-foundation need applies', () => {
  const before = golden();
  const textsOf = (fingerprint: AppFingerprint) => Object.fromEntries(Object.entries(fingerprint).map(([stack, f]) => [stack, f.text]));

  test.each(UNCHANGED)('GIVEN %s WHEN synthesized THEN every stack is byte-identical to the golden', (name) => {
    expect(textsOf(fingerprintApp(CASES[name]()))).toEqual(textsOf(before[name]));
  });

  test('GIVEN the hybrid example without compliance (retention 2555 days) WHEN synthesized THEN only the models lock is gone (issue 13): nothing added', () => {
    expect(diffFingerprints(before['examples/hybrid.yaml without compliance'], fingerprintApp(CASES['examples/hybrid.yaml without compliance']()))).toEqual({ added: [], ...MODELS_LOCK_DROPPED });
  });
});
