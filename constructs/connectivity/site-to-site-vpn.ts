/**
 * A site-to-site VPN from the VPC to an on-prem network: a customer gateway for the on-prem
 * device, a virtual private gateway attached to the VPC, a VPN connection with two strong
 * tunnels (./vpn-tunnel-policy) and static routes to the on-prem networks, and route
 * propagation into the private route tables so nodes and pods reach on-prem directly.
 */
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { tunnelOptions } from './vpn-tunnel-policy';

/** A private ASN for the on-prem side when the network team has not assigned one (RFC 6996). */
export const DEFAULT_ON_PREM_BGP_ASN = 65000;

/** Props of {@link SiteToSiteVpn}. */
export interface SiteToSiteVpnProps {
  /** Prefix of Name tags. */
  readonly namePrefix: string;
  /** The VPC to attach the virtual private gateway to. */
  readonly vpcId: string;
  /** Private route tables that learn the on-prem routes. */
  readonly routeTableIds: readonly string[];
  /** Public IPv4 of the on-prem VPN device. */
  readonly peerIp: string;
  /** On-prem CIDRs reached over the tunnels (node network, pod network). */
  readonly onPremCidrs: readonly string[];
  /**
   * BGP ASN of the on-prem device (AWS requires one even with static routes).
   * @default DEFAULT_ON_PREM_BGP_ASN
   */
  readonly bgpAsn?: number;
}

/** The VPN and its routing. */
export class SiteToSiteVpn extends Construct {
  /** The VPN connection (tunnel addresses, pre-shared keys in state). */
  readonly connection: VpnConnection;
  /** The virtual private gateway. */
  readonly gateway: VpnGateway;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const asn = props.bgpAsn ?? DEFAULT_ON_PREM_BGP_ASN;
    if (!Token.isUnresolved(asn) && (!Number.isInteger(asn) || asn < 1 || asn > 4294967294)) {
      throw new Error(`${this.node.path}: bgpAsn must be an integer from 1 to 4294967294, got ${asn}`);
    }
    const customerGateway = new CustomerGateway(this, 'customer-gateway', {
      bgpAsn: String(asn),
      ipAddress: props.peerIp,
      type: 'ipsec.1',
      tags: { Name: `${props.namePrefix}-on-prem` },
    });
    this.gateway = new VpnGateway(this, 'vpn-gateway', { vpcId: props.vpcId, tags: { Name: `${props.namePrefix}-vgw` } });
    this.connection = new VpnConnection(this, 'connection', {
      customerGatewayId: customerGateway.id,
      vpnGatewayId: this.gateway.id,
      type: 'ipsec.1',
      staticRoutesOnly: true,
      ...(tunnelOptions(1) as Partial<VpnConnectionConfig>),
      ...(tunnelOptions(2) as Partial<VpnConnectionConfig>),
      tags: { Name: `${props.namePrefix}-site-to-site` },
    });
    props.onPremCidrs.forEach((cidr, index) => {
      new VpnConnectionRoute(this, `route-${index}`, { vpnConnectionId: this.connection.id, destinationCidrBlock: cidr });
    });
    props.routeTableIds.forEach((routeTableId, index) => {
      new VpnGatewayRoutePropagation(this, `propagation-${index}`, { vpnGatewayId: this.gateway.id, routeTableId });
    });
  }
}
