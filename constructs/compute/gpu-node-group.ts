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
import { AUTOSCALER_GPU_LABEL, NODE_GROUP_LABEL, acceleratorBootScripts, acceleratorTaint, amiTypeFor, nodeLabels, type NodeWorkload } from './accelerator-node-config';
import { ComputeError } from './compute-error';
import type { EfaAttachment } from './efa-fabric';
import { DEFAULT_ROOT_VOLUME_GIB, NodeLaunchTemplate, type NodeLaunchTemplateProps } from './node-launch-template';
import type { NodeTemplate } from '../autoscaling/node-template-tags';
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';

/**
 * How EC2 bills the nodes (EKS `capacityType`): on demand (optionally inside an On-Demand
 * Capacity Reservation), spot (cheaper, reclaimable with 2 minutes' notice), or an EC2
 * Capacity Block for ML (prepaid, only inside the block's window).
 */
export type CapacityType = 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';

/** On demand unless asked: spot is only for work that survives losing a node (NEEDS-v1 `interruptible`). */
export const DEFAULT_CAPACITY_TYPE: CapacityType = 'ON_DEMAND';

/**
 * Share of the root volume the kubelet lets pods use: its default hard eviction threshold is
 * `nodefs.available<10%` (Kubernetes, "Node-pressure Eviction"), so a pod may count on 90%.
 */
const EPHEMERAL_STORAGE_SHARE = 0.9;

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
   * On-demand, spot or Capacity Block capacity.
   * @default DEFAULT_CAPACITY_TYPE
   */
  readonly capacityType?: CapacityType;
  /**
   * The capacity reservation the nodes launch into: required with CAPACITY_BLOCK (the block's
   * reservation id); with ON_DEMAND, an On-Demand Capacity Reservation to target. Its zone must
   * be the zone of `subnetIds` (a reservation lives in one zone).
   * @default - none: plain on-demand or spot capacity
   */
  readonly capacityReservationId?: string;
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
  /**
   * What every node of the group carries (labels, taints, extended resources), for the Cluster
   * Autoscaler's node-template tags (../autoscaling/node-template-tags.ts) and Kueue's flavors.
   */
  readonly template: NodeTemplate;

  constructor(scope: Construct, id: string, props: GpuNodeGroupProps) {
    super(scope, id);
    const desiredSize = props.desiredSize ?? props.minSize;
    this.validate(props, desiredSize);

    const capacityType = props.capacityType ?? DEFAULT_CAPACITY_TYPE;
    const block = capacityType === 'CAPACITY_BLOCK';
    this.launchTemplate = new NodeLaunchTemplate(this, 'launch-template', {
      ...props.launchOptions,
      name: props.name,
      instance: props.instance,
      efa: props.efa,
      clusterSecurityGroupId: props.clusterSecurityGroupId,
      userDataParts: acceleratorBootScripts(props.instance),
      capacity: props.capacityReservationId === undefined ? undefined : { kind: block ? 'capacity-block' : 'reservation', reservationId: props.capacityReservationId },
    });
    const labels = this.labels(props);
    const taint = acceleratorTaint(props.instance);
    this.template = { labels, taints: [taint], resources: nodeResources(props) };
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      // A Capacity Block's instance type lives in the launch template (EKS rejects it in both places).
      ...(block ? {} : { instanceTypes: [props.instance.name] }),
      amiType: amiTypeFor(props.instance),
      capacityType,
      scalingConfig: { minSize: props.minSize, maxSize: props.maxSize, desiredSize },
      updateConfig: { maxUnavailable: MAX_UNAVAILABLE_DURING_UPDATE },
      launchTemplate: { id: this.launchTemplate.launchTemplateId, version: this.launchTemplate.latestVersion },
      labels,
      taint: [taint],
      lifecycle: { ignoreChanges: [DESIRED_SIZE_PATH] },
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
    });
  }

  /** The node labels (the inferred ones, the node group's name, and the autoscaler's GPU label on NVIDIA nodes), with the construct path in the error when a reserved key is used. */
  private labels(props: GpuNodeGroupProps): Record<string, string> {
    try {
      const gpu: Record<string, string> = ACCELERATOR_SPECS[props.instance.accelerator].vendor === 'nvidia' ? { [AUTOSCALER_GPU_LABEL]: `nvidia-${props.instance.accelerator}` } : {};
      return { ...nodeLabels(props.instance, props.workload, props.efa !== undefined, props.labels), [NODE_GROUP_LABEL]: props.name, ...gpu };
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
    const capacityType = props.capacityType ?? DEFAULT_CAPACITY_TYPE;
    if (capacityType === 'CAPACITY_BLOCK' && props.capacityReservationId === undefined) {
      throw new ComputeError(where, `capacityReservationId is required with capacityType CAPACITY_BLOCK: the launch template must target the Capacity Block's reservation (cr-...)`);
    }
    if (capacityType === 'SPOT' && props.capacityReservationId !== undefined) {
      throw new ComputeError(where, `capacityReservationId ${props.capacityReservationId} is set with capacityType SPOT; capacity reservations hold on-demand capacity, so use ON_DEMAND (a reservation) or CAPACITY_BLOCK`);
    }
    if (props.capacityReservationId !== undefined && props.subnetIds.length !== 1) {
      throw new ComputeError(where, `subnetIds must hold exactly the one subnet in the reservation's zone with capacityReservationId, got ${props.subnetIds.length}: a reservation lives in one Availability Zone and instances elsewhere cannot use it`);
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

/**
 * The extended resources a node advertises once its device plugins run: its accelerator chips,
 * its EFA interfaces on a fabric, and the ephemeral storage pods may use (the root volume less
 * the kubelet's eviction reserve).
 */
function nodeResources(props: GpuNodeGroupProps): Record<string, string> {
  const rootGiB = props.launchOptions?.rootVolumeSizeGiB ?? DEFAULT_ROOT_VOLUME_GIB;
  return {
    [ACCELERATOR_SPECS[props.instance.accelerator].deviceResource]: String(props.instance.chips),
    ...(props.efa ? { [EFA_RESOURCE]: String(props.instance.efaInterfaces) } : {}),
    'ephemeral-storage': `${Math.floor(rootGiB * EPHEMERAL_STORAGE_SHARE)}Gi`,
  };
}

/** The extended resource the EFA device plugin advertises, one per EFA interface. */
export const EFA_RESOURCE = 'vpc.amazonaws.com/efa';
