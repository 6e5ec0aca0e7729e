import { VpcEndpoints } from '../../../constructs/network/vpc-endpoints';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct(
  (scope) =>
    new VpcEndpoints(scope, 'endpoints', {
      namePrefix: 'acme-ml',
      region: 'eu-central-1',
      vpcId: 'vpc-123',
      vpcCidr: '10.0.0.0/16',
      subnetIds: ['subnet-a', 'subnet-b'],
      routeTableIds: ['rtb-a', 'rtb-b'],
    }),
);

describe('VpcEndpoints', () => {
  test('an S3 gateway endpoint on the private route tables', () => {
    const gateways = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways).toEqual([expect.objectContaining({ service_name: 'com.amazonaws.eu-central-1.s3', route_table_ids: ['rtb-a', 'rtb-b'] })]);
  });

  test('interface endpoints for ECR api and dkr, STS, EC2 and CloudWatch Logs with private DNS', () => {
    const interfaces = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(
      ['ec2', 'ecr.api', 'ecr.dkr', 'logs', 'sts'].map((s) => `com.amazonaws.eu-central-1.${s}`),
    );
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({ private_dns_enabled: true, subnet_ids: ['subnet-a', 'subnet-b'] });
    }
  });

  test('the endpoint security group admits HTTPS from the VPC only', () => {
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/16' }),
    ]);
    expect(resourcesOf(json, 'aws_security_group')[0].ingress).toBeUndefined();
  });
});
