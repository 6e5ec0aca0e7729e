/**
 * Real-time ingestion into the raw zone (NEEDS-v1.1 `data.streaming`), composed from the
 * streaming constructs:
 *
 * | source  | carries the stream                                                   | delivers into raw                |
 * |---------|----------------------------------------------------------------------|----------------------------------|
 * | kafka   | MSK provisioned (./kafka-cluster), or Serverless by exception (./kafka-deployment) | Firehose, MSK source, PRIVATE |
 * | kinesis | a provisioned Kinesis data stream (./ingest-kinesis-stream)           | Firehose, Kinesis source         |
 *
 * Runtime path of an event: a producer (with the `<name>-ingest-producer` policy on its role)
 * writes a newline-terminated JSON record to the topic `ingest` or the stream `<name>-ingest`;
 * the broker (or shard) stores it encrypted with the lakehouse key; Firehose reads it, buffers
 * it for at most the latency target (./firehose-buffering) and writes it, gzipped and
 * SSE-KMS-encrypted, to `s3://<raw>/streams/ingest/ingest_date=…/ingest_hour=…/`; the
 * freshness, delivery and source-lag alarms (./delivery-lag-alarms) watch each hop. Undeliverable
 * records land under `streams-errors/ingest/`.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { StreamingNeed } from '../../needs/schema';
import { DeliveryLagAlarms, type LagSource } from './delivery-lag-alarms';
import { firehoseBuffering, type FirehoseBuffering } from './firehose-buffering';
import { IngestKinesisStream } from './ingest-kinesis-stream';
import { IngestProducerPolicy } from './ingest-producer-policy';
import type { KafkaClusterRef } from './kafka-access';
import { KafkaCluster } from './kafka-cluster';
import type { KafkaDeployment } from './kafka-deployment';
import { KafkaServerlessCluster } from './kafka-serverless-cluster';
import { kafkaClusterSizing, serverlessPartitions, type KafkaClusterSizing } from './kafka-sizing';
import { kinesisShards } from './kinesis-sizing';
import { RawDeliveryStream, streamPrefix, type KafkaSource, type KinesisSource, type RoleRef } from './raw-delivery-stream';
import { StreamingError } from './streaming-error';

/** The ingest topic's name (Kafka) and the stream's short name in raw-zone prefixes. */
export const INGEST_STREAM = 'ingest';

/** The network the brokers live in. */
export interface StreamingNetwork {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnets, one per zone. */
  readonly privateSubnetIds: readonly string[];
}

/** Props of {@link StreamingIngest}. */
export interface StreamingIngestProps {
  /** The project name: resources are `<name>-ingest…`. */
  readonly namePrefix: string;
  /** `data.streaming`. */
  readonly need: StreamingNeed;
  /**
   * The MSK deployment (./kafka-deployment), for `source: kafka`.
   * @default 'provisioned'
   */
  readonly kafkaDeployment?: KafkaDeployment;
  /**
   * The network of the brokers; required for `source: kafka`.
   * @default - none (Kinesis needs no network)
   */
  readonly network?: StreamingNetwork;
  /** Firehose's delivery role. */
  readonly deliveryRole: RoleRef;
  /** The raw bucket. */
  readonly rawBucketArn: string;
  /** The lakehouse key: the stream and the delivered objects are encrypted with it. */
  readonly kmsKeyArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** The topic the lag alarms notify. */
  readonly alertsTopicArn: string;
  /**
   * Refuse plans that destroy the cluster or stream.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** What the stream is carried by, for outputs and cost. */
export type IngestCarrier =
  | { readonly kind: 'msk-provisioned'; readonly sizing: KafkaClusterSizing; readonly cluster: KafkaCluster }
  | { readonly kind: 'msk-serverless'; readonly partitions: number; readonly cluster: KafkaServerlessCluster }
  | { readonly kind: 'kinesis'; readonly shards: number; readonly stream: IngestKinesisStream };

/** The ingest stream, its delivery into raw, its alarms and its producer policy. */
export class StreamingIngest extends Construct {
  readonly carrier: IngestCarrier;
  readonly delivery: RawDeliveryStream;
  readonly producerPolicy: IngestProducerPolicy;
  readonly buffering: FirehoseBuffering;
  /** The ARN of the MSK cluster or Kinesis stream. */
  readonly sourceArn: string;
  /** `streams/ingest/`: where the records land in raw. */
  readonly landingPrefix: string;

