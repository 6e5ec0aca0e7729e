/** Network exposure rules: nodes get no public addresses, no security group admits the internet. */
import type { Finding, Rule } from '../rule';
import { blockList, findingAt, isTrue, resourcesOf, stringList, type TerraformBlock } from '../terraform-json';

/** CIDRs that mean "anyone on the internet". */
export const WORLD_CIDRS = ['0.0.0.0/0', '::/0'];

/** NODE_NO_PUBLIC_IP: launch templates, instances and subnets hand out no public IPs. */
export const nodeNoPublicIp: Rule = {
  id: 'NODE_NO_PUBLIC_IP',
  level: 'error',
  rationale: 'Nodes live in private subnets without public IPs: launch templates and instances associate none and no subnet maps one on launch; egress goes through NAT.',
  references: { checkov: ['CKV_AWS_88', 'CKV_AWS_130'], trivy: ['AVD-AWS-0164', 'AVD-AWS-0009'], cdkNag: ['NIST.800.53.R5-EC2InstanceNoPublicIp', 'NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled'] },
  check: (stack) => [
    ...resourcesOf(stack, 'aws_launch_template').flatMap((template) =>
      blockList(template.config.network_interfaces)
        .filter((nic) => isTrue(nic.associate_public_ip_address))
        .map((nic) => findingAt(template, `network interface ${String(nic.device_index ?? 0)} (card ${String(nic.network_card_index ?? 0)}) associates a public IP; set associate_public_ip_address to false`)),
    ),
    ...resourcesOf(stack, 'aws_instance')
      .filter((instance) => isTrue(instance.config.associate_public_ip_address))
      .map((instance) => findingAt(instance, 'associates a public IP; set associate_public_ip_address to false and reach it through SSM or the VPN')),
    ...resourcesOf(stack, 'aws_subnet')
      .filter((subnet) => isTrue(subnet.config.map_public_ip_on_launch))
      .map((subnet) => findingAt(subnet, 'gives every instance launched in it a public IP; set map_public_ip_on_launch to false (load balancers and NAT gateways do not need it)')),
  ],
};

function worldCidrs(...lists: unknown[]): string[] {
  return lists.flatMap(stringList).filter((cidr) => WORLD_CIDRS.includes(cidr));
}

function inlineIngress(group: TerraformBlock): Finding[] {
  return blockList(group.config.ingress).flatMap((rule): Finding[] => {
    const open = worldCidrs(rule.cidr_blocks, rule.ipv6_cidr_blocks);
    return open.length === 0 ? [] : [findingAt(group, `admits ${open.join(' and ')} on ports ${String(rule.from_port)}-${String(rule.to_port)}; allow named CIDRs or security groups only`)];
  });
}

/** SG_NO_WORLD_INGRESS: no security group rule admits 0.0.0.0/0 or ::/0. */
export const sgNoWorldIngress: Rule = {
  id: 'SG_NO_WORLD_INGRESS',
  level: 'error',
  rationale: 'No security group admits traffic from 0.0.0.0/0 or ::/0; ingress comes from the VPC, named CIDRs or other security groups.',
  references: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'], trivy: ['AVD-AWS-0107'], cdkNag: ['AwsSolutions-EC23'] },
  check: (stack) => [
    ...resourcesOf(stack, 'aws_security_group', 'aws_default_security_group').flatMap(inlineIngress),
    ...resourcesOf(stack, 'aws_security_group_rule')
      .filter((rule) => rule.config.type === 'ingress')
      .flatMap((rule): Finding[] => {
        const open = worldCidrs(rule.config.cidr_blocks, rule.config.ipv6_cidr_blocks);
        return open.length === 0 ? [] : [findingAt(rule, `admits ${open.join(' and ')}; allow named CIDRs or security groups only`)];
      }),
    ...resourcesOf(stack, 'aws_vpc_security_group_ingress_rule').flatMap((rule): Finding[] => {
      const open = worldCidrs(rule.config.cidr_ipv4, rule.config.cidr_ipv6);
      return open.length === 0 ? [] : [findingAt(rule, `admits ${open.join(' and ')}; allow named CIDRs or security groups only`)];
    }),
  ],
};

/** The network rules, in registry order. */
export const NETWORK_RULES: readonly Rule[] = [nodeNoPublicIp, sgNoWorldIngress];
