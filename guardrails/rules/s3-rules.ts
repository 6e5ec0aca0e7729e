/**
 * S3 bucket rules: encryption with a customer managed key, public access blocked, TLS only,
 * versioning, ACLs disabled. They read the companion resources of each bucket
 * (`aws_s3_bucket_*`) and, where the provider still accepts them, the legacy inline blocks.
 */
import { grantsEverything, policyStatements, type PolicyStatement } from '../policy-document';
import type { Finding, Rule } from '../rule';
import { bucketsOf, type BucketView } from '../s3-buckets';
import { blockList, findingAt, isTrue, resourcesOf, singleBlock } from '../terraform-json';

/** Server-side encryption algorithms that use a KMS key. */
const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/** The four settings of S3 Block Public Access. */
const PUBLIC_ACCESS_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** The `apply_server_side_encryption_by_default` blocks of a bucket, companion and inline. */
function encryptionDefaults(view: BucketView): Record<string, unknown>[] {
  const configurations = [
    ...view.companions('aws_s3_bucket_server_side_encryption_configuration').map((c) => c.config),
    ...blockList(view.bucket.config.server_side_encryption_configuration),
  ];
  return configurations.flatMap((configuration) => blockList(configuration.rule)).flatMap((rule) => blockList(rule.apply_server_side_encryption_by_default));
}

function checkBucketEncryption(view: BucketView): Finding[] {
  const defaults = encryptionDefaults(view);
  if (defaults.length === 0) {
    return [findingAt(view.bucket, 'has no default encryption configuration; add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and a customer managed key')];
  }
  return defaults.flatMap((encryption): Finding[] => {
    const algorithm = String(encryption.sse_algorithm ?? '');
    if (KMS_ALGORITHMS.includes(algorithm)) {
      return encryption.kms_master_key_id ? [] : [findingAt(view.bucket, `encrypts with ${algorithm} but names no kms_master_key_id, so the AWS managed key aws/s3 is used; name a customer managed key so its key policy gates the data`)];
    }
    if (view.isAccessLogTarget && algorithm === 'AES256') return [];
    return [
      findingAt(
        view.bucket,
        `encrypts with ${algorithm || 'no algorithm'}; data buckets must use aws:kms with a customer managed key (AES256 is accepted only for access-log buckets, the target_bucket of an aws_s3_bucket_logging)`,
      ),
    ];
  });
}

/** S3_SSE_KMS: data buckets and S3 Tables buckets encrypt with a customer managed KMS key. */
export const s3SseKms: Rule = {
  id: 'S3_SSE_KMS',
  level: 'error',
  rationale: 'Data at rest is encrypted with a customer managed KMS key, so the key policy and CloudTrail gate and record every read; access-log buckets may use SSE-S3.',
  references: { checkov: ['CKV_AWS_145'], trivy: ['AVD-AWS-0132', 'AVD-AWS-0088'], cdkNag: ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'AwsSolutions-S3'] },
  check: (stack) => [
    ...bucketsOf(stack).flatMap(checkBucketEncryption),
    ...resourcesOf(stack, 'aws_s3tables_table_bucket').flatMap((tables): Finding[] => {
      const encryption = singleBlock(tables.config.encryption_configuration);
      if (encryption?.sse_algorithm === 'aws:kms' && encryption.kms_key_arn) return [];
      return [findingAt(tables, 'has no encryption_configuration with sse_algorithm "aws:kms" and a kms_key_arn; S3 Tables then encrypt with SSE-S3')];
    }),
  ],
};

