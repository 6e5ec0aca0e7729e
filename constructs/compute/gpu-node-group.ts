/**
 * An EKS managed node group of one accelerator instance type, with its own launch template
 * (./node-launch-template). AMI type, taint and labels are inferred from the instance type
 * (./accelerator-node-config), and so are the boot scripts (NVIDIA nodes: the container toolkit
 * settings that keep GPUs behind the device plugin, ./nvidia-container-toolkit); the caller states sizes, capacity type, workload and, for
 * multi-node training, the EFA fabric to join.
 *
 * Sizing and updates:
 * - `update_config.max_unavailable = 1`: a version or launch-template update replaces one node
 *   at a time, so a training job or a serving fleet loses at most one node's capacity, and an
 *   EFA group never asks its placement group for a whole new set of nodes at once.
 * - `lifecycle.ignore_changes = [scaling_config[0].desired_size]`: the Cluster Autoscaler (or
 *   a scheduler scaling a bursty group from 0) moves desired size at run time; without this,
 *   every apply would reset it to `desiredSize` and kill or strand nodes mid-job. min and max
 *   stay under Terraform's control. (Same advice in the aws_eks_node_group docs, "Ignoring
 *   Changes to Desired Size".)
 */
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { InstanceTypeSpec } from '../../catalog/instance-type';
import { acceleratorBootScripts, acceleratorTaint, amiTypeFor, nodeLabels, type NodeWorkload } from './accelerator-node-config';
import { ComputeError } from './compute-error';
import type { EfaAttachment } from './efa-fabric';
import { NodeLaunchTemplate, type NodeLaunchTemplateProps } from './node-launch-template';

/** How EC2 bills the nodes: on demand, or spot (cheaper, reclaimable with 2 minutes' notice). */
export type CapacityType = 'ON_DEMAND' | 'SPOT';

/** On demand unless asked: spot is only for work that survives losing a node (NEEDS-v1 `interruptible`). */
export const DEFAULT_CAPACITY_TYPE: CapacityType = 'ON_DEMAND';

/** One node replaced at a time during updates (see the file comment). */
export const MAX_UNAVAILABLE_DURING_UPDATE = 1;

/** The scaling argument autoscalers own at run time. */
export const DESIRED_SIZE_PATH = 'scaling_config[0].desired_size';

/** EKS node group names: 1 to 63 letters, digits, hyphens and underscores, starting with a letter or digit (CreateNodegroup). */
const NODE_GROUP_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]{0,62}$/;

/** Launch template settings a node group passes through. */
export type GpuNodeGroupLaunchOptions = Pick<NodeLaunchTemplateProps, 'rootVolumeSizeGiB' | 'volumeKmsKeyArn' | 'metadataHopLimit'>;

