/**
 * The launch template of an EKS managed node group (GPU, Trainium or system): IMDSv2 only, an
 * encrypted gp3 root volume sized for accelerator images, no public IP, and, for multi-node training, one
 * EFA interface per EFA-capable network card inside a cluster placement group.
 *
 * What it leaves out, on purpose (Amazon EKS User Guide, "Customize managed nodes with launch
 * templates", https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html):
 * - `image_id`: EKS picks the EKS-optimized AMI for the node group's `ami_type` and keeps
 *   merging its bootstrap user data; a custom AMI would make both our job.
 * - `instance_type`: set on the node group (`instance_types`), never in both places; except on
 *   a Capacity Block, where EKS requires it in the launch template (below).
 *
 * Reserved capacity (`capacity`): the template targets one capacity reservation by id
 * (`capacity_reservation_specification.capacity_reservation_target`), so every node launches
 * into it and nowhere else. A Capacity Block additionally needs
 * `instance_market_options.market_type = "capacity-block"` and the instance type in the
 * template (EKS User Guide, "Create a managed node group with Capacity Blocks for ML",
 * https://docs.aws.amazon.com/eks/latest/userguide/capacity-blocks-mng.html). No placement
 * group with a reservation: "Capacity Blocks deliver low-latency, high-throughput network
 * connectivity between the instances inside the Capacity Block, so there is no need to use a
 * cluster placement group" (EC2 User Guide, "Work with Capacity Blocks"), and an On-Demand
 * Capacity Reservation is placed where it was created (a reservation made inside a cluster
 * placement group already is one); the fabric then passes no placement group.
 * - subnets and the IAM instance profile: prohibited in the launch template; the node group's
 *   subnets and node role apply.
 * - security groups without EFA: none, so EKS attaches the cluster security group itself.
 *   With EFA the groups go on every network interface and nowhere else ("you can't create a
 *   launch template that specifies both instance level and network interface security groups"),
 *   and because EKS then no longer adds the cluster security group, it is passed in and put
 *   on the interfaces next to the EFA group.
 * - remote access (SSH): a node group with a launch template cannot have a remote_access block.
 * User data only when the node group has boot scripts (`userDataParts`, e.g. the NVIDIA
 * container toolkit settings of GPU nodes): MIME multi-part, which EKS merges with its own.
 * Without EFA there is no network interface block, so no public IP rests on the subnets: the
 * node groups run in private subnets that never map public IPs (see VpcNetwork).
 */
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ComputeError, EfaNotSupportedError } from './compute-error';
import type { EfaAttachment } from './efa-fabric';
import { efaNetworkInterfaces, type EfaInstance } from './efa-network-interfaces';
import { base64UserData, mimeUserData, type UserDataPart } from './node-user-data';

/**
 * IMDS hop limit 1: with IMDSv2 required, the token's response cannot cross the extra hop into
 * a pod network namespace, so pods cannot borrow the node role (EKS Best Practices, "Restrict
 * access to the instance profile assigned to the worker node",
 * https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html).
 * Pods get AWS access from EKS Pod Identity instead. Raise to 2 only for an add-on that
 * documents needing IMDS from a pod (the EKS launch template page says to use 2 "if any
 * containers ... use the Instance Metadata Service Version 2"), e.g. the AWS Load Balancer
 * Controller run without its --aws-region and --aws-vpc-id flags.
 */
export const DEFAULT_METADATA_HOP_LIMIT = 1;
/** EC2 accepts 1 to 64 hops; beyond 2 no container setup needs more, so more only widens access. */
const MAX_METADATA_HOP_LIMIT = 2;

/**
 * Root volume of 200 GiB. EKS's default is 20 GiB, sized for CPU nodes; on AL2023 the root
 * volume also holds containerd's image store, and accelerator images (CUDA, PyTorch, NeMo,
 * Neuron SDK) are 10-30 GB each, stored both compressed and unpacked. 200 GiB keeps a few
 * such images plus logs under kubelet's image-GC threshold (85% by default), for about $16 a
 * month in us-east-1: noise next to a GPU node. Datasets and checkpoints belong on instance
 * storage, FSx or S3, not here.
 */
