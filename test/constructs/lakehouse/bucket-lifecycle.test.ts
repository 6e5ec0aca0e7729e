import { BucketLifecycle, DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS, DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS, type BucketLifecycleProps } from '../../../constructs/lakehouse/bucket-lifecycle';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

type Rule = Record<string, unknown> & { id: string };
const TIERS = { hotDays: 30, coolDays: 90, archiveDays: 365 };
const rulesOf = (props: Partial<BucketLifecycleProps> = {}): Rule[] => {
  const json = synthConstruct((scope) => new BucketLifecycle(scope, 'lifecycle', { bucket: 'my-bucket', ...props }));
  return resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')[0].rule as Rule[];
};
const rule = (rules: Rule[], id: string) => rules.find((r) => r.id === id);

describe('BucketLifecycle', () => {
  test('GIVEN tiers WHEN current versions are tiered THEN one rule transitions to STANDARD_IA, GLACIER_IR and DEEP_ARCHIVE on the tier days', () => {
    expect(rule(rulesOf({ tiers: TIERS }), 'tier-current-versions')).toMatchObject({
      status: 'Enabled',
      filter: [{ prefix: '' }],
      transition: [
        { days: 30, storage_class: 'STANDARD_IA' },
        { days: 90, storage_class: 'GLACIER_IR' },
        { days: 365, storage_class: 'DEEP_ARCHIVE' },
      ],
    });
  });

  test('GIVEN custom tiers WHEN synthesized THEN the transitions follow them', () => {
    const transitions = rule(rulesOf({ tiers: { hotDays: 60, coolDays: 180, archiveDays: 1000 } }), 'tier-current-versions')?.transition as { days: number }[];
    expect(transitions.map((t) => t.days)).toEqual([60, 180, 1000]);
  });

  test('GIVEN current-version tiering WHEN synthesized THEN noncurrent versions expire after the default period and current versions never expire', () => {
    const rules = rulesOf({ tiers: TIERS });
    expect(DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS).toBe(90);
    expect(rule(rules, 'noncurrent-versions')).toMatchObject({ noncurrent_version_expiration: [{ noncurrent_days: 90 }] });
    expect(rule(rules, 'noncurrent-versions')?.noncurrent_version_transition).toBeUndefined();
    for (const r of rules) {
      for (const expiration of (r.expiration as Record<string, unknown>[] | undefined) ?? []) {
        expect(expiration.days).toBeUndefined();
        expect(expiration.date).toBeUndefined();
      }
    }
    expect(rule(rules, 'remove-expired-delete-markers')).toMatchObject({ expiration: [{ expired_object_delete_marker: true }] });
  });

  test('GIVEN any lifecycle WHEN synthesized THEN incomplete multipart uploads abort after 7 days', () => {
    expect(DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS).toBe(7);
    expect(rule(rulesOf(), 'abort-incomplete-multipart-uploads')).toMatchObject({ abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] });
  });

  test('GIVEN noncurrent-version tiering WHEN synthesized THEN only noncurrent versions move, and they expire after the last tier minimum', () => {
    const rules = rulesOf({ tiers: TIERS, tiering: 'noncurrent-versions' });
    expect(rule(rules, 'tier-current-versions')).toBeUndefined();
    expect(rule(rules, 'noncurrent-versions')).toMatchObject({
      noncurrent_version_transition: [
        { noncurrent_days: 30, storage_class: 'STANDARD_IA' },
        { noncurrent_days: 90, storage_class: 'GLACIER_IR' },
        { noncurrent_days: 365, storage_class: 'DEEP_ARCHIVE' },
      ],
      noncurrent_version_expiration: [{ noncurrent_days: 545 }],
    });
  });

  test('GIVEN tiers S3 would reject WHEN constructed THEN it throws naming the tier, for either tiering, and no days are moved', () => {
    const tiers = { hotDays: 30, coolDays: 40, archiveDays: 80 };
    expect(() => rulesOf({ tiers })).toThrow(/^tiers\.coolDays: must be at least 30 days after hotDays \(30\).*got 40$/);
    expect(() => rulesOf({ tiers, tiering: 'noncurrent-versions' })).toThrow(/^tiers\.coolDays: /);
  });

  test('GIVEN tiers S3 would reject WHEN tiering is none THEN the tiers are not used, so nothing throws', () => {
    expect(rule(rulesOf({ tiers: { hotDays: 30, coolDays: 40, archiveDays: 50 }, tiering: 'none' }), 'tier-current-versions')).toBeUndefined();
  });

  test('GIVEN currentVersionExpiryDays WHEN synthesized THEN current versions expire then (log buckets) and no delete-marker rule is added', () => {
    const rules = rulesOf({ currentVersionExpiryDays: 365 });
    expect(rule(rules, 'expire-current-versions')).toMatchObject({ expiration: [{ days: 365 }] });
    expect(rule(rules, 'remove-expired-delete-markers')).toBeUndefined();
  });

  test('GIVEN tiering without tiers WHEN constructed THEN it throws saying what to pass', () => {
    expect(() => rulesOf({ tiering: 'current-versions' })).toThrow(/needs tiers; pass tiers or set tiering to "none"/);
  });

  test('GIVEN a non-positive day count WHEN constructed THEN it throws naming the prop', () => {
    expect(() => rulesOf({ noncurrentVersionExpiryDays: 0 })).toThrow(/noncurrentVersionExpiryDays must be a positive whole number of days, got 0/);
  });
});
