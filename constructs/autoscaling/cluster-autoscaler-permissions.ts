/**
 * What the Cluster Autoscaler may do in AWS, as IAM statements for its pod identity role (the
 * gpu-cluster stack binds them to `kube-system/cluster-autoscaler`; see ./cluster-autoscaler.ts).
 *
 * From the upstream "Full Cluster Autoscaler Features Policy" (kubernetes/autoscaler,
 * cluster-autoscaler/cloudprovider/aws/README.md, "IAM Policy"), narrowed the way that README
 * recommends ("restrict the target resources for the autoscaling actions ... using tag based
 * conditionals"):
 *
 * | statement | actions                                                                 | resource                                   |
 * |-----------|-------------------------------------------------------------------------|--------------------------------------------|
 * | describe  | autoscaling:Describe{AutoScalingGroups,AutoScalingInstances,LaunchConfigurations,ScalingActivities}, ec2:DescribeImages, ec2:DescribeInstanceTypes, ec2:DescribeLaunchTemplateVersions, ec2:GetInstanceTypesFromInstanceRequirements | `*` (these actions take no resource ARN) |
 * | nodegroup | eks:DescribeNodegroup (labels and taints of a group at zero)            | the cluster's node groups only             |
 * | scale     | autoscaling:SetDesiredCapacity, autoscaling:TerminateInstanceInAutoScalingGroup | ASGs tagged `k8s.io/cluster-autoscaler/<cluster>=owned` |
 *
 * EKS tags the Auto Scaling group of every managed node group with
 * `k8s.io/cluster-autoscaler/enabled` and `k8s.io/cluster-autoscaler/<cluster>` = `owned`
 * ("Nodes launched as part of a managed node group are automatically tagged for auto-discovery
 * by the Kubernetes Cluster Autoscaler", EKS User Guide, managed node groups), so the
 * condition admits this cluster's groups and no other ASG in the account.
 */
import type { PolicyStatement } from '../iam/policy-document';

/** Read-only calls the autoscaler makes to build its node templates; they support no resource-level scoping. */
export const CLUSTER_AUTOSCALER_DESCRIBE_ACTIONS = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeAutoScalingInstances',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeScalingActivities',
  'ec2:DescribeImages',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:GetInstanceTypesFromInstanceRequirements',
] as const;

/** The calls that change capacity. */
export const CLUSTER_AUTOSCALER_SCALE_ACTIONS = ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'] as const;

/** The ASG tag EKS sets to `owned` on the groups of cluster `clusterName`. */
export function clusterOwnershipTag(clusterName: string): string {
  return `k8s.io/cluster-autoscaler/${clusterName}`;
}

/** Where the statements apply. */
export interface ClusterAutoscalerScope {
  /** The EKS cluster's name. */
  readonly clusterName: string;
  /** The cluster's region. */
  readonly region: string;
  /** The AWS account id (a token from `aws_caller_identity` is fine). */
  readonly accountId: string;
  /** The partition (a token from `aws_partition` is fine). */
  readonly partition: string;
}

/** The least-privilege statements of the table above. */
export function clusterAutoscalerStatements(scope: ClusterAutoscalerScope): PolicyStatement[] {
  return [
    { sid: 'DescribeCapacity', actions: CLUSTER_AUTOSCALER_DESCRIBE_ACTIONS, resources: ['*'] },
    {
      sid: 'DescribeNodegroups',
      actions: ['eks:DescribeNodegroup'],
      resources: [`arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:nodegroup/${scope.clusterName}/*/*`],
    },
    {
      sid: 'ScaleOwnedGroups',
      actions: CLUSTER_AUTOSCALER_SCALE_ACTIONS,
      resources: ['*'],
      conditions: { StringEquals: { [`aws:ResourceTag/${clusterOwnershipTag(scope.clusterName)}`]: 'owned' } },
    },
  ];
}
