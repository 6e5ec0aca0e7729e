import { messagesEncrypted } from '../../../guardrails/rules/messaging-rules';
import { stack } from '../fixtures/builders';

describe('MESSAGES_ENCRYPTED', () => {
  test('GIVEN a topic with a key and queues with SSE-SQS or a key THEN nothing', () => {
    expect(messagesEncrypted.check(stack({ aws_sns_topic: { t: { kms_master_key_id: 'k' } }, aws_sqs_queue: { a: { sqs_managed_sse_enabled: true }, b: { kms_master_key_id: 'k' } } }))).toEqual([]);
  });

  test('GIVEN an unencrypted topic and queue THEN a finding for each', () => {
    expect(messagesEncrypted.check(stack({ aws_sns_topic: { t: {} }, aws_sqs_queue: { q: { sqs_managed_sse_enabled: false } } })).map((f) => `${f.address}: ${f.message}`)).toEqual([
      'aws_sns_topic.t: stores messages unencrypted; set kms_master_key_id',
      'aws_sqs_queue.q: stores messages unencrypted; set sqs_managed_sse_enabled or kms_master_key_id',
    ]);
  });
});
