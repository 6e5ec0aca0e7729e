import { dataNoForceDestroy, dataPreventDestroy } from '../../../guardrails/rules/data-protection-rules';
import { merge, stack } from '../fixtures/builders';
import { cluster } from '../fixtures/compute-fixtures';
import { alertsTopic, bucketSet, kmsKey, tableBucket } from '../fixtures/storage-fixtures';

const unprotected = () => merge(kmsKey('data_key', { lifecycle: undefined }), bucketSet('raw', { bucket: { lifecycle: undefined } }), tableBucket({ lifecycle: undefined }), cluster({ lifecycle: undefined }));

describe('DATA_PREVENT_DESTROY', () => {
  test('GIVEN a prod stack THEN buckets, table buckets, keys and the cluster without prevent_destroy are reported', () => {
    expect(dataPreventDestroy.check(stack(unprotected(), { environment: 'prod' })).map((f) => f.address)).toEqual([
      'aws_s3_bucket.raw',
      'aws_s3tables_table_bucket.tables',
      'aws_kms_key.data_key',
      'aws_eks_cluster.cluster',
    ]);
  });

  test('GIVEN a private CA in prod THEN it needs prevent_destroy too; with it, nothing is reported', () => {
    const ca = (lifecycle?: Record<string, unknown>) => ({ aws_acmpca_certificate_authority: { edge_ca: { type: 'ROOT', certificate_authority_configuration: [{ key_algorithm: 'EC_prime256v1', signing_algorithm: 'SHA256WITHECDSA', subject: [{ common_name: 'x' }] }], ...(lifecycle ? { lifecycle } : {}) } } });
    expect(dataPreventDestroy.check(stack(ca(), { environment: 'prod' })).map((f) => f.address)).toEqual(['aws_acmpca_certificate_authority.edge_ca']);
    expect(dataPreventDestroy.check(stack(ca({ prevent_destroy: true }), { environment: 'prod' }))).toEqual([]);
  });

  test('GIVEN the same stack in dev or staging, or without the environment tag THEN nothing is reported', () => {
    expect(dataPreventDestroy.check(stack(unprotected(), { environment: 'dev' }))).toEqual([]);
    expect(dataPreventDestroy.check(stack(unprotected(), { environment: 'staging' }))).toEqual([]);
    expect(dataPreventDestroy.check(stack(unprotected(), { tags: {} }))).toEqual([]);
  });

  test('GIVEN a key that only encrypts an SNS topic THEN it may be destroyed; exported to other stacks, it may not', () => {
    expect(dataPreventDestroy.check(stack(alertsTopic(), { environment: 'prod' }))).toEqual([]);
    const exported = stack(alertsTopic(), { environment: 'prod', output: { alerts_key_arn: { value: '${aws_kms_key.alerts_key.arn}' } } });
    expect(dataPreventDestroy.check(exported).map((f) => f.address)).toEqual(['aws_kms_key.alerts_key']);
  });

  test('GIVEN a key that encrypts a topic and a bucket THEN it must be protected', () => {
    const shared = merge(alertsTopic(), bucketSet('raw'));
    shared.aws_s3_bucket_server_side_encryption_configuration.raw_encryption.rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.alerts_key.arn}' } }];
    expect(dataPreventDestroy.check(stack(shared, { environment: 'prod' })).map((f) => f.address)).toEqual(['aws_kms_key.alerts_key']);
  });
});

describe('DATA_NO_FORCE_DESTROY', () => {
  test('GIVEN force_destroy on a bucket or a table bucket, as a boolean or a string THEN each is reported', () => {
    const resources = merge(bucketSet('raw', { bucket: { force_destroy: 'true' } }), tableBucket({ force_destroy: true }));
    expect(dataNoForceDestroy.check(stack(resources)).map((f) => f.address)).toEqual(['aws_s3_bucket.raw', 'aws_s3tables_table_bucket.tables']);
  });
});