/** S3_PUBLIC_ACCESS_BLOCK: every bucket blocks public ACLs and policies, all four flags on. */
export const s3PublicAccessBlock: Rule = {
  id: 'S3_PUBLIC_ACCESS_BLOCK',
  level: 'error',
  rationale: 'All four Block Public Access settings are on for every bucket, so no ACL or bucket policy can make data public.',
  references: {
    checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    trivy: ['AVD-AWS-0094', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093'],
    cdkNag: ['AwsSolutions-S2', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited'],
  },
  check: (stack) => {
    const accountWide = resourcesOf(stack, 'aws_s3_account_public_access_block').some((block) => PUBLIC_ACCESS_FLAGS.every((flag) => isTrue(block.config[flag])));
    if (accountWide) return [];
    return bucketsOf(stack).flatMap((view): Finding[] => {
      const blocks = view.companions('aws_s3_bucket_public_access_block');
      if (blocks.length === 0) return [findingAt(view.bucket, `has no aws_s3_bucket_public_access_block; add one with ${PUBLIC_ACCESS_FLAGS.join(', ')} all true`)];
      return blocks.flatMap((block) => {
        const off = PUBLIC_ACCESS_FLAGS.filter((flag) => !isTrue(block.config[flag]));
        return off.length === 0 ? [] : [findingAt(view.bucket, `public access block ${block.address} leaves ${off.join(', ')} off; set all four to true`)];
      });
    });
  },
};

/** True for a statement that denies every S3 request made without TLS. */
function deniesInsecureTransport(statement: PolicyStatement): boolean {
  return (
    statement.effect.toLowerCase() === 'deny' &&
    statement.principals.includes('*') &&
    (grantsEverything(statement.actions) || statement.actions.includes('s3:*')) &&
    statement.conditions.some((c) => /^Bool(IfExists)?$/.test(c.operator) && c.key.toLowerCase() === 'aws:securetransport' && c.values.includes('false'))
  );
}

/** S3_TLS_ONLY: every bucket policy denies requests without TLS. */
export const s3TlsOnly: Rule = {
  id: 'S3_TLS_ONLY',
  level: 'error',
  rationale: 'A bucket policy denies every request with aws:SecureTransport false, so data never crosses the network in clear text.',
  references: { checkov: 'none', trivy: 'none', cdkNag: ['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketSSLRequestsOnly'] },
  check: (stack) =>
    bucketsOf(stack).flatMap((view): Finding[] => {
      const policies = view.companions('aws_s3_bucket_policy');
      if (policies.length === 0) return [findingAt(view.bucket, 'has no bucket policy; add one that denies s3:* to every principal when aws:SecureTransport is false')];
      const statements = policies.map((policy) => policyStatements(stack, policy.config.policy));
      if (statements.some((list) => list?.some(deniesInsecureTransport))) return [];
      if (statements.some((list) => list === undefined)) {
        return [findingAt(view.bucket, 'has a bucket policy tracklayer cannot read (an unevaluated expression), so TLS-only access cannot be verified; write the policy as a JSON document')];
      }
      return [findingAt(view.bucket, 'bucket policy does not deny requests without TLS; add a Deny of s3:* for Principal "*" with Condition Bool aws:SecureTransport false')];
    }),
};

/** S3_VERSIONING: every bucket keeps object versions. */
export const s3Versioning: Rule = {
  id: 'S3_VERSIONING',
  level: 'error',
  rationale: 'Versioning keeps overwritten and deleted objects recoverable, and object lock and replication require it.',
  references: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'], cdkNag: ['NIST.800.53.R5-S3BucketVersioningEnabled'] },
  check: (stack) =>
    bucketsOf(stack).flatMap((view): Finding[] => {
      const statuses = [
        ...view.companions('aws_s3_bucket_versioning').map((block) => String(singleBlock(block.config.versioning_configuration)?.status ?? 'unset')),
        ...blockList(view.bucket.config.versioning).map((inline) => (isTrue(inline.enabled) ? 'Enabled' : 'Suspended')),
      ];
      if (statuses.length === 0) return [findingAt(view.bucket, 'has no aws_s3_bucket_versioning; add one with status "Enabled"')];
      const notEnabled = statuses.filter((status) => status !== 'Enabled');
      return notEnabled.length === 0 ? [] : [findingAt(view.bucket, `versioning is ${notEnabled.join(', ')}; set versioning_configuration.status to "Enabled"`)];
    }),
};

/** S3_ACLS_DISABLED: every bucket enforces bucket-owner object ownership (ACLs off). */
export const s3AclsDisabled: Rule = {
  id: 'S3_ACLS_DISABLED',
  level: 'error',
  rationale: 'Object ownership BucketOwnerEnforced turns ACLs off, so only IAM and bucket policies decide access and every object belongs to the bucket owner.',
  references: { checkov: ['CKV2_AWS_65'], trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    bucketsOf(stack).flatMap((view): Finding[] => {
      const findings: Finding[] = [];
      const ownership = view.companions('aws_s3_bucket_ownership_controls').map((block) => String(singleBlock(block.config.rule)?.object_ownership ?? 'unset'));
      if (ownership.length === 0) findings.push(findingAt(view.bucket, 'has no aws_s3_bucket_ownership_controls; add one with object_ownership "BucketOwnerEnforced"'));
      else if (ownership.some((value) => value !== 'BucketOwnerEnforced')) {
        findings.push(findingAt(view.bucket, `object ownership is ${ownership.join(', ')}; set it to "BucketOwnerEnforced" so ACLs are disabled`));
      }
      for (const acl of view.companions('aws_s3_bucket_acl')) findings.push(findingAt(acl, 'sets a bucket ACL; grant access through IAM and the bucket policy, with ACLs disabled'));
      return findings;
    }),
};

/** The S3 rules, in registry order. */
export const S3_RULES: readonly Rule[] = [s3SseKms, s3PublicAccessBlock, s3TlsOnly, s3Versioning, s3AclsDisabled];
