import { BucketEncryption } from '../../../constructs/lakehouse/bucket-encryption';
import { LakehouseError } from '../../../constructs/lakehouse/lakehouse-error';
import { SecureBucket, type SecureBucketProps } from '../../../constructs/lakehouse/secure-bucket';
import { resourcesOf, synthConstruct, type TerraformJson } from '../../support/synth-json';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const synthBucket = (props: Partial<SecureBucketProps> = {}): TerraformJson =>
  synthConstruct((scope) => new SecureBucket(scope, 'raw', { namePrefix: 'acme-ml-raw-', encryption: BucketEncryption.kms(KEY), ...props }));
const only = (json: TerraformJson, type: string) => {
  const all = resourcesOf(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};
const statementsOf = (json: TerraformJson) => JSON.parse(only(json, 'aws_s3_bucket_policy').policy as string).Statement as Record<string, unknown>[];

describe('SecureBucket', () => {
  const json = synthBucket();

  test('GIVEN a prefix WHEN synthesized THEN the bucket gets a generated name from bucket_prefix and force_destroy is false', () => {
    const bucket = only(json, 'aws_s3_bucket');
    expect(bucket).toMatchObject({ bucket_prefix: 'acme-ml-raw-', force_destroy: false });
    expect(bucket.bucket).toBeUndefined();
  });

  test('GIVEN defaults WHEN synthesized THEN versioning is Enabled', () => {
    expect(only(json, 'aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
  });

  test('GIVEN defaults WHEN synthesized THEN all four public access block flags are true', () => {
    expect(only(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('GIVEN defaults WHEN synthesized THEN ACLs are disabled: ownership BucketOwnerEnforced', () => {
    expect(only(json, 'aws_s3_bucket_ownership_controls')).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('GIVEN KMS encryption WHEN synthesized THEN SSE-KMS with the key and the bucket key enabled', () => {
    expect(only(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true },
    ]);
  });

  test('GIVEN S3-managed encryption WHEN synthesized THEN AES256 without a key', () => {
    const rule = (only(synthBucket({ encryption: BucketEncryption.s3Managed() }), 'aws_s3_bucket_server_side_encryption_configuration').rule as Record<string, unknown>[])[0];
    expect(rule.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
  });

  test('GIVEN defaults WHEN synthesized THEN the bucket policy denies requests without TLS, and nothing else', () => {
    expect(statementsOf(json)).toEqual([expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } })]);
  });

  test('GIVEN endpoint ids WHEN synthesized THEN the policy also denies object access outside them', () => {
    const statements = statementsOf(synthBucket({ vpcEndpointIds: ['vpce-1'] }));
    expect(statements.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyObjectAccessOutsideVpcEndpoints']);
    expect(statements[1].Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1'] }, 'ForAllValues:StringNotEquals': { 'aws:CalledVia': ['athena.amazonaws.com'] } });
  });

  test('GIVEN an access log destination WHEN synthesized THEN server access logs go to that bucket and prefix', () => {
    expect(only(synthBucket({ accessLogs: { bucketName: 'acme-ml-logs-1', prefix: 'raw/' } }), 'aws_s3_bucket_logging')).toMatchObject({
      target_bucket: 'acme-ml-logs-1',
      target_prefix: 'raw/',
    });
    expect(resourcesOf(json, 'aws_s3_bucket_logging')).toHaveLength(0);
  });

  test('GIVEN object lock WHEN synthesized THEN object lock is enabled at creation with that default retention', () => {
    const locked = synthBucket({ objectLock: { mode: 'GOVERNANCE', days: 365 } });
    expect(only(locked, 'aws_s3_bucket').object_lock_enabled).toBe(true);
    expect(only(locked, 'aws_s3_bucket_object_lock_configuration')).toMatchObject({ rule: { default_retention: { mode: 'GOVERNANCE', days: 365 } } });
    expect(only(json, 'aws_s3_bucket').object_lock_enabled).toBeUndefined();
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')).toHaveLength(0);
  });

  test('GIVEN preventDestroy WHEN synthesized THEN the bucket has lifecycle.prevent_destroy, and not by default', () => {
    expect(only(synthBucket({ preventDestroy: true }), 'aws_s3_bucket').lifecycle).toEqual({ prevent_destroy: true });
    expect(only(json, 'aws_s3_bucket').lifecycle).toBeUndefined();
  });

  test('GIVEN a log bucket WHEN synthesized THEN the policy lets logging.s3.amazonaws.com deliver', () => {
    const statements = statementsOf(synthBucket({ encryption: BucketEncryption.s3Managed(), acceptAccessLogsFromAccount: '111122223333' }));
    expect(statements[1]).toMatchObject({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' });
  });

  test('GIVEN a lifecycle WHEN synthesized THEN it applies to this bucket after versioning', () => {
    const lifecycle = only(synthBucket({ lifecycle: { tiers: { hotDays: 30, coolDays: 90, archiveDays: 365 } } }), 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.bucket).toMatch(/^\$\{aws_s3_bucket\.raw_bucket_[0-9A-F]+\.bucket\}$/);
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\./)]);
  });

  test.each<[string, Partial<SecureBucketProps>, RegExp]>([
    ['a prefix over 37 characters', { namePrefix: `${'a'.repeat(38)}` }, /namePrefix must be 1 to 37 lowercase letters/],
    ['an uppercase prefix', { namePrefix: 'Acme-' }, /got "Acme-"/],
    ['object lock on a log bucket', { encryption: BucketEncryption.s3Managed(), acceptAccessLogsFromAccount: '1', objectLock: { mode: 'GOVERNANCE', days: 1 } }, /cannot have an object lock/],
    ['a KMS-encrypted log bucket', { acceptAccessLogsFromAccount: '1' }, /must use SSE-S3/],
    ['an empty endpoint list', { vpcEndpointIds: [] }, /would deny all object access/],
    ['a fractional retention', { objectLock: { mode: 'COMPLIANCE', days: 1.5 } }, /objectLock.days must be a positive whole number/],
  ])('GIVEN %s WHEN constructed THEN it throws a LakehouseError', (_, props, message) => {
    expect(() => synthBucket(props)).toThrow(LakehouseError);
    expect(() => synthBucket(props)).toThrow(message);
  });
});
