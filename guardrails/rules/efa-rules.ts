/**
 * EFA fabric rules. EFA (Elastic Fabric Adapter) carries NCCL traffic between training nodes
 * with OS bypass: its security group must admit all traffic between its members and nothing
 * else, and the nodes must sit close together (one subnet, a cluster placement group) with
 * one EFA interface per network card. AWS: "Get started with EFA and NCCL" (EC2 User Guide).
 */
import type { Finding, Rule, SynthesizedStack } from '../rule';
import { blockList, findingAt, isTrue, referencesTo, resourcesOf, singleBlock, stringList, type TerraformBlock } from '../terraform-json';

/** Interface types that put an EFA device on a network card. */
const EFA_INTERFACE_TYPES = ['efa', 'efa-only'];

/** Protocol values that mean "all traffic". */
const ALL_PROTOCOLS = ['-1', 'all'];

/** The EFA network interfaces of a launch template. */
function efaInterfaces(template: TerraformBlock): Record<string, unknown>[] {
  return blockList(template.config.network_interfaces).filter((nic) => EFA_INTERFACE_TYPES.includes(String(nic.interface_type)));
}

/** A rule of an EFA security group, reduced to what the check needs. */
interface GroupRule {
  readonly block: TerraformBlock;
  readonly direction: 'ingress' | 'egress';
  /** The rule names only its own group as peer. */
  readonly selfOnly: boolean;
  readonly allProtocols: boolean;
}

/** Every rule of security group `name`: inline blocks and separate rule resources. */
function rulesOfGroup(stack: SynthesizedStack, group: TerraformBlock): GroupRule[] {
  const isThisGroup = (value: unknown) => referencesTo(value, 'aws_security_group').includes(group.name);
  const onlyThisGroup = (value: unknown) => stringList(value).every((item) => isThisGroup(item));
  const noCidrs = (...values: unknown[]) => values.every((value) => stringList(value).length === 0);
  const rules: GroupRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const inline of blockList(group.config[direction])) {
      rules.push({
        block: group,
        direction,
        selfOnly: isTrue(inline.self) && onlyThisGroup(inline.security_groups) && noCidrs(inline.cidr_blocks, inline.ipv6_cidr_blocks, inline.prefix_list_ids),
        allProtocols: ALL_PROTOCOLS.includes(String(inline.protocol)),
      });
    }
  }
  for (const rule of resourcesOf(stack, 'aws_security_group_rule').filter((r) => isThisGroup(r.config.security_group_id))) {
    rules.push({
      block: rule,
      direction: rule.config.type === 'egress' ? 'egress' : 'ingress',
      selfOnly: (isTrue(rule.config.self) || isThisGroup(rule.config.source_security_group_id)) && noCidrs(rule.config.cidr_blocks, rule.config.ipv6_cidr_blocks, rule.config.prefix_list_ids),
      allProtocols: ALL_PROTOCOLS.includes(String(rule.config.protocol)),
    });
  }
  for (const [type, direction] of [['aws_vpc_security_group_ingress_rule', 'ingress'], ['aws_vpc_security_group_egress_rule', 'egress']] as const) {
    for (const rule of resourcesOf(stack, type).filter((r) => isThisGroup(r.config.security_group_id))) {
      rules.push({
        block: rule,
        direction,
        selfOnly: isThisGroup(rule.config.referenced_security_group_id) && noCidrs(rule.config.cidr_ipv4, rule.config.cidr_ipv6, rule.config.prefix_list_id),
        allProtocols: ALL_PROTOCOLS.includes(String(rule.config.ip_protocol)),
      });
    }
  }
  return rules;
}

/** The security groups that EFA interfaces of any launch template are placed in. */
function efaSecurityGroups(stack: SynthesizedStack): TerraformBlock[] {
  const names = new Set(resourcesOf(stack, 'aws_launch_template').flatMap((template) => efaInterfaces(template).flatMap((nic) => referencesTo(nic.security_groups, 'aws_security_group'))));
  return resourcesOf(stack, 'aws_security_group').filter((group) => names.has(group.name));
}

