/**
 * Rules that keep data from being destroyed by Terraform: `prevent_destroy` on what holds or
 * unlocks data in production, and no `force_destroy` that empties a bucket on delete.
 */
import type { Finding, Rule, SynthesizedStack } from '../rule';
import { environmentOf, findingAt, isTrue, referencesTo, resourcesOf, singleBlock, type TerraformBlock } from '../terraform-json';

/**
 * What holds data or unlocks it: buckets (data and access logs, which are audit evidence),
 * S3 Tables buckets, KMS keys (deleting a key makes everything it encrypted unreadable), the
 * EKS cluster (its etcd holds the workloads' secrets and state), private certificate
 * authorities (deleting one invalidates every certificate it issued: every edge site loses
 * its credentials at once), and streams (MSK clusters and Kinesis streams hold records not yet
 * delivered to the lakehouse).
 */
const PROTECTED_TYPES = ['aws_s3_bucket', 'aws_s3tables_table_bucket', 'aws_kms_key', 'aws_eks_cluster', 'aws_acmpca_certificate_authority', 'aws_msk_cluster', 'aws_msk_serverless_cluster', 'aws_kinesis_stream'];

/** Resources that encrypt only messages in flight with a key: losing the key loses no data at rest. */
const TRANSIENT_MESSAGE_TYPES = ['aws_sns_topic', 'aws_sqs_queue'];

/** Resources that refer to a key without storing anything under it (aliases, grants, IAM policies). */
const NEUTRAL_REFERENCE_TYPES = ['aws_kms_alias', 'aws_kms_grant', 'aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/**
 * True for a KMS key whose only use in the stack is encrypting SNS topics or SQS queues (an
 * alerts topic, say): it protects no data at rest, so it may be destroyed. A key that anything
 * else refers to, or that an output exports to other stacks, protects data.
 */
function onlyEncryptsMessages(stack: SynthesizedStack, key: TerraformBlock): boolean {
  const users = Object.entries(stack.json.resource ?? {}).flatMap(([type, byName]) =>
    Object.values(byName)
      .filter((config) => type !== 'aws_kms_key' && referencesTo(config, 'aws_kms_key').includes(key.name))
      .map(() => type),
  );
  const exported = referencesTo(stack.json.output ?? {}, 'aws_kms_key').includes(key.name);
  return !exported && users.some((type) => TRANSIENT_MESSAGE_TYPES.includes(type)) && users.every((type) => TRANSIENT_MESSAGE_TYPES.includes(type) || NEUTRAL_REFERENCE_TYPES.includes(type));
}

/** The environment whose stacks must protect data from `terraform destroy`. */
const PROTECTED_ENVIRONMENT = 'prod';

/** DATA_PREVENT_DESTROY: in prod, data stores, keys, the cluster and certificate authorities carry lifecycle.prevent_destroy. */
export const dataPreventDestroy: Rule = {
  id: 'DATA_PREVENT_DESTROY',
  level: 'error',
  rationale: 'In prod, buckets, S3 Tables buckets, KMS keys that protect data at rest, the EKS cluster, private certificate authorities and streams (MSK, Kinesis) carry lifecycle.prevent_destroy, so no plan can delete data, the key that decrypts it, or the root of trust of the edge fleet.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) => {
    // The environment comes from the provider's default tags (tracklayer:environment); a stack
    // without them is not known to be prod (TAGS_REQUIRED reports the missing tag).
    if (environmentOf(stack) !== PROTECTED_ENVIRONMENT) return [];
    return resourcesOf(stack, ...PROTECTED_TYPES).flatMap((block): Finding[] => {
      if (isTrue(singleBlock(block.config.lifecycle)?.prevent_destroy)) return [];
      if (block.type === 'aws_kms_key' && onlyEncryptsMessages(stack, block)) return [];
      return [findingAt(block, `is a ${block.type} in a prod stack without lifecycle.prevent_destroy; set it so no plan can destroy it`)];
    });
  },
};

/** DATA_NO_FORCE_DESTROY: no bucket is emptied on delete. */
export const dataNoForceDestroy: Rule = {
  id: 'DATA_NO_FORCE_DESTROY',
  level: 'error',
  rationale: 'force_destroy deletes every object (and version) of a bucket when Terraform removes it; data must be emptied deliberately, never as a side effect of a plan.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    resourcesOf(stack, 'aws_s3_bucket', 'aws_s3tables_table_bucket').flatMap((block): Finding[] =>
      isTrue(block.config.force_destroy) ? [findingAt(block, 'sets force_destroy, which deletes all its data when the resource is destroyed; remove it')] : [],
    ),
};

/** The data-protection rules, in registry order. */
export const DATA_PROTECTION_RULES: readonly Rule[] = [dataPreventDestroy, dataNoForceDestroy];
