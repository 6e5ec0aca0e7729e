import { VpcNetwork, type VpcNetworkProps } from '../../../constructs/network/vpc-network';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props: VpcNetworkProps = { namePrefix: 'acme-ml', cidr: '10.0.0.0/16', zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'] };
const synth = (overrides: Partial<VpcNetworkProps> = {}) => synthConstruct((scope) => new VpcNetwork(scope, 'vpc', { ...props, ...overrides }));

describe('VpcNetwork', () => {
  test('GIVEN defaults THEN a VPC with DNS, a public and a private subnet per zone by zone ID', () => {
    const json = synth();
    expect(resourcesOf(json, 'aws_vpc')).toEqual([expect.objectContaining({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true })]);
    const subnets = resourcesOf(json, 'aws_subnet');
    expect(subnets).toHaveLength(6);
    expect(subnets.map((s) => s.availability_zone_id).sort()).toEqual(['use1-az1', 'use1-az1', 'use1-az2', 'use1-az2', 'use1-az4', 'use1-az4']);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(subnets.some((s) => 'availability_zone' in s)).toBe(false);
  });

  test('subnets carry the EKS load balancer discovery tags', () => {
    const subnets = resourcesOf(synth(), 'aws_subnet');
    expect(subnets.filter((s) => (s.tags as Record<string, string>)['kubernetes.io/role/internal-elb'] === '1')).toHaveLength(3);
    expect(subnets.filter((s) => (s.tags as Record<string, string>)['kubernetes.io/role/elb'] === '1')).toHaveLength(3);
  });

  test('GIVEN natGatewayPerZone default THEN one NAT gateway and Elastic IP per zone, each private route to its own zone', () => {
    const json = synth();
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(3);
    const natRoutes = resourcesOf(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(3);
  });

  test('GIVEN natGatewayPerZone false THEN one NAT gateway shared by every private route table', () => {
    const json = synth({ natGatewayPerZone: false });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    const natRoutes = resourcesOf(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  test('the default security group is managed with no rules', () => {
    const [group] = resourcesOf(synth(), 'aws_default_security_group');
    expect(group).toBeDefined();
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test('only the public route table routes to the internet gateway', () => {
    const igwRoutes = resourcesOf(synth(), 'aws_route').filter((r) => r.gateway_id);
    expect(igwRoutes).toHaveLength(1);
    expect(igwRoutes[0]).toMatchObject({ destination_cidr_block: '0.0.0.0/0', gateway_id: expect.stringContaining('aws_internet_gateway') });
  });
});
