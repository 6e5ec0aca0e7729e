/**
 * A Kinesis data stream for ingestion, in provisioned mode with the shards of ./kinesis-sizing,
 * encrypted with the lakehouse's customer-managed key, records kept 24 hours.
 *
 * Runtime path: a producer with the ingest producer policy calls PutRecord(s) on the Kinesis
 * API (from the VPC through the NAT gateway, or from anywhere with its IAM credentials); Kinesis
 * encrypts each record with a data key of the lakehouse key (the producer needs
 * kms:GenerateDataKey, which the producer policy grants). Firehose reads the stream as a
 * consumer. Resharding is a change of `shard_count`, which Terraform applies with
 * UpdateShardCount (a uniform scaling, no data loss).
 */
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { Construct } from 'constructs';
import { KINESIS_RETENTION_HOURS } from './kinesis-sizing';

/** Props of {@link IngestKinesisStream}. */
export interface IngestKinesisStreamProps {
  /** Stream name, e.g. `acme-ml-ingest`. */
  readonly name: string;
  /** Shards (./kinesis-sizing). */
  readonly shards: number;
  /** The customer-managed key that encrypts records (the lakehouse key). */
  readonly kmsKeyArn: string;
  /**
   * Refuse any plan that destroys the stream (it holds records not yet delivered).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The stream. */
export class IngestKinesisStream extends Construct {
  readonly stream: KinesisStream;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: IngestKinesisStreamProps) {
    super(scope, id);
    this.stream = new KinesisStream(this, 'stream', {
      name: props.name,
      shardCount: props.shards,
      streamModeDetails: { streamMode: 'PROVISIONED' },
      retentionPeriod: KINESIS_RETENTION_HOURS,
      encryptionType: 'KMS',
      kmsKeyId: props.kmsKeyArn,
      enforceConsumerDeletion: false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.arn = this.stream.arn;
    this.name = this.stream.name;
  }
}
