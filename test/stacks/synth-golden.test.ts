/**
 * Golden test: what the stacks synthesized before the data foundation (streaming, PII detection,
 * governance, quality rules) is what they synthesize now, byte for byte, for every needs file that
 * asks for none of it; where a file asks for some of it (compliance) or for an object lock, the
 * blocks that change are named one by one, and every added block lives under the data foundation. golden/synth-fingerprints.json holds SHA-256 fingerprints (see
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

/**
 * Blocks the data foundation adds: everything under the constructs `data-principals` and
 * `data-foundation` of the lakehouse stack, the workloads' catalog grants of the gpu-cluster
 * stack, and the data alerts topic's output.
 */
const DATA_FOUNDATION_BLOCK = / (resource\.[a-z0-9_]+\.(data-foundation|data-principals|training-catalog-grants|inference-catalog-grants)_|output\.data_alerts_topic_arn$)/;

describe('compliance (gdpr, hipaa) adds the PII detection and governance, and changes only what names them', () => {
  const before = golden();

  test('GIVEN needs.yaml (gdpr) WHEN synthesized THEN the lakehouse key policy changes (Macie may decrypt), everything else is added under the data foundation', () => {
    const diff = diffFingerprints(before['needs.yaml'], fingerprintApp(CASES['needs.yaml']()));
    expect(diff.changed).toEqual(['acme-ml-lakehouse resource.aws_kms_key.lakehouse_key_36FBEC88']);
    expect(diff.removed).toEqual([]);
    expect(diff.added.filter((block) => !DATA_FOUNDATION_BLOCK.test(block))).toEqual([]);
    expect(diff.added.length).toBeGreaterThan(0);
  });

  test('GIVEN the hybrid example (hipaa) WHEN synthesized THEN also the raw and curated network deny (it exempts Macie) and the models lock (issue 13)', () => {
    const diff = diffFingerprints(before['examples/hybrid.yaml'], fingerprintApp(CASES['examples/hybrid.yaml']()));
    expect(diff.changed).toEqual([
      'medica-ai-lakehouse resource.aws_kms_key.lakehouse_key_36FBEC88',
      ...MODELS_LOCK_DROPPED.changed,
      'medica-ai-lakehouse resource.aws_s3_bucket_policy.lakehouse_curated_policy_C1170821',
      'medica-ai-lakehouse resource.aws_s3_bucket_policy.lakehouse_raw_policy_B0D0B504',
    ]);
    expect(diff.removed).toEqual(MODELS_LOCK_DROPPED.removed);
    expect(diff.added.filter((block) => !DATA_FOUNDATION_BLOCK.test(block))).toEqual([]);
  });
});
