/**
 * Rules of NEEDS-v1.1 `data.streaming` and `data.quality` that relate several fields, and the
 * one fact both the checks and the stacks read: whether the data calls for the lakehouse's
 * customer-managed key.
 *
 * | rule                                                                              | kind    |
 * |-----------------------------------------------------------------------------------|---------|
 * | an MSK_CMK suppression (MSK Serverless) where the data calls for the lakehouse key | error   |
 * | an MSK_CMK suppression with `mbPerSecond` over MSK Serverless's 200 MB/s           | error   |
 * | `data.quality` without `data.streaming`: no table tracklayer creates to check     | warning |
 * | `source: kinesis` needing more shards than the default account quota             | warning |
 */
import { KINESIS_DEFAULT_SHARD_QUOTA, MSK_SERVERLESS_MAX_INGRESS_MBPS, kinesisShardsFor } from '../catalog/streaming-capacity';
import type { Problem } from './problem';
import type { Sections } from './sections';

/** The guardrail rule whose suppression accepts MSK Serverless (an AWS-owned key). */
export const SERVERLESS_EXCEPTION_RULE = 'MSK_CMK';

/**
 * True when the data's sensitivity or compliance calls for the lakehouse's customer-managed key
 * everywhere it rests: any `business.compliance` regime, or `dataSensitivity: high`.
 */
export function customerKeyRequired(business: { readonly dataSensitivity?: string; readonly compliance?: readonly string[] }): boolean {
  return (business.compliance ?? []).length > 0 || business.dataSensitivity === 'high';
}

/** Errors and warnings of the data-foundation fields. */
export function dataFoundationChecks({ business, data, guardrails }: Sections): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const streaming = data?.streaming;
  (guardrails?.suppress ?? []).forEach((suppression, index) => {
    if (suppression.rule !== SERVERLESS_EXCEPTION_RULE) return;
    const path = ['guardrails', 'suppress', index, 'rule'];
    if (business && customerKeyRequired(business)) {
      const why = (business.compliance ?? []).length > 0 ? `business.compliance is [${(business.compliance ?? []).join(', ')}]` : 'business.dataSensitivity is high';
      errors.push({ path, message: `accepts MSK Serverless, whose data rests under an AWS-owned key, but ${why}, which calls for the lakehouse's customer-managed key: remove this suppression (tracklayer then uses provisioned MSK with the key)` });
    } else if (streaming?.source === 'kafka' && streaming.mbPerSecond > MSK_SERVERLESS_MAX_INGRESS_MBPS) {
      errors.push({ path, message: `accepts MSK Serverless, which ingests at most ${MSK_SERVERLESS_MAX_INGRESS_MBPS} MB/s, but data.streaming.mbPerSecond is ${streaming.mbPerSecond}: remove this suppression (tracklayer then sizes provisioned MSK)` });
    }
  });
  if (data?.quality && !data.streaming) {
    warnings.push({
      path: ['data', 'quality'],
      message: 'is given without data.streaming: tracklayer checks quality on the tables it creates, and without a stream it creates none, so no rules are built; add data.streaming, or attach rulesets to your own tables',
    });
  }
  if (streaming?.source === 'kinesis') {
    const shards = kinesisShardsFor(streaming.mbPerSecond);
    if (shards > KINESIS_DEFAULT_SHARD_QUOTA) {
      warnings.push({ path: ['data', 'streaming', 'mbPerSecond'], message: `needs ${shards} Kinesis shards, more than the default quota of ${KINESIS_DEFAULT_SHARD_QUOTA} shards per account in most regions: request a quota increase before applying` });
    }
  }
  return { errors, warnings };
}
