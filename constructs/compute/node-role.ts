/**
 * The IAM role EKS managed node groups launch their instances with: trusted by EC2, holding
 * the AWS managed policies a node needs to join the cluster, pull images and (by default) run
 * the VPC CNI. Workloads get their own permissions through EKS Pod Identity, never this role.
 *
 * Source for the policy set: Amazon EKS User Guide, "Amazon EKS node IAM role"
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html).
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { serviceTrustPolicy } from '../iam/policy-document';
import { ComputeError } from './compute-error';

/** ARN prefix of AWS managed policies; the project supports the `aws` partition only. */
const AWS_MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

/**
 * Lets kubelet describe EC2 resources and the EKS Pod Identity Agent work.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSWorkerNodePolicy.html
 */
export const WORKER_NODE_POLICY = 'AmazonEKSWorkerNodePolicy';

/**
 * Image pulls from ECR. PullOnly (created 2024-10-04) is what the EKS node role page now
 * recommends: it grants only the pull actions, where the older AmazonEC2ContainerRegistryReadOnly
 * also lets the node list and describe every repository and image in the account.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html#security-iam-awsmanpol-AmazonEC2ContainerRegistryPullOnly
 */
export const REGISTRY_PULL_POLICY = 'AmazonEC2ContainerRegistryPullOnly';

/**
 * The VPC CNI's ENI and IP management. On the node role it is the simple default that works
 * the moment the node boots. Hardening: give the `aws-node` service account its own role via
 * EKS Pod Identity (or IRSA) and set `attachCniPolicy: false`, so no other pod on the node can
 * borrow these EC2 network permissions through the instance profile.
 * https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
 */
export const CNI_POLICY = 'AmazonEKS_CNI_Policy';

/**
 * Session Manager (SSM) shell access. Off by default: nodes are cattle replaced by the node
 * group, not logged into; turn it on for break-glass debugging (NCCL/EFA issues on a live node)
 * instead of opening SSH, which managed node groups with a launch template cannot scope anyway.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html
 */
export const SSM_POLICY = 'AmazonSSMManagedInstanceCore';

/** IAM role names: 1 to 64 of letters, digits and `+=,.@_-` (IAM API reference, CreateRole). */
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** Props of {@link NodeRole}. */
export interface NodeRoleProps {
  /** Name of the IAM role, e.g. `acme-ml-gpu-nodes`; 1 to 64 characters. */
  readonly name: string;
  /**
   * Attach AmazonEKS_CNI_Policy to the node role.
   * @default true - the VPC CNI works without a separate role; set false once `aws-node` has its own (Pod Identity or IRSA)
   */
  readonly attachCniPolicy?: boolean;
  /**
   * Attach AmazonSSMManagedInstanceCore so operators can open a Session Manager shell on a node.
   * @default false - no interactive access to nodes
   */
  readonly enableSessionManager?: boolean;
}

/** The node IAM role and its managed policy attachments. */
export class NodeRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** ARN of the role, for `aws_eks_node_group.node_role_arn`. */
  readonly roleArn: string;
  /** Names of the AWS managed policies attached, in attachment order. */
  readonly managedPolicies: readonly string[];
  /**
   * The policy attachments. A node group should `dependsOn` them, so nodes launch only after
   * the role can join the cluster and the policies outlive the nodes on destroy.
   */
  readonly policyAttachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !ROLE_NAME_PATTERN.test(props.name)) {
      throw new ComputeError(this.node.path, `name must be 1 to 64 letters, digits or +=,.@_- (an IAM role name), got "${props.name}"`);
    }
    this.role = new IamRole(this, 'role', {
      name: props.name,
      description: 'EKS managed node group instances',
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    this.roleArn = this.role.arn;
    this.managedPolicies = [
      WORKER_NODE_POLICY,
      REGISTRY_PULL_POLICY,
      ...((props.attachCniPolicy ?? true) ? [CNI_POLICY] : []),
      ...((props.enableSessionManager ?? false) ? [SSM_POLICY] : []),
    ];
    // One attachment resource per policy (not the deprecated managed_policy_arns argument), with
    // the policy name in the construct id so the Terraform address stays stable when the set changes.
    this.policyAttachments = this.managedPolicies.map(
      (policy) => new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: `${AWS_MANAGED_POLICY_PREFIX}${policy}` }),
    );
  }
}
