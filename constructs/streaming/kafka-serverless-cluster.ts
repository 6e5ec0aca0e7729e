/**
 * An MSK Serverless cluster for one ingest topic: IAM authentication (the only method MSK
 * Serverless has), TLS always, in the private subnets, with the cluster policy Firehose needs.
 * Used only when the needs file accepts the MSK_CMK exception (see ./kafka-deployment): MSK
 * Serverless encrypts at rest with an AWS-owned key and offers no setting for another.
 *
 * Runtime path: as for provisioned MSK, except that MSK Serverless does not create topics on
 * first use: the ingest topic must be created once with the partition count the stack outputs
 * (`kafka_topic_partitions`), e.g. with `kafka-topics.sh --create` from a client in the VPC.
 * Until then Firehose has nothing to read.
 */
import { MskClusterPolicy } from '@cdktf/provider-aws/lib/msk-cluster-policy';
import { MskServerlessCluster } from '@cdktf/provider-aws/lib/msk-serverless-cluster';
import { Construct } from 'constructs';
import { MSK_MAX_ZONES } from '../../catalog/streaming-capacity';
import { policyDocument } from '../iam/policy-document';
import { BrokerSecurityGroup } from './broker-security-group';
import { firehoseClusterPolicyStatement } from './kafka-access';

/** Props of {@link KafkaServerlessCluster}. */
export interface KafkaServerlessClusterProps {
  /** Cluster name, e.g. `acme-ml-ingest`. */
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Private subnets; the first three are used. */
  readonly subnetIds: readonly string[];
  readonly accountId: string;
  /**
   * Refuse any plan that destroys the cluster (it holds records not yet delivered).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The serverless cluster, its security group and cluster policy. */
export class KafkaServerlessCluster extends Construct {
  readonly cluster: MskServerlessCluster;
  readonly securityGroup: BrokerSecurityGroup;
  /** The cluster policy; Firehose can read the cluster only once it exists. */
  readonly policy: MskClusterPolicy;
  readonly arn: string;
  readonly name: string;
  readonly uuid: string;
  readonly bootstrapBrokers: string;

  constructor(scope: Construct, id: string, props: KafkaServerlessClusterProps) {
    super(scope, id);
    this.securityGroup = new BrokerSecurityGroup(this, 'security-group', { name: `${props.name}-brokers`, vpcId: props.vpcId, vpcCidr: props.vpcCidr });
    this.cluster = new MskServerlessCluster(this, 'cluster', {
      clusterName: props.name,
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfig: [{ subnetIds: props.subnetIds.slice(0, MSK_MAX_ZONES), securityGroupIds: [this.securityGroup.group.id] }],
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
