import { efaSgSelf, efaTopology } from '../../../guardrails/rules/efa-rules';
import { ref, stack } from '../fixtures/builders';
import { efaFabric } from '../fixtures/compute-fixtures';

describe('EFA_SG_SELF', () => {
  test('GIVEN the fabric without its self egress rule THEN the missing direction is reported', () => {
    const resources = efaFabric();
    delete (resources as Record<string, unknown>).aws_vpc_security_group_egress_rule;
    expect(efaSgSelf.check(stack(resources)).map((f) => f.message)).toEqual(['has no egress rule for all traffic with itself; EFA needs all protocols to members of its own group']);
  });

  test('GIVEN inline self rules and a legacy aws_security_group_rule with self THEN they count', () => {
    const resources = efaFabric();
    delete (resources as Record<string, unknown>).aws_vpc_security_group_ingress_rule;
    delete (resources as Record<string, unknown>).aws_vpc_security_group_egress_rule;
    resources.aws_security_group.efa_sg.egress = [{ from_port: 0, to_port: 0, protocol: '-1', self: true }];
    resources.aws_security_group_rule = { self_in: { type: 'ingress', security_group_id: ref('aws_security_group', 'efa_sg'), from_port: 0, to_port: 0, protocol: '-1', self: true } };
    expect(efaSgSelf.check(stack(resources))).toEqual([]);
  });

  test('GIVEN a security group no EFA interface uses THEN the rule ignores it', () => {
    const resources = efaFabric({ extra: { aws_security_group: { other: { name: 'other', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] } } } });
    expect(efaSgSelf.check(stack(resources))).toEqual([]);
  });
});

describe('EFA_TOPOLOGY', () => {
  test('GIVEN a spread placement group and two subnets THEN both are reported, on the template and on the node group', () => {
    const findings = efaTopology.check(stack(efaFabric({ placementStrategy: 'spread', subnets: ['subnet-a', 'subnet-b'] })));
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      ['aws_launch_template.training', 'has EFA interfaces but no cluster placement group of this stack in placement.group_name; EFA needs the nodes packed in one cluster placement group'],
      ['aws_eks_node_group.training', 'launches EFA nodes into 2 subnets; EFA OS-bypass traffic is not routed between subnets, so give it exactly one subnet'],
    ]);
  });

  test('GIVEN a repeated network card THEN the card is named', () => {
    expect(efaTopology.check(stack(efaFabric({ cards: [0, 1, 1, 2, 2] })))[0].message).toBe(
      'puts more than one EFA interface on network card 1, 2; give each EFA interface its own network_card_index',
    );
  });
});
