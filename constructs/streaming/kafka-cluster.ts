/**
 * An MSK provisioned cluster for one ingest topic: brokers in the private subnets (two or three
 * zones), IAM authentication only, TLS between clients and brokers and between brokers, data at
 * rest encrypted with the lakehouse's customer-managed key, no public access, broker logs in
 * CloudWatch, and multi-VPC private connectivity for IAM so Firehose can read it (with a cluster
 * policy that lets Firehose's service principal open that connection). MSK turns multi-VPC
 * connectivity on only for an ACTIVE cluster; the AWS provider creates the cluster, waits for it
 * and then calls UpdateConnectivity with the `vpc_connectivity` block
 * (hashicorp/terraform-provider-aws, internal/service/kafka/cluster.go, resourceClusterCreate).
 *
 * Runtime path: a producer in the VPC with the ingest producer policy connects to the brokers'
 * IAM bootstrap string (output `kafka_bootstrap_brokers`) on port 9098, authenticates with its
 * IAM credentials (the aws-msk-iam-auth library), and writes the topic; the topic is created on
 * first use with the cluster defaults below (partitions from the sizing, replication 3,
 * min.insync.replicas 2). Firehose reads the topic through its managed VPC connection.
 * On a broker failure MSK replaces it in the same zone; with replication 3 and
 * min.insync.replicas 2 writes with acks=all continue. Updates (configuration, version, broker
 * size) roll one broker at a time.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { MskCluster } from '@cdktf/provider-aws/lib/msk-cluster';
import { MskClusterPolicy } from '@cdktf/provider-aws/lib/msk-cluster-policy';
import { MskConfiguration } from '@cdktf/provider-aws/lib/msk-configuration';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { BrokerSecurityGroup } from './broker-security-group';
import { firehoseClusterPolicyStatement } from './kafka-access';
import { KAFKA_MIN_INSYNC_REPLICAS, KAFKA_REPLICATION_FACTOR, type KafkaClusterSizing } from './kafka-sizing';
import { StreamingError } from './streaming-error';

/**
 * The Kafka version: 3.6.0, a ZooKeeper-mode version MSK supports with multi-VPC private
 * connectivity and Firehose as a consumer (https://docs.aws.amazon.com/msk/latest/developerguide/supported-kafka-versions.html).
 * Pinned, so a plan never upgrades Kafka as a side effect.
 */
export const KAFKA_VERSION = '3.6.0';

/** Days broker logs are kept: a quarter is enough to look into incidents; they hold no data. */
export const DEFAULT_BROKER_LOG_RETENTION_DAYS = 90;

/** Props of {@link KafkaCluster}. */
export interface KafkaClusterProps {
  /** Cluster (and configuration) name, e.g. `acme-ml-ingest`. */
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnets, one per zone; the first `sizing.zones` hold brokers. */
  readonly subnetIds: readonly string[];
  /** Broker type, count, disk, retention and partitions. */
  readonly sizing: KafkaClusterSizing;
  /** The customer-managed key that encrypts broker storage (the lakehouse key). */
  readonly kmsKeyArn: string;
  /** The account id (the cluster policy's `aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * Days broker logs are kept.
   * @default DEFAULT_BROKER_LOG_RETENTION_DAYS
   */
  readonly brokerLogRetentionDays?: number;
  /**
   * Refuse any plan that destroys the cluster (it holds records not yet delivered).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The server properties of the cluster's configuration, from the sizing. */
export function kafkaServerProperties(sizing: KafkaClusterSizing): string {
  return [
    'auto.create.topics.enable=true',
    `default.replication.factor=${KAFKA_REPLICATION_FACTOR}`,
    `min.insync.replicas=${KAFKA_MIN_INSYNC_REPLICAS}`,
    `num.partitions=${sizing.partitions}`,
    `log.retention.hours=${sizing.retentionHours}`,
    'unclean.leader.election.enable=false',
  ].join('\n');
}

/** The cluster, its configuration, security group, log group and cluster policy. */
export class KafkaCluster extends Construct {
  readonly cluster: MskCluster;
  readonly securityGroup: BrokerSecurityGroup;
  /** The cluster policy; Firehose can read the cluster only once it exists. */
  readonly policy: MskClusterPolicy;
  readonly arn: string;
  readonly name: string;
  readonly uuid: string;
  /** The bootstrap brokers of IAM authentication inside the VPC. */
  readonly bootstrapBrokers: string;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { sizing } = props;
    if (props.subnetIds.length < sizing.zones) {
      throw new StreamingError(this.node.path, `subnetIds has ${props.subnetIds.length} subnet(s), but the sizing spreads brokers over ${sizing.zones} zones`);
    }
    this.securityGroup = new BrokerSecurityGroup(this, 'security-group', { name: `${props.name}-brokers`, vpcId: props.vpcId, vpcCidr: props.vpcCidr });
    const configuration = new MskConfiguration(this, 'configuration', {
      name: props.name,
      description: 'tracklayer: ingest topic defaults and retention',
      kafkaVersions: [KAFKA_VERSION],
      serverProperties: kafkaServerProperties(sizing),
    });
    const logs = new CloudwatchLogGroup(this, 'broker-logs', {
      name: `/tracklayer/${props.name}/msk-brokers`,
      retentionInDays: props.brokerLogRetentionDays ?? DEFAULT_BROKER_LOG_RETENTION_DAYS,
    });
    this.cluster = new MskCluster(this, 'cluster', {
      clusterName: props.name,
      kafkaVersion: KAFKA_VERSION,
      numberOfBrokerNodes: sizing.brokers,
      brokerNodeGroupInfo: {
        clientSubnets: props.subnetIds.slice(0, sizing.zones),
        instanceType: sizing.brokerType.name,
        securityGroups: [this.securityGroup.group.id],
        storageInfo: { ebsStorageInfo: { volumeSize: sizing.volumeGiB } },
        connectivityInfo: {
          publicAccess: { type: 'DISABLED' },
          vpcConnectivity: { clientAuthentication: { sasl: { iam: true } } },
        },
      },
      clientAuthentication: { sasl: { iam: true }, unauthenticated: false },
      encryptionInfo: {
        encryptionAtRestKmsKeyArn: props.kmsKeyArn,
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } },
      // DEFAULT monitoring includes the consumer-lag metrics (EstimatedMaxTimeLag) the lag alarm reads, at no charge.
      enhancedMonitoring: 'DEFAULT',
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.policy = new MskClusterPolicy(this, 'policy', {
      clusterArn: this.cluster.arn,
      policy: policyDocument([firehoseClusterPolicyStatement(this.cluster.arn, props.accountId)]),
    });
    this.arn = this.cluster.arn;
    this.name = this.cluster.clusterName;
    this.uuid = this.cluster.clusterUuid;
    this.bootstrapBrokers = this.cluster.bootstrapBrokersSaslIam;
  }
}
