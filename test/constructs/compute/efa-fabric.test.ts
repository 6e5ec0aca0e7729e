import { EfaFabric } from '../../../constructs/compute/efa-fabric';
import { NodeLaunchTemplate } from '../../../constructs/compute/node-launch-template';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { instance } from './catalog-instance';

const json = synthConstruct((scope) => new EfaFabric(scope, 'efa', { name: 'acme-ml-efa', vpcId: 'vpc-123' }));

describe('EfaFabric', () => {
  test('GIVEN a name THEN one placement group with strategy cluster', () => {
    expect(resourcesOf(json, 'aws_placement_group')).toEqual([expect.objectContaining({ name: 'acme-ml-efa', strategy: 'cluster' })]);
  });

  test('the security group has no inline rules, in the given VPC', () => {
    const [group] = resourcesOf(json, 'aws_security_group');
    expect(group).toMatchObject({ name: 'acme-ml-efa', vpc_id: 'vpc-123' });
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test('exactly one ingress and one egress rule, all protocols, referencing the group itself', () => {
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(ingress).toHaveLength(1);
    expect(egress).toHaveLength(1);
    for (const rule of [...ingress, ...egress]) {
      expect(rule.ip_protocol).toBe('-1');
      expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.[^}]+\.id\}$/);
      expect(rule.referenced_security_group_id).toBe(rule.security_group_id);
      expect(rule).not.toHaveProperty('cidr_ipv4');
      expect(rule).not.toHaveProperty('cidr_ipv6');
    }
  });

  test('no 0.0.0.0/0 or ::/0 anywhere in the fabric', () => {
    const text = JSON.stringify(json);
    expect(text).not.toContain('0.0.0.0/0');
    expect(text).not.toContain('::/0');
  });

  test('GIVEN the fabric as a launch template efa THEN the template references its placement group and security group', () => {
    const withTemplate = synthConstruct((scope) => {
      const fabric = new EfaFabric(scope, 'efa', { name: 'x', vpcId: 'v' });
      new NodeLaunchTemplate(scope, 'lt', { name: 'lt', instance: instance('p4d.24xlarge'), efa: fabric, clusterSecurityGroupId: 'sg-cluster' });
    });
    const [template] = resourcesOf(withTemplate, 'aws_launch_template');
    expect(template.placement).toEqual({ group_name: expect.stringMatching(/^\$\{aws_placement_group\.[^}]+\.name\}$/) });
    const groups = (template.network_interfaces as { security_groups: string[] }[])[0].security_groups;
    expect(groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.[^}]+\.id\}$/), 'sg-cluster']);
  });

  test('throws for a name with characters a placement group or security group name would not take', () => {
    expect(() => synthConstruct((scope) => new EfaFabric(scope, 'efa', { name: 'bad name!', vpcId: 'v' }))).toThrow(
      'name must be 1 to 63 letters, digits or hyphens, starting with a letter or digit, got "bad name!"',
    );
  });

  test('GIVEN placementGroup false (reserved capacity) THEN only the security group and its rules, no placement group', () => {
    const reserved = synthConstruct((scope) => {
      const fabric = new EfaFabric(scope, 'efa', { name: 'acme-ml-efa', vpcId: 'vpc-123', placementGroup: false });
      expect(fabric.placementGroupName).toBeUndefined();
    });
    expect(resourcesOf(reserved, 'aws_placement_group')).toEqual([]);
    expect(resourcesOf(reserved, 'aws_security_group')).toHaveLength(1);
  });
});
