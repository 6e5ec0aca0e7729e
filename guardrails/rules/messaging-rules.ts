/** Messaging rules: SNS topics and SQS queues encrypt what they hold. */
import type { Finding, Rule } from '../rule';
import { findingAt, isTrue, resourcesOf } from '../terraform-json';

/** MESSAGES_ENCRYPTED: SNS topics use a KMS key; SQS queues use SSE-SQS or a KMS key. */
export const messagesEncrypted: Rule = {
  id: 'MESSAGES_ENCRYPTED',
  level: 'error',
  rationale: 'SNS topics encrypt messages at rest with a KMS key, and SQS queues with SSE-SQS or a KMS key: alerts and events name buckets, objects and findings.',
  references: { checkov: ['CKV_AWS_26', 'CKV_AWS_27'], trivy: ['AVD-AWS-0095', 'AVD-AWS-0096'], cdkNag: ['AwsSolutions-SNS2', 'AwsSolutions-SQS2'] },
  check: (stack) => [
    ...resourcesOf(stack, 'aws_sns_topic').flatMap((topic): Finding[] => (topic.config.kms_master_key_id ? [] : [findingAt(topic, 'stores messages unencrypted; set kms_master_key_id')])),
    ...resourcesOf(stack, 'aws_sqs_queue').flatMap((queue): Finding[] =>
      queue.config.kms_master_key_id || isTrue(queue.config.sqs_managed_sse_enabled) ? [] : [findingAt(queue, 'stores messages unencrypted; set sqs_managed_sse_enabled or kms_master_key_id')],
    ),
  ],
};

/** The messaging rules, in registry order. */
export const MESSAGING_RULES: readonly Rule[] = [messagesEncrypted];
