import { nodeNoPublicIp, sgNoWorldIngress } from '../../../guardrails/rules/network-rules';
import { ref, stack } from '../fixtures/builders';
import { launchTemplate } from '../fixtures/compute-fixtures';

describe('NODE_NO_PUBLIC_IP', () => {
  test('GIVEN a launch template interface or an instance with a public IP THEN each is reported', () => {
    const resources = {
      ...launchTemplate('nodes', { network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }] }),
      aws_instance: { bastion: { ami: 'ami-1', instance_type: 't3.micro', associate_public_ip_address: true } },
    };
    expect(nodeNoPublicIp.check(stack(resources)).map((f) => [f.address, f.message])).toEqual([
      ['aws_launch_template.nodes', 'network interface 0 (card 0) associates a public IP; set associate_public_ip_address to false'],
      ['aws_instance.bastion', 'associates a public IP; set associate_public_ip_address to false and reach it through SSM or the VPN'],
    ]);
  });
});

describe('SG_NO_WORLD_INGRESS', () => {
  test('GIVEN world ingress inline, as a security group rule and as an IPv6 ingress rule THEN each is reported', () => {
    const resources = {
      aws_security_group: { web: { name: 'web', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_security_group_rule: {
        ssh: { type: 'ingress', security_group_id: ref('aws_security_group', 'web'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] },
        out: { type: 'egress', security_group_id: ref('aws_security_group', 'web'), from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] },
      },
      aws_vpc_security_group_ingress_rule: { v6: { security_group_id: ref('aws_security_group', 'web'), cidr_ipv6: '::/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 } },
    };
    expect(sgNoWorldIngress.check(stack(resources)).map((f) => f.address)).toEqual([
      'aws_security_group.web',
      'aws_security_group_rule.ssh',
      'aws_vpc_security_group_ingress_rule.v6',
    ]);
  });
});
