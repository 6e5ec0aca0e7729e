/**
 * What a managed node group's nodes will look like, written as
 * `k8s.io/cluster-autoscaler/node-template/...` tags on the group's Auto Scaling group, so the
 * Cluster Autoscaler can scale the group up from zero for a pod that needs it.
 *
 * At zero there is no node to copy, so the autoscaler builds a template node (kubernetes/
 * autoscaler, cloudprovider/aws/aws_manager.go `buildNodeFromTemplate`): CPU, memory and
 * `nvidia.com/gpu` from the instance type; labels and taints from the ASG's tags and from EKS
 * DescribeNodegroup. It knows nothing of other extended resources: a pod requesting
 * `vpc.amazonaws.com/efa` or `aws.amazon.com/neuron` fits no template, so the group would never
 * leave zero, unless the ASG carries `node-template/resources/<name>` tags (upstream README,
 * "Auto-Discovery Setup"). Labels and taints are tagged too, although DescribeNodegroup reports
 * them: the autoscaler calls DescribeNodegroup only for a group that never had a node (upstream
 * README, "IAM Policy"), so the tags keep the template right whatever its cache holds.
 *
 * The autoscaler does not apply these labels or taints; EKS does, from the node group's
 * `labels` and `taint`. The tags must therefore say exactly what the node group says: the stack
 * builds both from the same {@link NodeTemplate}.
 *
 * The ASG's name is known only once EKS has created it:
 * `aws_eks_node_group.resources[0].autoscaling_groups[0].name`. One `aws_autoscaling_group_tag`
 * per tag (the resource manages one tag, and leaves EKS's own tags alone). Not propagated to
 * instances: they describe the group, not an instance.
 */
import { AutoscalingGroupTagA as AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group-tag';
import type { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { Construct } from 'constructs';
import type { NodeTaint } from '../compute/accelerator-node-config';

/** Prefix of every node-template tag the autoscaler reads. */
export const NODE_TEMPLATE_TAG_PREFIX = 'k8s.io/cluster-autoscaler/node-template';

/** What a node of a group carries: labels, taints, and the extended resources it advertises. */
export interface NodeTemplate {
  /** Node labels, as the node group sets them. */
  readonly labels: Readonly<Record<string, string>>;
  /** Node taints, in the EKS API's spelling (as the node group sets them). */
  readonly taints: readonly NodeTaint[];
  /** Resources a node advertises beyond CPU and memory, as Kubernetes quantities (`nvidia.com/gpu: "8"`). */
  readonly resources: Readonly<Record<string, string>>;
}

/** Props of {@link NodeTemplateTags}. */
export interface NodeTemplateTagsProps {
  /** The managed node group whose ASG gets the tags. */
  readonly nodeGroup: EksNodeGroup;
  /** What its nodes carry. */
  readonly template: NodeTemplate;
}

/** The taint effect as the autoscaler's taint tag spells it (Kubernetes spelling). */
const EFFECTS: Readonly<Record<NodeTaint['effect'], string>> = { NO_SCHEDULE: 'NoSchedule', NO_EXECUTE: 'NoExecute', PREFER_NO_SCHEDULE: 'PreferNoSchedule' };

/** The tags (key → value) of a node template, sorted by key. */
export function nodeTemplateTags(template: NodeTemplate): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(template.labels)) tags[`${NODE_TEMPLATE_TAG_PREFIX}/label/${key}`] = value;
  for (const taint of template.taints) tags[`${NODE_TEMPLATE_TAG_PREFIX}/taint/${taint.key}`] = `${taint.value}:${EFFECTS[taint.effect]}`;
  for (const [name, quantity] of Object.entries(template.resources)) tags[`${NODE_TEMPLATE_TAG_PREFIX}/resources/${name}`] = quantity;
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
}

/** One `aws_autoscaling_group_tag` per node-template tag on a managed node group's ASG. */
export class NodeTemplateTags extends Construct {
  /** The tag resources, by tag key. */
  readonly tags: Readonly<Record<string, AutoscalingGroupTag>>;

  constructor(scope: Construct, id: string, props: NodeTemplateTagsProps) {
    super(scope, id);
    const asgName = props.nodeGroup.resources.get(0).autoscalingGroups.get(0).name;
    this.tags = Object.fromEntries(
      Object.entries(nodeTemplateTags(props.template)).map(([key, value]) => [
        key,
        // The id is the key below the prefix, so the Terraform address says which tag it is.
        new AutoscalingGroupTag(this, key.slice(NODE_TEMPLATE_TAG_PREFIX.length + 1).replace(/\//g, '-'), {
          autoscalingGroupName: asgName,
          tag: { key, value, propagateAtLaunch: false },
        }),
      ]),
    );
  }
}
