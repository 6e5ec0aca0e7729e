/**
 * The shared fabric multi-node training nodes talk over: a cluster placement group (nodes on
 * the same low-latency network spine in one Availability Zone) and the security group EFA
 * requires, which admits all traffic from and to itself and nothing else.
 *
 * EFA's OS-bypass traffic needs a security group that allows all traffic to and from the group
 * itself, in both directions: EC2 User Guide, "Get started with EFA", step "Prepare an
 * EFA-enabled security group" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-start.html);
 * AWS PCS gives the same two rules as CLI calls, `--protocol -1 --source-group <itself>`
 * (https://docs.aws.amazon.com/pcs/latest/userguide/working-with_networking_efa_create-sg.html).
 * Control-plane, DNS and image traffic go through the cluster security group the interfaces
 * also carry, so this group needs no CIDR rule at all.
 *
 * Node groups attach to the fabric with `{ placementGroupName, securityGroupId }`
 * ({@link EfaAttachment}); their launch template builds the interfaces with
 * `efaNetworkInterfaces` (./efa-network-interfaces).
 */
import { PlacementGroup } from '@cdktf/provider-aws/lib/placement-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ComputeError } from './compute-error';

/**
 * Placement strategy: `cluster` packs instances close together in one AZ for the lowest
 * latency and highest per-flow throughput, which is what NCCL collectives over EFA want.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html#placement-groups-cluster
 */
export const EFA_PLACEMENT_STRATEGY = 'cluster';

/** `-1` means every protocol and port: EFA needs all of it, not just TCP. */
const ALL_TRAFFIC = '-1';

/** Resource names: letters, digits and hyphens, so the name works for a placement group and a security group alike. */
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/;

/** What a node group needs to join an EFA fabric. */
export interface EfaAttachment {
  /** Name of the cluster placement group the nodes launch into; absent for reserved capacity, which is placed where it was reserved. */
  readonly placementGroupName?: string;
  /** ID of the self-referencing EFA security group, put on every EFA interface. */
  readonly securityGroupId: string;
}

/** Props of {@link EfaFabric}. */
export interface EfaFabricProps {
  /** Name of the placement group and the security group, e.g. `acme-ml-efa`. */
  readonly name: string;
  /** The VPC the security group belongs to (the cluster's VPC). */
  readonly vpcId: string;
  /**
   * Create the cluster placement group. False for nodes in a capacity reservation: a Capacity
   * Block is already placed inside an EC2 UltraCluster ("there is no need to use a cluster
   * placement group with a Capacity Block", EC2 User Guide, "Work with Capacity Blocks"), and
   * an On-Demand Capacity Reservation is placed where it was created.
   * @default true
   */
  readonly placementGroup?: boolean;
}

/** A cluster placement group and the EFA security group. */
export class EfaFabric extends Construct implements EfaAttachment {
  /** The cluster placement group, unless the fabric is built without one. */
  readonly placementGroup?: PlacementGroup;
  /** The EFA security group (self-referencing rules only). */
  readonly securityGroup: SecurityGroup;
  /** Name of the placement group, for the launch template's `placement.group_name`; absent without one. */
  readonly placementGroupName?: string;
  /** ID of the EFA security group. */
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: EfaFabricProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !NAME_PATTERN.test(props.name)) {
      throw new ComputeError(this.node.path, `name must be 1 to 63 letters, digits or hyphens, starting with a letter or digit, got "${props.name}"`);
    }
    if (props.placementGroup ?? true) {
      this.placementGroup = new PlacementGroup(this, 'placement-group', {
        name: props.name,
        strategy: EFA_PLACEMENT_STRATEGY,
        tags: { Name: props.name },
      });
    }
    // No inline rules: the provider then revokes the allow-all egress rule EC2 adds to a new
    // group, so the two rules below are the group's only rules.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.name,
      description: 'EFA: all traffic between members of this group only',
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    new VpcSecurityGroupIngressRule(this, 'ingress-from-self', {
      securityGroupId: this.securityGroup.id,
      description: 'EFA: all traffic from members of this group',
      ipProtocol: ALL_TRAFFIC,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'egress-to-self', {
      securityGroupId: this.securityGroup.id,
      description: 'EFA: all traffic to members of this group',
      ipProtocol: ALL_TRAFFIC,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    this.placementGroupName = this.placementGroup?.name;
    this.securityGroupId = this.securityGroup.id;
  }
}
