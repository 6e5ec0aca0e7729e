/**
 * A VPC with a public and a private subnet per zone, NAT for egress, and route tables.
 * Nodes live in private subnets with no public IPs; public subnets hold only NAT gateways
 * and load balancers. The default security group is emptied so nothing uses it by accident.
 */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { layoutSubnets } from './subnet-layout';

/** Props of {@link VpcNetwork}. */
export interface VpcNetworkProps {
  /** Prefix of every Name tag, e.g. `acme-ml`. */
  readonly namePrefix: string;
  /** The VPC CIDR block (validated: /16 to /20, private space). */
  readonly cidr: string;
  /** Availability Zone IDs to span, in order (1 to 6). */
  readonly zoneIds: readonly string[];
  /**
   * One NAT gateway per zone, so losing a zone does not cut egress for the others.
   * @default true - production-safe; a single NAT gateway halves the cost for dev and staging
   */
  readonly natGatewayPerZone?: boolean;
  /**
   * Tag the subnets for EKS load balancer discovery (`kubernetes.io/role/elb`, `internal-elb`).
   * @default true
   */
  readonly tagForKubernetes?: boolean;
}

/** One zone's subnets and private route table. */
export interface NetworkZone {
  readonly zoneId: string;
  readonly privateSubnet: Subnet;
  readonly publicSubnet: Subnet;
  readonly privateRouteTable: RouteTable;
}

/** The VPC, its subnets, NAT and routes. */
export class VpcNetwork extends Construct {
  /** The VPC. */
  readonly vpc: Vpc;
  /** Per-zone subnets and route tables, in zone order. */
  readonly zones: readonly NetworkZone[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const name = props.namePrefix;
    const kubernetesTags = props.tagForKubernetes ?? true;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true, // interface endpoints with private DNS need both
      enableDnsHostnames: true,
      tags: { Name: `${name}-vpc` },
    });
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id, tags: { Name: `${name}-default-unused` } });
    const internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: `${name}-igw` } });
    const publicRouteTable = new RouteTable(this, 'public-route-table', { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, 'public-default-route', { routeTableId: publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id });

    const layout = layoutSubnets(props.cidr, props.zoneIds);
    const natPerZone = props.natGatewayPerZone ?? true;
    const natGateways: NatGateway[] = [];
    this.zones = layout.map((zone, index) => {
      const publicSubnet = new Subnet(this, `public-${zone.zoneId}`, {
        vpcId: this.vpc.id,
        cidrBlock: zone.publicCidr,
        availabilityZoneId: zone.zoneId,
        mapPublicIpOnLaunch: false, // NAT gateways get Elastic IPs; nothing else should be public
        tags: { Name: `${name}-public-${zone.zoneId}`, ...(kubernetesTags ? { 'kubernetes.io/role/elb': '1' } : {}) },
      });
      new RouteTableAssociation(this, `public-${zone.zoneId}-routes`, { subnetId: publicSubnet.id, routeTableId: publicRouteTable.id });
      if (natPerZone || index === 0) {
        const eip = new Eip(this, `nat-${zone.zoneId}-ip`, { domain: 'vpc', tags: { Name: `${name}-nat-${zone.zoneId}` } });
        natGateways.push(
          new NatGateway(this, `nat-${zone.zoneId}`, {
            subnetId: publicSubnet.id,
            allocationId: eip.allocationId,
            tags: { Name: `${name}-nat-${zone.zoneId}` },
            dependsOn: [internetGateway],
          }),
        );
      }
      const privateSubnet = new Subnet(this, `private-${zone.zoneId}`, {
        vpcId: this.vpc.id,
        cidrBlock: zone.privateCidr,
        availabilityZoneId: zone.zoneId,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-private-${zone.zoneId}`, ...(kubernetesTags ? { 'kubernetes.io/role/internal-elb': '1' } : {}) },
      });
      const privateRouteTable = new RouteTable(this, `private-${zone.zoneId}-route-table`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-${zone.zoneId}` } });
      new Route(this, `private-${zone.zoneId}-default-route`, {
        routeTableId: privateRouteTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateways[natPerZone ? index : 0].id,
      });
      new RouteTableAssociation(this, `private-${zone.zoneId}-routes`, { subnetId: privateSubnet.id, routeTableId: privateRouteTable.id });
      return { zoneId: zone.zoneId, privateSubnet, publicSubnet, privateRouteTable };
    });
  }
}
