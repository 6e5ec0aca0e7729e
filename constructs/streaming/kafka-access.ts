/**
 * The IAM side of a Kafka stream on MSK with IAM access control: the ARNs MSK authorizes
 * against (cluster, topic, consumer group) and the statements of its three parties. Pure.
 *
 * - Firehose reads: the bootstrap brokers and cluster description, connect, describe and read
 *   the topic, and join and commit its own consumer group (Firehose names its group itself, so
 *   the grant covers the cluster's groups). It may also create the topic: the cluster
 *   auto-creates topics, and whichever client asks first (Firehose, when the stream starts, or a
 *   producer) creates it with the cluster's partition and replication defaults.
 * - Producers write: connect, describe and write the topic (and create it, for the same reason).
 * - Firehose's service principal may open a managed VPC connection to the cluster (the cluster
 *   policy), because it reads through multi-VPC private connectivity.
 *
 * References: https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html
 * (resource ARNs and actions) and https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html
 * ("Grant Firehose access to an Amazon MSK cluster").
 */
import type { PolicyStatement } from '../iam/policy-document';

/** Where an MSK cluster lives, for building its resource ARNs. */
export interface KafkaClusterRef {
  /** The cluster ARN. */
  readonly clusterArn: string;
  /** The cluster name. */
  readonly clusterName: string;
  /** The cluster's UUID (the last path element of its ARN). */
  readonly clusterUuid: string;
  /** The topic the stream uses. */
  readonly topic: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

function kafkaArn(ref: KafkaClusterRef, kind: 'topic' | 'group', name: string): string {
  return `arn:${ref.partition}:kafka:${ref.region}:${ref.accountId}:${kind}/${ref.clusterName}/${ref.clusterUuid}/${name}`;
}

/** The topic's ARN, as MSK IAM access control names it. */
export function topicArn(ref: KafkaClusterRef): string {
  return kafkaArn(ref, 'topic', ref.topic);
}

/** What Firehose's role needs to read the topic. */
export function kafkaReaderStatements(ref: KafkaClusterRef): PolicyStatement[] {
  return [
    { sid: 'DescribeCluster', actions: ['kafka:GetBootstrapBrokers', 'kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka-cluster:Connect'], resources: [ref.clusterArn] },
    {
      sid: 'ReadTopic',
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration', 'kafka-cluster:ReadData', 'kafka-cluster:CreateTopic'],
      resources: [topicArn(ref)],
    },
    { sid: 'ConsumerGroup', actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'], resources: [kafkaArn(ref, 'group', '*')] },
  ];
}

/** What a producer needs to write the topic. */
export function kafkaWriterStatements(ref: KafkaClusterRef): PolicyStatement[] {
  return [
    { sid: 'ConnectToCluster', actions: ['kafka:GetBootstrapBrokers', 'kafka:DescribeClusterV2', 'kafka-cluster:Connect'], resources: [ref.clusterArn] },
    { sid: 'WriteTopic', actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData', 'kafka-cluster:CreateTopic'], resources: [topicArn(ref)] },
  ];
}

/** The service principal of Firehose. */
export const FIREHOSE_PRINCIPAL = 'firehose.amazonaws.com';

/**
 * The cluster policy statement that lets Firehose open its managed VPC connection to the
 * cluster, for this account's delivery streams only (`aws:SourceAccount`).
 */
export function firehoseClusterPolicyStatement(clusterArn: string, accountId: string): PolicyStatement {
  return {
    sid: 'FirehoseManagedVpcConnection',
    principals: { Service: FIREHOSE_PRINCIPAL },
    actions: ['kafka:CreateVpcConnection', 'kafka:GetBootstrapBrokers', 'kafka:DescribeCluster', 'kafka:DescribeClusterV2'],
    resources: [clusterArn],
    conditions: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}
