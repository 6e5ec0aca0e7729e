/**
 * What on-prem GPU servers need to join the EKS cluster as EKS Hybrid Nodes: the cluster
 * security group admits the on-prem networks to the API (443) and reaches the kubelets (10250);
 * an IAM role the nodes assume through an SSM hybrid activation; and an EKS access entry of
 * type HYBRID_LINUX for that role. https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-overview.html
 */
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SsmActivation } from '@cdktf/provider-aws/lib/ssm-activation';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy } from '../iam/policy-document';

/** Managed policies of the hybrid node role (EKS User Guide, "Prepare credentials for hybrid nodes"). */
export const HYBRID_NODE_MANAGED_POLICIES = ['AmazonSSMManagedInstanceCore', 'AmazonEC2ContainerRegistryPullOnly'] as const;

/** Props of {@link HybridNodesAccess}. */
export interface HybridNodesAccessProps {
  /** Prefix of resource names. */
  readonly namePrefix: string;
  /** The EKS cluster name. */
  readonly clusterName: string;
  /** The cluster security group. */
  readonly clusterSecurityGroupId: string;
  /** The on-prem node network. */
  readonly nodeCidr: string;
  /** The on-prem pod network. @default - none */
  readonly podCidr?: string;
  /** How many servers may register with the activation. */
  readonly registrationLimit: number;
}

/** Security group rules, role, activation and access entry for hybrid nodes. */
export class HybridNodesAccess extends Construct {
  /** The role hybrid nodes assume. */
  readonly role: IamRole;
  /** The SSM activation (its id and code go into the nodes' nodeadm configuration). */
  readonly activation: SsmActivation;

  constructor(scope: Construct, id: string, props: HybridNodesAccessProps) {
    super(scope, id);
    const remoteCidrs = [props.nodeCidr, ...(props.podCidr ? [props.podCidr] : [])];
    remoteCidrs.forEach((cidr, index) => {
      new VpcSecurityGroupIngressRule(this, `api-from-on-prem-${index}`, {
        securityGroupId: props.clusterSecurityGroupId,
        description: `Kubernetes API from on-prem ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    });
    new VpcSecurityGroupEgressRule(this, 'kubelet-on-prem', {
      securityGroupId: props.clusterSecurityGroupId,
      description: `Control plane to on-prem kubelets ${props.nodeCidr}`,
      ipProtocol: 'tcp',
      fromPort: 10250,
      toPort: 10250,
      cidrIpv4: props.nodeCidr,
    });
    this.role = new IamRole(this, 'role', { name: `${props.namePrefix}-hybrid-node`, assumeRolePolicy: serviceTrustPolicy('ssm.amazonaws.com') });
    const attachments = HYBRID_NODE_MANAGED_POLICIES.map(
      (policy) => new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: `arn:aws:iam::aws:policy/${policy}` }),
    );
    new IamRolePolicy(this, 'describe-cluster', {
      name: 'describe-cluster',
      role: this.role.id,
      policy: policyDocument([{ actions: ['eks:DescribeCluster'], resources: [`arn:aws:eks:*:*:cluster/${props.clusterName}`] }]),
    });
    this.activation = new SsmActivation(this, 'activation', {
      name: `${props.namePrefix}-hybrid-nodes`,
      description: 'Registers on-prem GPU servers as EKS Hybrid Nodes',
      iamRole: this.role.name,
      registrationLimit: props.registrationLimit,
      dependsOn: attachments,
    });
    new EksAccessEntry(this, 'access-entry', { clusterName: props.clusterName, principalArn: this.role.arn, type: 'HYBRID_LINUX' });
  }
}
