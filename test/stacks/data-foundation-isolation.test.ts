/**
 * The data foundation (streaming, PII detection, governance, quality rules) stays out of every
 * stack that does not ask for it, and where a needs file asks for it, it changes only the blocks
 * that must name it. A differential test in the current code: each needs file is synthesized as
 * written and without its data-foundation fields, and the two are compared block by block
 * (test/support/synth-fingerprint). Byte identity of whole outputs over time is the job of the
 * committed synth hashes.
 */
import { readNeedsFile } from '../../cli/read-needs-file';
import type { Needs } from '../../needs/schema';
import { diffFingerprints, fingerprintApp } from '../support/synth-fingerprint';

/** The needs without any data-foundation field: no streaming, no quality, no compliance. */
const withoutDataFoundation = (needs: Needs): Needs => ({
  ...needs,
  business: { ...needs.business, compliance: [] },
  data: { ...needs.data, streaming: undefined, quality: undefined },
});

/**
 * Blocks the data foundation adds: everything under the constructs `data-principals` and
 * `data-foundation` of the lakehouse stack, the workloads' catalog grants of the gpu-cluster
 * stack, and the data alerts topic's output.
 */
const DATA_FOUNDATION_BLOCK = / (resource\.[a-z0-9_]+\.(data-foundation|data-principals|[a-z0-9-]+-catalog-grants)_|output\.data_alerts_topic_arn$)/;

/** Types only the data foundation creates. */
const DATA_FOUNDATION_TYPES = /^resource\.aws_(msk_|kinesis_|macie2_|lakeformation_|glue_data_quality|scheduler_schedule|glue_crawler)/;

describe('the data foundation stays out of needs files that do not ask for it', () => {
  test.each(['examples/cloud-first.yaml', 'examples/edge-centric.yaml', 'examples/capacity-block.yaml'])('GIVEN %s (no streaming, quality or compliance) THEN no data-foundation block', (file) => {
    const needs = readNeedsFile(file).needs;
    expect(withoutDataFoundation(needs)).toEqual({ ...needs, data: { ...needs.data, streaming: undefined, quality: undefined } });
    const blocks = Object.entries(fingerprintApp(needs)).flatMap(([stack, f]) => Object.keys(f.blocks).map((block) => `${stack} ${block}`));
    expect(blocks.filter((block) => DATA_FOUNDATION_BLOCK.test(block) || DATA_FOUNDATION_TYPES.test(block.split(' ')[1]))).toEqual([]);
  });
});

describe('compliance (gdpr, hipaa) adds PII detection and governance, and changes only what names them', () => {
  test('GIVEN needs.yaml (gdpr) THEN against the same needs without it only the lakehouse key policy changes (Macie may decrypt); the rest is added under the data foundation', () => {
    const needs = readNeedsFile('needs.yaml').needs;
    const diff = diffFingerprints(fingerprintApp(withoutDataFoundation(needs)), fingerprintApp(needs));
    expect(diff.changed).toEqual(['acme-ml-lakehouse resource.aws_kms_key.lakehouse_key_36FBEC88']);
    expect(diff.removed).toEqual([]);
    expect(diff.added.length).toBeGreaterThan(0);
    expect(diff.added.filter((block) => !DATA_FOUNDATION_BLOCK.test(block))).toEqual([]);
  });

  test('GIVEN the hybrid example (hipaa) THEN also the raw and curated network deny (it exempts the data foundation\'s service roles) and, as hipaa always did, the object lock mode', () => {
    const needs = readNeedsFile('examples/hybrid.yaml').needs;
    const diff = diffFingerprints(fingerprintApp(withoutDataFoundation(needs)), fingerprintApp(needs));
    expect([...diff.changed].sort()).toEqual(
      [
        'medica-ai-lakehouse resource.aws_kms_key.lakehouse_key_36FBEC88',
        'medica-ai-lakehouse resource.aws_s3_bucket_policy.lakehouse_curated_policy_C1170821',
        'medica-ai-lakehouse resource.aws_s3_bucket_policy.lakehouse_raw_policy_B0D0B504',
        // hipaa puts object lock in COMPLIANCE mode (GOVERNANCE without it): not the data foundation
        'medica-ai-lakehouse resource.aws_s3_bucket_object_lock_configuration.lakehouse_curated_object-lock_F01F27C9',
        'medica-ai-lakehouse resource.aws_s3_bucket_object_lock_configuration.lakehouse_raw_object-lock_7A9DFA27',
      ].sort(),
    );
    expect(diff.removed).toEqual([]);
    expect(diff.added.filter((block) => !DATA_FOUNDATION_BLOCK.test(block))).toEqual([]);
  });
});