export const DEFAULT_ROOT_VOLUME_GIB = 200;
/** Smallest root volume accepted: EKS's own default disk size; a smaller one cannot hold the AMI. */
const MIN_ROOT_VOLUME_GIB = 20;

/**
 * gp3 performance: 3000 IOPS is the baseline included in the gp3 price; 250 MiB/s doubles the
 * 125 MiB/s baseline because pulling and unpacking multi-GB image layers is throughput-bound
 * (about $5 a month extra). EBS User Guide, "General Purpose SSD volumes",
 * https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
 */
const ROOT_VOLUME_IOPS = 3000;
const ROOT_VOLUME_THROUGHPUT_MIBPS = 250;

/** Root device of the EKS-optimized AL2023 AMIs (standard, NVIDIA and Neuron); another name would add a second volume instead of sizing the root. */
export const ROOT_DEVICE_NAME = '/dev/xvda';

/** The capacity reservation a template launches into. */
export interface ReservedLaunchCapacity {
  /** `capacity-block`: an EC2 Capacity Block for ML; `reservation`: an On-Demand Capacity Reservation. */
  readonly kind: 'capacity-block' | 'reservation';
  /** The reservation id, `cr-` and 17 hex digits. */
  readonly reservationId: string;
}

/** A capacity reservation id (Capacity Blocks are capacity reservations too). */
const RESERVATION_ID_PATTERN = /^cr-[0-9a-f]{17}$/;

/** Props of {@link NodeLaunchTemplate}. */
export interface NodeLaunchTemplateProps {
  /** Name of the launch template, also the Name tag of its instances and volumes. */
  readonly name: string;
  /** The instance type the node group launches (a catalog entry, or any type without EFA); decides the EFA interfaces. */
  readonly instance: EfaInstance;
  /**
   * The EFA fabric to join: one EFA interface per EFA-capable network card, in the placement group.
   * @default - no EFA: no network interfaces, no placement group
   */
  readonly efa?: EfaAttachment;
  /**
   * The cluster security group (`aws_eks_cluster.vpc_config[0].cluster_security_group_id`).
   * Required with `efa`: the EFA interfaces' security groups replace the ones EKS would add.
   * @default - none; EKS attaches the cluster security group (only allowed without `efa`)
   */
  readonly clusterSecurityGroupId?: string;
  /**
   * Launch into this capacity reservation only (targeted).
   * @default - no reservation: on-demand or spot capacity as the node group says
   */
  readonly capacity?: ReservedLaunchCapacity;
  /**
   * Size of the root volume in GiB.
   * @default DEFAULT_ROOT_VOLUME_GIB
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * KMS key that encrypts the root volume.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly volumeKmsKeyArn?: string;
  /**
   * IMDSv2 response hop limit, 1 or 2.
   * @default DEFAULT_METADATA_HOP_LIMIT
   */
  readonly metadataHopLimit?: number;
  /**
   * Boot scripts (and NodeConfig parts) the nodes run before the kubelet starts, sent as MIME
   * multi-part user data that EKS merges with its own bootstrap part (./node-user-data).
   * @default - no user data: EKS's bootstrap alone
   */
  readonly userDataParts?: readonly UserDataPart[];
}

/** The launch template of one GPU node group. */
export class NodeLaunchTemplate extends Construct {
  /** The launch template. */
  readonly launchTemplate: LaunchTemplate;
  /** ID of the launch template. */
  readonly launchTemplateId: string;
  /** Latest version, as the string `aws_eks_node_group.launch_template.version` takes. */
  readonly latestVersion: string;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
    const hopLimit = props.metadataHopLimit ?? DEFAULT_METADATA_HOP_LIMIT;
    const rootVolumeSize = props.rootVolumeSizeGiB ?? DEFAULT_ROOT_VOLUME_GIB;
    this.validate(props, hopLimit, rootVolumeSize);

