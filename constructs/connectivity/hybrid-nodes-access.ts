/**
 * What on-prem GPU servers need to join the EKS cluster as EKS Hybrid Nodes
 * (`onPrem.mode: hybrid-nodes`; EKS User Guide, "Prepare credentials for hybrid nodes",
 * https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-creds.html):
 *
 * - security group rules: the on-prem networks reach the API (443); the control plane reaches
 *   the kubelets (10250);
 * - the Hybrid Nodes IAM role, assumed by SSM for the servers. Its trust policy is the guide's:
 *   `ssm.amazonaws.com` with `aws:SourceAccount` = this account and `aws:SourceArn` =
 *   `arn:<partition>:ssm:<region>:<account>:*`, so no other account's (or region's) SSM can
 *   hand out its credentials (the confused deputy). Its permissions are the guide's list:
 *   `eks:DescribeCluster` on this cluster (nodeadm reads the endpoint, CA and service range),
 *   AmazonSSMManagedInstanceCore and AmazonEC2ContainerRegistryPullOnly (managed policies),
 *   `ssm:DescribeInstanceInformation` and `ssm:DeregisterManagedInstance` on managed instances
 *   tagged with this cluster's ARN (`nodeadm uninstall` deregisters the server, and only servers
 *   of this cluster's activations), and `eks-auth:AssumeRoleForPodIdentity` (the Pod Identity
 *   agent on the node gets pod credentials);
 * - an SSM hybrid activation for `registrationLimit` servers, tagged `EKSClusterARN`;
 * - an EKS access entry of type HYBRID_LINUX for the role.
 *
 * The activation, and adding servers later: an SSM activation registers servers for 24 hours
 * (no `expiration_date` is set, so SSM's default applies). A registered server does not need it
 * again: SSM rotates the server's credentials (valid one hour) for as long as it stays registered,
 * so existing nodes keep working after the activation expires. Adding servers needs a new
 * activation, never a renewed one (an activation cannot be extended):
 * - raising `onPrem.gpuNodes` changes `registration_limit`, which the AWS provider cannot change
 *   in place: the next deploy replaces the activation, and `terraform output` shows the new id
 *   and code;
 * - for servers within the same count (a replaced machine), replace it on purpose:
 *   `terraform -chdir=cdktf.out/stacks/<name>-connectivity apply -replace=<address>`, with the
 *   address the output `hybrid_nodes_activation_address` prints.
 * Deleting the old activation deregisters nothing (SSM DeleteActivation: "Deleting an activation
 * doesn't de-register managed nodes").
 */
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SsmActivation } from '@cdktf/provider-aws/lib/ssm-activation';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/** Managed policies of the hybrid node role (EKS User Guide, "Prepare credentials for hybrid nodes"). */
export const HYBRID_NODE_MANAGED_POLICIES = ['AmazonSSMManagedInstanceCore', 'AmazonEC2ContainerRegistryPullOnly'] as const;

/** The tag that ties an activation, and the managed instances it registers, to the cluster (the guide's default key). */
export const CLUSTER_ARN_TAG = 'EKSClusterARN';

/** The SSM service principal that assumes the role for the servers. */
export const SSM_SERVICE_PRINCIPAL = 'ssm.amazonaws.com';

/** Props of {@link HybridNodesAccess}. */
export interface HybridNodesAccessProps {
  /** Prefix of resource names. */
  readonly namePrefix: string;
  /** The EKS cluster name. */
  readonly clusterName: string;
  /** The region of the cluster and of the activation. */
  readonly region: string;
  /** The account id (for the trust conditions and ARNs). */
  readonly accountId: string;
  /** The partition (`aws`). */
  readonly partition: string;
  /** The cluster security group. */
  readonly clusterSecurityGroupId: string;
  /** The on-prem node network. */
  readonly nodeCidr: string;
  /** The on-prem pod network. @default - none */
  readonly podCidr?: string;
  /** How many servers may register with the activation. */
  readonly registrationLimit: number;
}

/** The trust policy of the hybrid node role: SSM of this account and region only. */
export function hybridNodeTrustPolicy(accountId: string, partition: string, region: string): string {
  return policyDocument([
    {
      principals: { Service: SSM_SERVICE_PRINCIPAL },
      actions: ['sts:AssumeRole'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': accountId },
        ArnEquals: { 'aws:SourceArn': `arn:${partition}:ssm:${region}:${accountId}:*` },
      },
    },
  ]);
}

/** The inline permissions of the hybrid node role beyond its managed policies. */
export function hybridNodeStatements(clusterArn: string, partition: string, region: string, accountId: string): PolicyStatement[] {
  return [
    { actions: ['eks:DescribeCluster'], resources: [clusterArn] },
    { actions: ['ssm:DescribeInstanceInformation'], resources: ['*'] },
    {
      actions: ['ssm:DeregisterManagedInstance'],
      resources: [`arn:${partition}:ssm:${region}:${accountId}:managed-instance/*`],
      conditions: { StringEquals: { [`ssm:resourceTag/${CLUSTER_ARN_TAG}`]: clusterArn } },
    },
    { actions: ['eks-auth:AssumeRoleForPodIdentity'], resources: ['*'] },
  ];
}

/** Security group rules, role, activation and access entry for hybrid nodes. */
export class HybridNodesAccess extends Construct {
  /** The role hybrid nodes assume. */
  readonly role: IamRole;
  /** The SSM activation (its id and code go into the nodes' nodeadm configuration). */
  readonly activation: SsmActivation;
  /** The cluster's ARN, as the activation's tag carries it. */
  readonly clusterArn: string;

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
    this.clusterArn = `arn:${props.partition}:eks:${props.region}:${props.accountId}:cluster/${props.clusterName}`;
    this.role = new IamRole(this, 'role', { name: `${props.namePrefix}-hybrid-node`, assumeRolePolicy: hybridNodeTrustPolicy(props.accountId, props.partition, props.region) });
    const attachments = HYBRID_NODE_MANAGED_POLICIES.map(
      (policy) => new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: `arn:${props.partition}:iam::aws:policy/${policy}` }),
    );
    const inline = new IamRolePolicy(this, 'describe-cluster', {
      name: 'describe-cluster',
      role: this.role.id,
      policy: policyDocument(hybridNodeStatements(this.clusterArn, props.partition, props.region, props.accountId)),
    });
    this.activation = new SsmActivation(this, 'activation', {
      name: `${props.namePrefix}-hybrid-nodes`,
      description: 'Registers on-prem GPU servers as EKS Hybrid Nodes',
      iamRole: this.role.name,
      registrationLimit: props.registrationLimit,
      tags: { [CLUSTER_ARN_TAG]: this.clusterArn },
      dependsOn: [...attachments, inline],
    });
    new EksAccessEntry(this, 'access-entry', { clusterName: props.clusterName, principalArn: this.role.arn, type: 'HYBRID_LINUX' });
  }
}