  constructor(scope: Construct, id: string, props: StreamingIngestProps) {
    super(scope, id);
    const { need } = props;
    const name = `${props.namePrefix}-${INGEST_STREAM}`;
    this.buffering = firehoseBuffering(need.mbPerSecond, need.latencySeconds);
    this.landingPrefix = streamPrefix(INGEST_STREAM);
    let source: KafkaSource | KinesisSource;
    let lagSource: LagSource;
    let sourceReady: ITerraformDependable[] = [];
    if (need.source === 'kafka') {
      const network = props.network;
      if (!network) throw new StreamingError(this.node.path, 'source kafka needs the network (the brokers live in its private subnets); pass network');
      const serverless = (props.kafkaDeployment ?? 'provisioned') === 'serverless';
      const common = { name, vpcId: network.vpcId, vpcCidr: network.vpcCidr, subnetIds: network.privateSubnetIds, accountId: props.accountId, preventDestroy: props.preventDestroy };
      if (serverless) {
        const cluster = new KafkaServerlessCluster(this, 'kafka-serverless', common);
        this.carrier = { kind: 'msk-serverless', partitions: serverlessPartitions(need.mbPerSecond), cluster };
      } else {
        const sizing = kafkaClusterSizing(need.mbPerSecond, network.privateSubnetIds.length);
        const cluster = new KafkaCluster(this, 'kafka', { ...common, sizing, kmsKeyArn: props.kmsKeyArn });
        this.carrier = { kind: 'msk-provisioned', sizing, cluster };
      }
      const cluster = this.carrier.cluster;
      const ref: KafkaClusterRef = { clusterArn: cluster.arn, clusterName: cluster.name, clusterUuid: cluster.uuid, topic: INGEST_STREAM, partition: props.partition, region: props.region, accountId: props.accountId };
      source = { kind: 'kafka', cluster: ref };
      sourceReady = [cluster.policy];
      lagSource = { kind: 'kafka', clusterName: cluster.name, topic: INGEST_STREAM };
      this.producerPolicy = new IngestProducerPolicy(this, 'producer-policy', { name: `${name}-producer`, target: { kind: 'kafka', cluster: ref } });
      this.sourceArn = cluster.arn;
    } else {
      const shards = kinesisShards(need.mbPerSecond);
      const stream = new IngestKinesisStream(this, 'kinesis', { name, shards, kmsKeyArn: props.kmsKeyArn, preventDestroy: props.preventDestroy });
      this.carrier = { kind: 'kinesis', shards, stream };
      source = { kind: 'kinesis', streamArn: stream.arn, kmsKeyArn: props.kmsKeyArn };
      lagSource = { kind: 'kinesis', streamName: stream.name };
      this.producerPolicy = new IngestProducerPolicy(this, 'producer-policy', { name: `${name}-producer`, target: { kind: 'kinesis', streamArn: stream.arn, kmsKeyArn: props.kmsKeyArn, region: props.region } });
      this.sourceArn = stream.arn;
    }
    this.delivery = new RawDeliveryStream(this, 'delivery', {
      name: `${name}-to-raw`,
      stream: INGEST_STREAM,
      source,
      role: props.deliveryRole,
      bucketArn: props.rawBucketArn,
      kmsKeyArn: props.kmsKeyArn,
      buffering: this.buffering,
      region: props.region,
      sourceReady,
    });
    new DeliveryLagAlarms(this, 'lag-alarms', { name, deliveryStreamName: this.delivery.name, source: lagSource, latencySeconds: need.latencySeconds, topicArn: props.alertsTopicArn });
  }
}
