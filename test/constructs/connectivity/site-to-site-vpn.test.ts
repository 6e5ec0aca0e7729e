import { DEFAULT_ON_PREM_BGP_ASN, SiteToSiteVpn } from '../../../constructs/connectivity/site-to-site-vpn';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props = { namePrefix: 'acme-ml', vpcId: 'vpc-1', routeTableIds: ['rtb-a', 'rtb-b'], peerIp: '203.0.113.10', onPremCidrs: ['10.50.0.0/16', '10.60.0.0/16'] };
const json = synthConstruct((scope) => new SiteToSiteVpn(scope, 'vpn', props));

describe('SiteToSiteVpn', () => {
  test('a customer gateway for the peer with the default private ASN', () => {
    expect(resourcesOf(json, 'aws_customer_gateway')).toEqual([expect.objectContaining({ ip_address: '203.0.113.10', bgp_asn: String(DEFAULT_ON_PREM_BGP_ASN), type: 'ipsec.1' })]);
  });

  test('a VPN gateway attached to the VPC and a static-route VPN connection', () => {
    expect(resourcesOf(json, 'aws_vpn_gateway')).toEqual([expect.objectContaining({ vpc_id: 'vpc-1' })]);
    expect(resourcesOf(json, 'aws_vpn_connection')[0]).toMatchObject({ static_routes_only: true, type: 'ipsec.1' });
    expect(resourcesOf(json, 'aws_vpn_connection_route').map((r) => r.destination_cidr_block)).toEqual(props.onPremCidrs);
    expect(resourcesOf(json, 'aws_vpn_gateway_route_propagation').map((r) => r.route_table_id)).toEqual(props.routeTableIds);
  });

  test.each([1, 2])('tunnel %i: IKEv2 only, AES-256, SHA-2 >= 256, DH groups >= 14', (n) => {
    const connection = resourcesOf(json, 'aws_vpn_connection')[0];
    expect(connection[`tunnel${n}_ike_versions`]).toEqual(['ikev2']);
    for (const phase of [1, 2]) {
      expect(connection[`tunnel${n}_phase${phase}_encryption_algorithms`]).toEqual(['AES256', 'AES256-GCM-16']);
      expect(connection[`tunnel${n}_phase${phase}_integrity_algorithms`]).toEqual(['SHA2-256', 'SHA2-384', 'SHA2-512']);
      expect(Math.min(...(connection[`tunnel${n}_phase${phase}_dh_group_numbers`] as number[]))).toBe(14);
    }
  });

  test('a custom ASN, and a bad one throws naming the prop', () => {
    const custom = synthConstruct((scope) => new SiteToSiteVpn(scope, 'vpn', { ...props, bgpAsn: 64512 }));
    expect(resourcesOf(custom, 'aws_customer_gateway')[0].bgp_asn).toBe('64512');
    expect(() => synthConstruct((scope) => new SiteToSiteVpn(scope, 'vpn', { ...props, bgpAsn: 0 }))).toThrow('bgpAsn must be an integer from 1 to 4294967294, got 0');
  });
});
