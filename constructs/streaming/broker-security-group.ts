/**
 * The security group of a Kafka cluster's broker endpoints: Kafka over TLS with IAM
 * authentication (port 9098) from inside the VPC, nothing else, and no egress (brokers answer
 * on the connections clients open; replication between brokers runs in MSK's own network).
 *
 * Firehose reaches the brokers through multi-VPC private connectivity: MSK's PrivateLink load
 * balancer sits in the cluster's subnets and connects to the brokers from VPC addresses, so the
 * same VPC-CIDR rule admits it.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** Kafka over TLS with SASL/IAM, the private listener (https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html). */
export const KAFKA_IAM_TLS_PORT = 9098;

/** Props of {@link BrokerSecurityGroup}. */
export interface BrokerSecurityGroupProps {
  /** Group name. */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC CIDR: clients (producers in the VPC, Firehose's connection) come from there. */
  readonly vpcCidr: string;
}

/** The broker security group. */
export class BrokerSecurityGroup extends Construct {
  readonly group: SecurityGroup;

  constructor(scope: Construct, id: string, props: BrokerSecurityGroupProps) {
    super(scope, id);
    this.group = new SecurityGroup(this, 'group', {
      name: props.name,
      description: 'Kafka over TLS with IAM authentication from inside the VPC',
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    new VpcSecurityGroupIngressRule(this, 'kafka-iam-from-vpc', {
      securityGroupId: this.group.id,
      description: 'Kafka TLS + IAM from the VPC',
      ipProtocol: 'tcp',
      fromPort: KAFKA_IAM_TLS_PORT,
      toPort: KAFKA_IAM_TLS_PORT,
      cidrIpv4: props.vpcCidr,
    });
  }
}
