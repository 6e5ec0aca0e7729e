/**
 * Which MSK deployment carries a Kafka stream: provisioned brokers or MSK Serverless. A pure
 * function of three facts, with its decision table:
 *
 * | the data calls for the lakehouse key | MSK_CMK exception in the needs | mbPerSecond ≤ 200 | deployment   |
 * |--------------------------------------|--------------------------------|-------------------|--------------|
 * | yes                                  | (any)                          | (any)             | provisioned  |
 * | no                                   | no                             | (any)             | provisioned  |
 * | no                                   | yes                            | yes               | serverless   |
 * | no                                   | yes                            | no                | provisioned  |
 *
 * Provisioned is the default because only it can encrypt at rest with a customer-managed key:
 * `aws_msk_serverless_cluster` has no encryption settings (MSK Serverless always uses an
 * AWS-owned key), so the MSK_CMK guardrail fails on it. Serverless is chosen only when the needs
 * file accepts that, in writing: a `guardrails.suppress` entry for MSK_CMK with its reason is the
 * documented exception, and it is accepted only for data that does not call for the lakehouse
 * key (no `business.compliance`, `dataSensitivity` not high; the needs validation rejects the
 * exception otherwise) and for rates MSK Serverless takes (200 MB/s per cluster).
 */
import { MSK_SERVERLESS_MAX_INGRESS_MBPS } from '../../catalog/streaming-capacity';

/** An MSK deployment. */
export type KafkaDeployment = 'provisioned' | 'serverless';

/** The facts the choice depends on. */
export interface KafkaDeploymentFacts {
  /** The data's sensitivity or compliance calls for the lakehouse's customer-managed key. */
  readonly customerKeyRequired: boolean;
  /** The needs file suppresses MSK_CMK: the team accepts an AWS-owned key for the stream. */
  readonly serverlessExceptionAccepted: boolean;
  /** The stream's rate (`data.streaming.mbPerSecond`). */
  readonly mbPerSecond: number;
}

/** The deployment of the decision table. */
export function kafkaDeploymentFor(facts: KafkaDeploymentFacts): KafkaDeployment {
  if (facts.customerKeyRequired || !facts.serverlessExceptionAccepted) return 'provisioned';
  return facts.mbPerSecond <= MSK_SERVERLESS_MAX_INGRESS_MBPS ? 'serverless' : 'provisioned';
}