/** Props of {@link GpuNodeGroup}. */
export interface GpuNodeGroupProps {
  /** Name of the EKS cluster the nodes join. */
  readonly clusterName: string;
  /** Name of the node group and of its launch template, e.g. `acme-ml-train-p5`. */
  readonly name: string;
  /** ARN of the node IAM role (see NodeRole). */
  readonly nodeRoleArn: string;
  /** Private subnets to launch nodes in; exactly one with `efa`, all the cluster's otherwise to spread over zones. */
  readonly subnetIds: readonly string[];
  /** The instance type every node uses, from the catalog. */
  readonly instance: InstanceTypeSpec;
  /** Fewest nodes; 0 lets a bursty group scale to nothing. */
  readonly minSize: number;
  /** Most nodes; at least 1. */
  readonly maxSize: number;
  /**
   * Nodes at creation; autoscalers own it afterwards (ignored on later applies).
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * On-demand or spot capacity.
   * @default DEFAULT_CAPACITY_TYPE
   */
  readonly capacityType?: CapacityType;
  /** What the nodes run; becomes the `tracklayer.dev/workload` label. */
  readonly workload: NodeWorkload;
  /**
   * The EFA fabric to join (multi-node training). Requires one subnet and `clusterSecurityGroupId`.
   * @default - no EFA
   */
  readonly efa?: EfaAttachment;
  /**
   * The cluster security group, put on the EFA interfaces next to the EFA group.
   * @default - none; required with `efa`, not allowed without it
   */
  readonly clusterSecurityGroupId?: string;
  /**
   * Extra Kubernetes labels; keys under `tracklayer.dev/` are reserved for the inferred ones.
   * @default - only the inferred labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Root volume and metadata settings of the launch template.
   * @default - the NodeLaunchTemplate defaults
   */
  readonly launchOptions?: GpuNodeGroupLaunchOptions;
  /**
   * Resources the node group waits for, e.g. `NodeRole.policyAttachments`.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A managed node group of one accelerator instance type and its launch template. */
export class GpuNodeGroup extends Construct {
  /** The launch template the nodes boot from. */
  readonly launchTemplate: NodeLaunchTemplate;
  /** The node group. */
  readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: GpuNodeGroupProps) {
    super(scope, id);
    const desiredSize = props.desiredSize ?? props.minSize;
    this.validate(props, desiredSize);

    this.launchTemplate = new NodeLaunchTemplate(this, 'launch-template', {
      ...props.launchOptions,
      name: props.name,
      instance: props.instance,
      efa: props.efa,
      clusterSecurityGroupId: props.clusterSecurityGroupId,
      userDataParts: acceleratorBootScripts(props.instance),
    });
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      instanceTypes: [props.instance.name],
      amiType: amiTypeFor(props.instance),
      capacityType: props.capacityType ?? DEFAULT_CAPACITY_TYPE,
      scalingConfig: { minSize: props.minSize, maxSize: props.maxSize, desiredSize },
      updateConfig: { maxUnavailable: MAX_UNAVAILABLE_DURING_UPDATE },
      launchTemplate: { id: this.launchTemplate.launchTemplateId, version: this.launchTemplate.latestVersion },
      labels: this.labels(props),
      taint: [acceleratorTaint(props.instance)],
      lifecycle: { ignoreChanges: [DESIRED_SIZE_PATH] },
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
    });
  }

  /** The node labels, with the construct path in the error when a reserved key is used. */
  private labels(props: GpuNodeGroupProps): Record<string, string> {
    try {
      return nodeLabels(props.instance, props.workload, props.efa !== undefined, props.labels);
    } catch (error) {
      if (error instanceof ComputeError) throw new ComputeError(this.node.path, error.message);
      throw error;
    }
  }

  /** Fails on sizes and placements EKS would reject, or that would build a broken fabric. */
  private validate(props: GpuNodeGroupProps, desiredSize: number): void {
    const where = this.node.path;
    const { minSize, maxSize } = props;
    if (!Token.isUnresolved(props.name) && !NODE_GROUP_NAME_PATTERN.test(props.name)) {
      throw new ComputeError(where, `name must be 1 to 63 letters, digits, hyphens or underscores, starting with a letter or digit, got "${props.name}"`);
    }
    if (!Token.isUnresolved(minSize) && (!Number.isInteger(minSize) || minSize < 0)) {
      throw new ComputeError(where, `minSize must be a whole number of at least 0, got ${minSize}`);
    }
    if (!Token.isUnresolved(maxSize) && (!Number.isInteger(maxSize) || maxSize < 1)) {
      throw new ComputeError(where, `maxSize must be a whole number of at least 1 (EKS rejects 0; leave the node group out instead), got ${maxSize}`);
    }
    if (!Token.isUnresolved(desiredSize) && !Number.isInteger(desiredSize)) {
      throw new ComputeError(where, `desiredSize must be a whole number, got ${desiredSize}`);
    }
    const resolved = [minSize, desiredSize, maxSize].every((n) => !Token.isUnresolved(n));
    if (resolved && !(minSize <= desiredSize && desiredSize <= maxSize)) {
      throw new ComputeError(
        where,
        `sizes must satisfy minSize <= desiredSize <= maxSize, got minSize ${minSize}, desiredSize ${desiredSize}, maxSize ${maxSize}; ` +
          `raise maxSize or lower minSize/desiredSize`,
      );
    }
    if (props.subnetIds.length === 0) {
      throw new ComputeError(where, `subnetIds is empty; pass the cluster's private subnets`);
    }
    if (props.efa !== undefined && props.subnetIds.length !== 1) {
      throw new ComputeError(
        where,
        `subnetIds must hold exactly one subnet with efa, got ${props.subnetIds.length} (${props.subnetIds.join(', ')}): ` +
          `a cluster placement group and EFA traffic stay inside one Availability Zone, so pass the one private subnet ` +
          `of the zone that has ${props.instance.name} capacity`,
      );
    }
  }
}