    const efa = props.efa;
    const securityGroups = efa ? [efa.securityGroupId, props.clusterSecurityGroupId as string] : [];
    const tags = { Name: props.name };
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: props.name,
      description: `EKS managed node group ${props.instance.name}${efa ? ' with EFA' : ''}`,
      updateDefaultVersion: true,
      ...(props.userDataParts && props.userDataParts.length > 0 ? { userData: base64UserData(mimeUserData(props.userDataParts)) } : {}),
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: hopLimit,
      },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE_NAME,
          ebs: {
            volumeType: 'gp3',
            volumeSize: rootVolumeSize,
            iops: ROOT_VOLUME_IOPS,
            throughput: ROOT_VOLUME_THROUGHPUT_MIBPS,
            encrypted: 'true',
            ...(props.volumeKmsKeyArn ? { kmsKeyId: props.volumeKmsKeyArn } : {}),
            deleteOnTermination: 'true',
          },
        },
      ],
      ...(efa ? { networkInterfaces: efaNetworkInterfaces(props.instance, securityGroups) } : {}),
      ...(efa?.placementGroupName ? { placement: { groupName: efa.placementGroupName } } : {}),
      ...(props.capacity ? reservedCapacity(props.capacity, props.instance.name) : {}),
      tagSpecifications: [
        { resourceType: 'instance', tags },
        { resourceType: 'volume', tags },
        { resourceType: 'network-interface', tags },
      ],
      tags,
    });
    this.launchTemplateId = this.launchTemplate.id;
    this.latestVersion = Token.asString(this.launchTemplate.latestVersion);
  }

  /** Fails on props that would be rejected at apply time or build an unreachable node. */
  private validate(props: NodeLaunchTemplateProps, hopLimit: number, rootVolumeSize: number): void {
    const where = this.node.path;
    if (!Token.isUnresolved(hopLimit) && (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > MAX_METADATA_HOP_LIMIT)) {
      throw new ComputeError(
        where,
        `metadataHopLimit must be 1 or 2, got ${hopLimit}; keep 1 unless an add-on documents that its pods need IMDS, then use 2`,
      );
    }
    if (!Token.isUnresolved(rootVolumeSize) && (!Number.isInteger(rootVolumeSize) || rootVolumeSize < MIN_ROOT_VOLUME_GIB)) {
      throw new ComputeError(where, `rootVolumeSizeGiB must be a whole number of at least ${MIN_ROOT_VOLUME_GIB}, got ${rootVolumeSize}`);
    }
    const reservationId = props.capacity?.reservationId;
    if (reservationId !== undefined && !Token.isUnresolved(reservationId) && !RESERVATION_ID_PATTERN.test(reservationId)) {
      throw new ComputeError(where, `capacity.reservationId must be a capacity reservation id such as cr-0123456789abcdef0, got "${reservationId}"`);
    }
    if (props.capacity && props.efa?.placementGroupName !== undefined) {
      throw new ComputeError(
        where,
        `efa.placementGroupName is set with a ${props.capacity.kind}: a reservation is placed where it was created (Capacity Blocks inside an EC2 UltraCluster), so launching into another placement group fails; build the fabric without a placement group`,
      );
    }
    if (props.efa === undefined) {
      if (props.clusterSecurityGroupId !== undefined) {
        throw new ComputeError(
          where,
          `clusterSecurityGroupId is only used with efa; without efa the launch template names no security group and EKS attaches the cluster security group, so drop it`,
        );
      }
      return;
    }
    if (props.instance.efaInterfaces < 1) throw new EfaNotSupportedError(where, props.instance);
    if (props.clusterSecurityGroupId === undefined) {
      throw new ComputeError(
        where,
        `clusterSecurityGroupId is required with efa: security groups on the EFA interfaces replace the cluster security group EKS would add, ` +
          `so without it nodes cannot reach the control plane; pass the cluster's cluster_security_group_id`,
      );
    }
  }
}

/** The launch template arguments that target a reservation (and, for a block, its market and instance type). */
function reservedCapacity(capacity: ReservedLaunchCapacity, instanceType: string) {
  const target = { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: capacity.reservationId } } };
  if (capacity.kind === 'reservation') return target;
  return { ...target, instanceMarketOptions: { marketType: 'capacity-block' }, instanceType };
}
