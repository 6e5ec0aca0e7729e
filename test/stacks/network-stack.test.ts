import { App } from 'cdktf';
import { NetworkStack } from '../../stacks/network-stack';
import { needsWith } from '../support/needs-fixtures';
import { resourcesOf, synthStack } from '../support/synth-json';

const ref = { name: 'acme-ml-network', role: 'network' } as const;
const build = (patch: Record<string, unknown> = {}) => {
  const stack = new NetworkStack(new App(), ref, { needs: needsWith(patch), strategy: 'cloud-first' });
  return { stack, json: synthStack(stack) };
};

describe('NetworkStack', () => {
  test('the AWS provider in the needs region with the project default tags', () => {
    const { json } = build({ cloud: { region: 'eu-central-1' }, environment: 'staging' });
    expect(json.provider?.aws).toEqual([
      {
        region: 'eu-central-1',
        default_tags: [
          {
            tags: {
              'tracklayer:project': 'acme-ml',
              'tracklayer:environment': 'staging',
              'tracklayer:strategy': 'cloud-first',
              'tracklayer:stack': 'acme-ml-network',
              'managed-by': 'tracklayer',
            },
          },
        ],
      },
    ]);
  });

  test('subnets in cloud.availabilityZones zones named by zone ID of the region', () => {
    const { json } = build({ cloud: { region: 'eu-central-1', availabilityZones: 2, vpcCidr: '10.20.0.0/16' } });
    const zones = resourcesOf(json, 'aws_subnet').map((s) => s.availability_zone_id);
    expect([...new Set(zones)].sort()).toEqual(['euc1-az1', 'euc1-az2']);
    expect(resourcesOf(json, 'aws_vpc')[0]).toMatchObject({ cidr_block: '10.20.0.0/16' });
  });

  test('NAT: one per zone in prod, one otherwise', () => {
    expect(resourcesOf(build({ environment: 'prod' }).json, 'aws_nat_gateway')).toHaveLength(3);
    expect(resourcesOf(build({ environment: 'dev' }).json, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(build({ environment: 'staging' }).json, 'aws_nat_gateway')).toHaveLength(1);
  });

  test('endpoints and flow logs are part of the stack', () => {
    const { json } = build();
    expect(resourcesOf(json, 'aws_vpc_endpoint')).toHaveLength(6);
    expect(resourcesOf(json, 'aws_flow_log')).toHaveLength(1);
  });

  test('no plan-time data source calls an AWS API', () => {
    expect(build().json.data).toBeUndefined();
  });

  test('typed outputs for consuming stacks and Terraform outputs for people', () => {
    const { stack, json } = build();
    expect(stack.outputs.zoneIds).toEqual(['use1-az1', 'use1-az2', 'use1-az4']);
    expect(stack.outputs.privateSubnetIds).toHaveLength(3);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['private_subnet_ids', 'public_subnet_ids', 's3_endpoint_id', 'vpc_id']);
  });
});

describe('NetworkStack: resource addresses are a contract', () => {
  // A Terraform address comes from the construct path: renaming a construct id destroys and
  // re-creates the resource. These addresses must only change on purpose.
  test.each([
    ['aws_vpc', 'vpc_6776A399'],
    ['aws_subnet', 'vpc_private-use1-az1_0B7E88D0'],
    ['aws_subnet', 'vpc_public-use1-az1_79885318'],
    ['aws_nat_gateway', 'vpc_nat-use1-az1_39D809C5'],
    ['aws_vpc_endpoint', 'endpoints_s3_6279BB42'],
    ['aws_flow_log', 'flow-logs_flow-log_2E4F04EC'],
    ['aws_cloudwatch_log_group', 'flow-logs_log-group_BD9661F8'],
  ])('%s.%s', (type, address) => {
    expect(Object.keys(build({ environment: 'prod' }).json.resource?.[type] ?? {})).toContain(address);
  });
});

describe('NetworkStack: the private path from on premises (hybrid)', () => {
  const onPrem = { kubeContext: 'dc1', gpuNodes: 4, networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };
  const hybrid = () => {
    const stack = new NetworkStack(new App(), ref, { needs: needsWith({ business: { dataSensitivity: 'high' }, onPrem }), strategy: 'hybrid' });
    return { stack, json: synthStack(stack) };
  };

  test('GIVEN hybrid THEN an S3 interface endpoint, an Athena endpoint and an inbound resolver, with their ids as typed outputs for the lakehouse', () => {
    const { stack, json } = hybrid();
    const interfaces = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.tags && String((e.tags as Record<string, string>).Name).match(/s3-interface|athena$/));
    expect(interfaces).toHaveLength(2);
    expect(resourcesOf(json, 'aws_route53_resolver_endpoint')).toHaveLength(1);
    expect(stack.outputs.onPrem).toEqual({ s3InterfaceEndpointId: expect.any(String), athenaEndpointId: expect.any(String) });
    expect(Object.keys(json.output ?? {})).toEqual(expect.arrayContaining(['on_prem_dns_resolver_ips', 's3_interface_endpoint_id', 's3_interface_endpoint_url', 'athena_endpoint_id']));
  });

  test('GIVEN cloud-first (even with an onPrem section) THEN none of it', () => {
    const { stack, json } = build({ onPrem });
    expect(resourcesOf(json, 'aws_route53_resolver_endpoint')).toEqual([]);
    expect(stack.outputs.onPrem).toBeUndefined();
  });
});
