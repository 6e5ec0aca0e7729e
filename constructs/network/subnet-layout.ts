/**
 * How a VPC's address space is cut into per-zone subnets. Pure arithmetic, so the layout
 * is deterministic and testable without synthesis.
 *
 * The VPC is split in eighths. Zone i gets eighth i as its private subnet (large: the VPC CNI
 * gives every pod a VPC address, so GPU nodes and their pods live here). The last eighth is
 * split in eighths again for the public subnets (small: only NAT gateways and load balancers).
 * On a /16 that is a /19 private (8,190 addresses) and a /22 public subnet per zone; on a /20,
 * a /23 and a /26. Up to six zones fit, leaving the seventh eighth free for later use.
 */
import { Cidr } from '../../needs/ipv4';

/** Zones a VPC can span with this layout (eighths 0-5 private, 7 public). */
export const MAX_LAYOUT_ZONES = 6;

/** The subnets of one zone. */
export interface ZoneSubnets {
  /** Availability Zone ID, e.g. `use1-az1`. */
  readonly zoneId: string;
  /** CIDR of the private subnet (nodes, pods, interface endpoints). */
  readonly privateCidr: string;
  /** CIDR of the public subnet (NAT gateways, internet-facing load balancers). */
  readonly publicCidr: string;
}

/** The subnet CIDRs of each zone, in zone order. */
export function layoutSubnets(vpcCidr: string, zoneIds: readonly string[]): ZoneSubnets[] {
  if (zoneIds.length < 1 || zoneIds.length > MAX_LAYOUT_ZONES) {
    throw new Error(`a VPC layout spans 1 to ${MAX_LAYOUT_ZONES} zones, got ${zoneIds.length}`);
  }
  const vpc = Cidr.of(vpcCidr);
  const eighth = vpc.prefix + 3;
  const publicBlock = vpc.subnet(eighth, 7);
  return zoneIds.map((zoneId, index) => ({
    zoneId,
    privateCidr: vpc.subnet(eighth, index).toString(),
    publicCidr: publicBlock.subnet(eighth + 3, index).toString(),
  }));
}
