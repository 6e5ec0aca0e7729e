import { s3AclsDisabled, s3PublicAccessBlock, s3SseKms, s3TlsOnly, s3Versioning } from '../../../guardrails/rules/s3-rules';
import { merge, ref, stack } from '../fixtures/builders';
import { accessLogs, bucketSet, kmsKey, tableBucket } from '../fixtures/storage-fixtures';

describe('S3_SSE_KMS', () => {
  test('GIVEN an AES256 bucket that receives access logs THEN it is accepted; the same bucket without logging is not', () => {
    const logs = merge(kmsKey(), bucketSet('raw'), bucketSet('logs', { sse: 'AES256' }));
    expect(s3SseKms.check(stack(merge(logs, accessLogs('raw', 'logs'))))).toEqual([]);
    expect(s3SseKms.check(stack(logs))).toEqual([
      {
        address: 'aws_s3_bucket.logs',
        path: 'demo-app/logs',
        message: 'encrypts with AES256; data buckets must use aws:kms with a customer managed key (AES256 is accepted only for access-log buckets, the target_bucket of an aws_s3_bucket_logging)',
      },
    ]);
  });

  test('GIVEN aws:kms without a key id THEN the AWS managed key is named as the problem', () => {
    const resources = bucketSet('raw');
    resources.aws_s3_bucket_server_side_encryption_configuration.raw_encryption.rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }];
    expect(s3SseKms.check(stack(resources))[0].message).toMatch(/^encrypts with aws:kms but names no kms_master_key_id/);
  });

  test('GIVEN no encryption resource THEN the bucket is reported', () => {
    expect(s3SseKms.check(stack(bucketSet('raw', { sse: 'none' })))[0].message).toMatch(/^has no default encryption configuration/);
  });

  test('GIVEN a companion that names the bucket by its literal name THEN it counts', () => {
    const resources = bucketSet('raw', { bucket: { bucket: 'demo-raw', bucket_prefix: undefined } });
    resources.aws_s3_bucket_server_side_encryption_configuration.raw_encryption.bucket = 'demo-raw';
    expect(s3SseKms.check(stack(merge(kmsKey(), resources)))).toEqual([]);
  });

  test('GIVEN an S3 Tables bucket without KMS encryption THEN it is reported', () => {
    expect(s3SseKms.check(stack(merge(kmsKey(), tableBucket({ encryption_configuration: undefined })))).map((f) => f.address)).toEqual(['aws_s3tables_table_bucket.tables']);
  });
});

describe('S3_PUBLIC_ACCESS_BLOCK', () => {
  test('GIVEN a block with two flags off THEN both are named', () => {
    const resources = bucketSet('raw', { publicAccess: { block_public_acls: false, ignore_public_acls: 'false' } });
    expect(s3PublicAccessBlock.check(stack(resources))[0].message).toBe(
      'public access block aws_s3_bucket_public_access_block.raw_public_access_block leaves block_public_acls, ignore_public_acls off; set all four to true',
    );
  });

  test('GIVEN an account-wide block with all four flags THEN buckets need no block of their own', () => {
    const resources = bucketSet('raw');
    delete (resources as Record<string, unknown>).aws_s3_bucket_public_access_block;
    expect(s3PublicAccessBlock.check(stack(resources))).toHaveLength(1);
    const account = { aws_s3_account_public_access_block: { account: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } } };
    expect(s3PublicAccessBlock.check(stack(merge(resources, account)))).toEqual([]);
  });
});

describe('S3_TLS_ONLY', () => {
  test('GIVEN the TLS deny in a data.aws_iam_policy_document THEN it is read', () => {
    const resources = bucketSet('raw');
    resources.aws_s3_bucket_policy.raw_policy.policy = '${data.aws_iam_policy_document.raw_tls.json}';
    const document = {
      statement: [
        {
          effect: 'Deny',
          actions: ['s3:*'],
          resources: [ref('aws_s3_bucket', 'raw', 'arn')],
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    };
    expect(s3TlsOnly.check(stack(resources, { data: { aws_iam_policy_document: { raw_tls: document } } }))).toEqual([]);
  });

  test('GIVEN a policy that is an unevaluated expression THEN the rule says it cannot verify it', () => {
    const resources = bucketSet('raw');
    resources.aws_s3_bucket_policy.raw_policy.policy = '${jsonencode(var.policy)}';
    expect(s3TlsOnly.check(stack(resources))[0].message).toMatch(/cannot read/);
  });

  test('GIVEN no bucket policy THEN the bucket is reported', () => {
    const resources = bucketSet('raw');
    delete (resources as Record<string, unknown>).aws_s3_bucket_policy;
    expect(s3TlsOnly.check(stack(resources))[0].message).toMatch(/^has no bucket policy/);
  });
});

describe('S3_VERSIONING', () => {
  test('GIVEN legacy inline versioning on the bucket THEN it counts, enabled or not', () => {
    const resources = bucketSet('raw', { bucket: { versioning: { enabled: true } } });
    delete (resources as Record<string, unknown>).aws_s3_bucket_versioning;
    expect(s3Versioning.check(stack(resources))).toEqual([]);
    const suspended = bucketSet('raw', { bucket: { versioning: { enabled: false } } });
    delete (suspended as Record<string, unknown>).aws_s3_bucket_versioning;
    expect(s3Versioning.check(stack(suspended))[0].message).toBe('versioning is Suspended; set versioning_configuration.status to "Enabled"');
  });
});

describe('S3_ACLS_DISABLED', () => {
  test('GIVEN a bucket ACL resource THEN it is reported even with ownership enforced', () => {
    const acl = { aws_s3_bucket_acl: { raw_acl: { bucket: ref('aws_s3_bucket', 'raw'), acl: 'private' } } };
    expect(s3AclsDisabled.check(stack(merge(bucketSet('raw'), acl))).map((f) => f.address)).toEqual(['aws_s3_bucket_acl.raw_acl']);
  });
});