/** EFA_SG_SELF: EFA security groups allow all traffic to and from themselves, and nothing else. */
export const efaSgSelf: Rule = {
  id: 'EFA_SG_SELF',
  level: 'error',
  rationale: 'The security group of EFA interfaces admits and sends all traffic to its own members only: EFA needs both directions open inside the group, and nothing outside it may reach the fabric.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    efaSecurityGroups(stack).flatMap((group): Finding[] => {
      const rules = rulesOfGroup(stack, group);
      const findings: Finding[] = rules
        .filter((rule) => !rule.selfOnly)
        .map((rule) => findingAt(rule.block, `${rule.direction} rule of EFA security group ${group.address} names a peer other than the group itself; EFA groups allow only self traffic`));
      for (const direction of ['ingress', 'egress'] as const) {
        if (!rules.some((rule) => rule.direction === direction && rule.selfOnly && rule.allProtocols)) {
          findings.push(findingAt(group, `has no ${direction} rule for all traffic with itself; EFA needs all protocols ${direction === 'ingress' ? 'from' : 'to'} members of its own group`));
        }
      }
      return findings;
    }),
};

/** The placement group a launch template names, if it is a resource of this stack. */
function placementGroupOf(stack: SynthesizedStack, template: TerraformBlock): TerraformBlock | undefined {
  const groupName = singleBlock(template.config.placement)?.group_name;
  const byReference = referencesTo(groupName, 'aws_placement_group');
  return resourcesOf(stack, 'aws_placement_group').find((group) => byReference.includes(group.name) || (typeof groupName === 'string' && groupName === group.config.name));
}

/** Node groups and auto scaling groups launched from `template`, with their subnet lists. */
function groupsLaunching(stack: SynthesizedStack, template: TerraformBlock): { block: TerraformBlock; subnets: unknown }[] {
  const launches = (block: TerraformBlock) => referencesTo(block.config.launch_template, 'aws_launch_template').includes(template.name);
  return [
    ...resourcesOf(stack, 'aws_eks_node_group').filter(launches).map((block) => ({ block, subnets: block.config.subnet_ids })),
    ...resourcesOf(stack, 'aws_autoscaling_group').filter(launches).map((block) => ({ block, subnets: block.config.vpc_zone_identifier })),
  ];
}

function checkTopology(stack: SynthesizedStack, template: TerraformBlock): Finding[] {
  const interfaces = efaInterfaces(template);
  if (interfaces.length === 0) return [];
  const findings: Finding[] = [];
  const cards = interfaces.map((nic) => Number(nic.network_card_index ?? 0));
  const repeated = [...new Set(cards.filter((card, index) => cards.indexOf(card) !== index))];
  if (repeated.length > 0) findings.push(findingAt(template, `puts more than one EFA interface on network card ${repeated.join(', ')}; give each EFA interface its own network_card_index`));
  const placement = placementGroupOf(stack, template);
  // Reserved capacity is placed where it was reserved: a Capacity Block inside an EC2 UltraCluster
  // ("no need to use a cluster placement group with a Capacity Block", EC2 User Guide), an
  // On-Demand Capacity Reservation where it was created.
  if (!targetsReservation(template) && placement?.config.strategy !== 'cluster') {
    findings.push(findingAt(template, 'has EFA interfaces but no cluster placement group of this stack in placement.group_name; EFA needs the nodes packed in one cluster placement group'));
  }
  for (const { block, subnets } of groupsLaunching(stack, template)) {
    if (Array.isArray(subnets) && subnets.length !== 1) {
      findings.push(findingAt(block, `launches EFA nodes into ${subnets.length} subnets; EFA OS-bypass traffic is not routed between subnets, so give it exactly one subnet`));
    }
  }
  return findings;
}

/** True when the template launches into a named capacity reservation (an On-Demand Capacity Reservation or a Capacity Block). */
function targetsReservation(template: TerraformBlock): boolean {
  const target = singleBlock(singleBlock(template.config.capacity_reservation_specification)?.capacity_reservation_target);
  return typeof target?.capacity_reservation_id === 'string' && target.capacity_reservation_id !== '';
}

/** EFA_TOPOLOGY: one EFA interface per card, a cluster placement group (unless reserved), one subnet. */
export const efaTopology: Rule = {
  id: 'EFA_TOPOLOGY',
  level: 'error',
  rationale:
    'EFA nodes use one interface per network card, a cluster placement group (unless they launch into a capacity reservation, which is placed where it was reserved) and a single subnet, because EFA OS-bypass traffic is not routed between subnets and loses bandwidth when nodes are spread.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) => resourcesOf(stack, 'aws_launch_template').flatMap((template) => checkTopology(stack, template)),
};

/** The EFA rules, in registry order. */
export const EFA_RULES: readonly Rule[] = [efaSgSelf, efaTopology];
