/**
 * A Firehose stream that reads the ingest topic (MSK) or stream (Kinesis) and writes every record
 * into the raw zone, as it came, within the latency target.
 *
 * Objects land under `streams/<stream>/ingest_date=YYYY-MM-DD/ingest_hour=HH/` (arrival time,
 * UTC, Hive-style so the stream's Glue table can partition on them), GZIP-compressed and
 * SSE-KMS-encrypted with the lakehouse key; records that cannot be delivered go to
 * `streams-errors/<stream>/<error type>/…`. Firehose writes records back to back as the producer
 * sent them: producers end each record with a newline (one JSON object per line), the contract
 * the stream table reads.
 *
 * Why S3 and not Firehose's Iceberg destination (`iceberg_configuration`, which provider 5.100
 * has): the raw zone is objects as they arrived; writing S3 Tables through Firehose needs the
 * S3 Tables catalog federated into Glue (`s3tablescatalog`), which provider 5.100 cannot create
 * (no `aws_glue_catalog`); and a Glue-catalog Iceberg table created by Terraform writes its first
 * metadata into the bucket from outside the VPC, which the hybrid network deny refuses.
 *
 * The delivery role (created by the caller, before the lakehouse, because the raw bucket's
 * network deny names it) gets exactly: read the source, write objects under those two prefixes,
 * use the lakehouse key through S3, and write its own log stream.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogStream } from '@cdktf/provider-aws/lib/cloudwatch-log-stream';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';
import { kafkaReaderStatements, type KafkaClusterRef } from './kafka-access';
import type { FirehoseBuffering } from './firehose-buffering';

/** Days Firehose's error logs are kept. */
export const DEFAULT_DELIVERY_LOG_RETENTION_DAYS = 90;

/** The raw-zone prefix of a stream's records: `streams/<stream>/`. */
export function streamPrefix(stream: string): string {
  return `streams/${stream}/`;
}

/** The raw-zone prefix of a stream's undeliverable records. */
export function streamErrorPrefix(stream: string): string {
  return `streams-errors/${stream}/`;
}

/** Partition columns the delivery prefix encodes, in order (arrival time, UTC). */
export const ARRIVAL_PARTITIONS = [
  { name: 'ingest_date', format: 'yyyy-MM-dd' },
  { name: 'ingest_hour', format: 'HH' },
] as const;

/** A Kafka topic on MSK as the source. */
export interface KafkaSource {
  readonly kind: 'kafka';
  readonly cluster: KafkaClusterRef;
}

/** A Kinesis data stream as the source. */
export interface KinesisSource {
  readonly kind: 'kinesis';
  readonly streamArn: string;
  /** The key the stream is encrypted with. */
  readonly kmsKeyArn: string;
}

/** An IAM role made elsewhere. */
export interface RoleRef {
  readonly name: string;
  readonly arn: string;
}

/** Props of {@link RawDeliveryStream}. */
export interface RawDeliveryStreamProps {
  /** Delivery stream name, e.g. `acme-ml-ingest-to-raw`. */
  readonly name: string;
  /** The stream's short name in prefixes (`ingest`). */
  readonly stream: string;
  readonly source: KafkaSource | KinesisSource;
  /** The role Firehose assumes (trusted by firehose.amazonaws.com). */
  readonly role: RoleRef;
  /** The raw bucket. */
  readonly bucketArn: string;
  /** The lakehouse key: delivered objects are encrypted with it. */
  readonly kmsKeyArn: string;
  readonly buffering: FirehoseBuffering;
  /** The region (the key's kms:ViaService condition). */
  readonly region: string;
  /**
   * Days Firehose's error logs are kept.
   * @default DEFAULT_DELIVERY_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /**
   * What must exist before Firehose connects to the source (an MSK cluster policy).
   * @default - only the role policy
   */
  readonly sourceReady?: readonly ITerraformDependable[];
}

/** The delivery stream, its log group and its role's policy. */
export class RawDeliveryStream extends Construct {
  readonly deliveryStream: KinesisFirehoseDeliveryStream;
  /** The delivery stream's name (the alarms' dimension). */
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: RawDeliveryStreamProps) {
    super(scope, id);
    const prefix = streamPrefix(props.stream);
    const errorPrefix = streamErrorPrefix(props.stream);
    const logs = new CloudwatchLogGroup(this, 'log-group', {
      name: `/tracklayer/firehose/${props.name}`,
      retentionInDays: props.logRetentionDays ?? DEFAULT_DELIVERY_LOG_RETENTION_DAYS,
    });
    const logStream = new CloudwatchLogStream(this, 'log-stream', { name: 'DestinationDelivery', logGroupName: logs.name });
    const policy = new IamRolePolicy(this, 'role-policy', {
      name: 'deliver-to-raw',
      role: props.role.name,
      policy: policyDocument([...this.sourceStatements(props), ...this.destinationStatements(props, prefix, errorPrefix), {
        sid: 'WriteDeliveryErrors',
        actions: ['logs:PutLogEvents'],
        resources: [`${logs.arn}:log-stream:${logStream.name}`],
      }]),
    });
    const partitions = ARRIVAL_PARTITIONS.map((p) => `${p.name}=!{timestamp:${p.format}}`).join('/');
    this.deliveryStream = new KinesisFirehoseDeliveryStream(this, 'stream', {
      name: props.name,
      destination: 'extended_s3',
      ...(props.source.kind === 'kafka'
        ? {
            mskSourceConfiguration: {
              mskClusterArn: props.source.cluster.clusterArn,
              topicName: props.source.cluster.topic,
              authenticationConfiguration: { connectivity: 'PRIVATE', roleArn: props.role.arn },
            },
          }
        : { kinesisSourceConfiguration: { kinesisStreamArn: props.source.streamArn, roleArn: props.role.arn } }),
      extendedS3Configuration: {
        roleArn: props.role.arn,
        bucketArn: props.bucketArn,
        prefix: `${prefix}${partitions}/`,
        errorOutputPrefix: `${errorPrefix}!{firehose:error-output-type}/ingest_date=!{timestamp:yyyy-MM-dd}/`,
        bufferingInterval: props.buffering.intervalSeconds,
        bufferingSize: props.buffering.sizeMb,
        compressionFormat: 'GZIP',
        kmsKeyArn: props.kmsKeyArn,
        cloudwatchLoggingOptions: { enabled: true, logGroupName: logs.name, logStreamName: logStream.name },
      },
      // Firehose checks its role (and, for MSK, opens its VPC connection) when the stream is created.
      dependsOn: [policy, ...(props.sourceReady ?? [])],
    });
    this.name = this.deliveryStream.name;
    this.arn = this.deliveryStream.arn;
  }

  private sourceStatements(props: RawDeliveryStreamProps): PolicyStatement[] {
    if (props.source.kind === 'kafka') return kafkaReaderStatements(props.source.cluster);
    return [
      { sid: 'ReadStream', actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'], resources: [props.source.streamArn] },
      {
        sid: 'DecryptStream',
        actions: ['kms:Decrypt'],
        resources: [props.source.kmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': `kinesis.${props.region}.amazonaws.com` } },
      },
    ];
  }

  private destinationStatements(props: RawDeliveryStreamProps, prefix: string, errorPrefix: string): PolicyStatement[] {
    return [
      { sid: 'LocateBucket', actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], resources: [props.bucketArn] },
      {
        sid: 'WriteRecords',
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [`${props.bucketArn}/${prefix}*`, `${props.bucketArn}/${errorPrefix}*`],
      },
      {
        sid: 'EncryptRecords',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.kmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com` } },
      },
    ];
  }
}
