import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { OnPremPrivateAccess } from '../../../constructs/network/on-prem-private-access';
import { VpcEndpoints } from '../../../constructs/network/vpc-endpoints';
import { resourcesOf, type TerraformJson } from '../../support/synth-json';

function synth(): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'test');
  const endpoints = new VpcEndpoints(stack, 'endpoints', { namePrefix: 'acme-ml', region: 'us-east-2', vpcId: 'vpc-1', vpcCidr: '10.0.0.0/16', subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'], routeTableIds: ['rtb-a'] });
  const access = new OnPremPrivateAccess(stack, 'on-prem', {
    namePrefix: 'acme-ml',
    region: 'us-east-2',
    vpcId: 'vpc-1',
    vpcCidr: '10.0.0.0/16',
    onPremCidrs: ['10.50.0.0/16', '10.60.0.0/16'],
    subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
    s3Gateway: endpoints.s3Gateway,
  });
  new TerraformOutput(stack, 'ips', { value: access.resolverIps });
  new TerraformOutput(stack, 'url', { value: access.s3InterfaceEndpointUrl });
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

describe('OnPremPrivateAccess', () => {
  const json = synth();
  const endpoint = (service: string) => resourcesOf(json, 'aws_vpc_endpoint').find((e) => e.service_name === `com.amazonaws.us-east-2.${service}` && e.vpc_endpoint_type === 'Interface')!;
  const rules = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');

  test('GIVEN the VPC has the S3 gateway THEN an S3 interface endpoint whose private DNS answers only the inbound resolver (cloud pods keep the gateway), created after the gateway', () => {
    expect(endpoint('s3')).toMatchObject({ private_dns_enabled: true, dns_options: { private_dns_only_for_inbound_resolver_endpoint: true }, subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'] });
    expect(endpoint('s3').depends_on).toEqual([expect.stringMatching(/^aws_vpc_endpoint\.endpoints_s3_/)]);
  });

  test('an Athena interface endpoint with private DNS', () => {
    expect(endpoint('athena')).toMatchObject({ private_dns_enabled: true });
    expect(endpoint('athena')).not.toHaveProperty('dns_options');
  });

  test('HTTPS to the endpoints from the VPC and the on-prem networks; DNS (udp and tcp) to the resolver from the on-prem networks only; never the world', () => {
    expect(rules.filter((r) => r.from_port === 443 && /^HTTPS from \d/.test(String(r.description))).map((r) => r.cidr_ipv4)).toEqual(['10.0.0.0/16', '10.50.0.0/16', '10.60.0.0/16']);
    expect(rules.filter((r) => r.from_port === 53).map((r) => `${r.ip_protocol} ${r.cidr_ipv4}`).sort()).toEqual(['tcp 10.50.0.0/16', 'tcp 10.60.0.0/16', 'udp 10.50.0.0/16', 'udp 10.60.0.0/16']);
    expect(JSON.stringify(rules)).not.toContain('0.0.0.0/0');
  });

  test('an inbound resolver endpoint with two addresses in two subnets (the API minimum)', () => {
    expect(resourcesOf(json, 'aws_route53_resolver_endpoint')).toEqual([
      expect.objectContaining({ direction: 'INBOUND', protocols: ['Do53'], ip_address: [{ subnet_id: 'subnet-a' }, { subnet_id: 'subnet-b' }] }),
    ]);
  });

  test('outputs: the resolver addresses for the on-prem forwarders, and the endpoint-specific S3 URL', () => {
    expect(json.output?.ips?.value).toMatch(/^\$\{\[ for key, val in toset\(tolist\(aws_route53_resolver_endpoint\.on-prem_resolver_[0-9A-F]+\.ip_address\)\): val\.ip\]\}$/);
    expect(json.output?.url?.value).toMatch(/^https:\/\/\$\{replace\(aws_vpc_endpoint\.on-prem_s3-interface_[0-9A-F]+\.dns_entry\[0\]\.dns_name, "\*\.", "bucket\."\)\}$/);
  });
});
