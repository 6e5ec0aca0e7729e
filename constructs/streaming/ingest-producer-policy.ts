/**
 * The managed IAM policy `<name>-ingest-producer`: what a producer needs to write the ingest
 * topic or stream, and nothing else. tracklayer does not know the producers; their owners attach
 * this policy to the producers' roles (its ARN is the stack output `ingest_producer_policy_arn`).
 * That is the answer to "who gives the producer credentials": its own role, with this policy.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';
import { kafkaWriterStatements, type KafkaClusterRef } from './kafka-access';

/** Props of {@link IngestProducerPolicy}. */
export interface IngestProducerPolicyProps {
  /** Policy name. */
  readonly name: string;
  /** The topic on MSK, or the Kinesis stream with its key. */
  readonly target: { readonly kind: 'kafka'; readonly cluster: KafkaClusterRef } | { readonly kind: 'kinesis'; readonly streamArn: string; readonly kmsKeyArn: string; readonly region: string };
}

/** The statements of the producer policy. */
export function producerStatements(target: IngestProducerPolicyProps['target']): PolicyStatement[] {
  if (target.kind === 'kafka') return kafkaWriterStatements(target.cluster);
  return [
    { sid: 'WriteStream', actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'], resources: [target.streamArn] },
    {
      sid: 'EncryptRecords',
      actions: ['kms:GenerateDataKey'],
      resources: [target.kmsKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': `kinesis.${target.region}.amazonaws.com` } },
    },
  ];
}

/** The producer policy. */
export class IngestProducerPolicy extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: IngestProducerPolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: props.name,
      description: 'Write the ingest stream of the lakehouse (attach to producer roles)',
      policy: policyDocument(producerStatements(props.target)),
    });
  }
}
