/**
 * The VPC endpoints private EKS nodes need to run with no internet path for AWS traffic:
 * S3 (gateway: image layers and the lakehouse), ECR api and dkr (images), STS (pod identity
 * and IRSA tokens), EC2 (the VPC CNI) and CloudWatch Logs. Interface endpoints accept HTTPS
 * from inside the VPC only.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** Interface endpoints private EKS nodes need (https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html). */
export const EKS_INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'sts', 'ec2', 'logs'] as const;

/** Props of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  /** Prefix of Name tags. */
  readonly namePrefix: string;
  /** The region, for service names `com.amazonaws.<region>.<service>`. */
  readonly region: string;
  /** The VPC. */
  readonly vpcId: string;
  /** The VPC CIDR: the only source allowed to reach the interface endpoints. */
  readonly vpcCidr: string;
  /** Private subnets, one per zone, for the interface endpoints' network interfaces. */
  readonly subnetIds: readonly string[];
  /** Private route tables the S3 gateway endpoint is added to. */
  readonly routeTableIds: readonly string[];
  /**
   * Interface endpoint services to create.
   * @default EKS_INTERFACE_ENDPOINT_SERVICES
   */
  readonly interfaceServices?: readonly string[];
}

/** The S3 gateway endpoint and the interface endpoints, with their security group. */
export class VpcEndpoints extends Construct {
  /** The S3 gateway endpoint (bucket policies can require `aws:sourceVpce` to be this id). */
  readonly s3Gateway: VpcEndpoint;
  /** Security group of the interface endpoints. */
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const service = (name: string) => `com.amazonaws.${props.region}.${name}`;
    this.s3Gateway = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: service('s3'),
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
      tags: { Name: `${props.namePrefix}-s3` },
    });
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.namePrefix}-vpc-endpoints`,
      description: 'HTTPS from inside the VPC to AWS interface endpoints',
      vpcId: props.vpcId,
      tags: { Name: `${props.namePrefix}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    for (const name of props.interfaceServices ?? EKS_INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, name.replace('.', '-'), {
        vpcId: props.vpcId,
        serviceName: service(name),
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.namePrefix}-${name}` },
      });
    }
  }
}
