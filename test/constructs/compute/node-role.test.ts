import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { NodeRole, type NodeRoleProps } from '../../../constructs/compute/node-role';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const synth = (overrides: Partial<NodeRoleProps> = {}) =>
  synthConstruct((scope) => new NodeRole(scope, 'node-role', { name: 'acme-ml-gpu-nodes', ...overrides }));
const attachedPolicies = (json: ReturnType<typeof synth>) => resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);

describe('NodeRole', () => {
  test('GIVEN a name THEN one role trusted by EC2 only', () => {
    const roles = resourcesOf(synth(), 'aws_iam_role');
    expect(roles).toHaveLength(1);
    expect(roles[0].name).toBe('acme-ml-gpu-nodes');
    const trust = JSON.parse(roles[0].assume_role_policy as string);
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
  });

  test('GIVEN defaults THEN worker node, ECR pull-only and CNI policies, no SSM', () => {
    expect(attachedPolicies(synth()).sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
  });

  test('the broader ECR ReadOnly policy is not attached', () => {
    expect(attachedPolicies(synth())).not.toContain('arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly');
  });

  test('GIVEN enableSessionManager THEN AmazonSSMManagedInstanceCore is attached too', () => {
    expect(attachedPolicies(synth({ enableSessionManager: true }))).toContain('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  test('GIVEN attachCniPolicy false (CNI on its own Pod Identity role) THEN no CNI policy on the node role', () => {
    expect(attachedPolicies(synth({ attachCniPolicy: false }))).not.toContain('arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy');
  });

  test('every attachment targets the role, and the exposed ARN and attachments are usable by a node group', () => {
    const json = synthConstruct((scope) => {
      const role = new NodeRole(scope, 'node-role', { name: 'n' });
      new IamRolePolicyAttachment(scope, 'consumer', { role: 'other', policyArn: role.roleArn, dependsOn: [...role.policyAttachments] });
    });
    const attachments = resourcesOf(json, 'aws_iam_role_policy_attachment');
    const own = attachments.filter((a) => a.role !== 'other');
    expect(own).toHaveLength(3);
    for (const attachment of own) expect(attachment.role).toMatch(/^\$\{aws_iam_role\.[^}]+\.name\}$/);
    const consumer = attachments.find((a) => a.role === 'other');
    expect(consumer?.policy_arn).toMatch(/^\$\{aws_iam_role\.[^}]+\.arn\}$/);
    expect(consumer?.depends_on).toHaveLength(3);
  });

  test('construct ids of the attachments are the policy names (stable Terraform addresses)', () => {
    const ids = Object.keys(synth().resource?.aws_iam_role_policy_attachment ?? {});
    expect(ids.some((id) => id.includes('AmazonEKSWorkerNodePolicy'))).toBe(true);
    expect(ids.some((id) => id.includes('AmazonEC2ContainerRegistryPullOnly'))).toBe(true);
  });

  test('throws for a name IAM would reject, quoting it', () => {
    expect(() => synth({ name: 'has spaces' })).toThrow('name must be 1 to 64 letters, digits or +=,.@_- (an IAM role name), got "has spaces"');
    expect(() => synth({ name: 'x'.repeat(65) })).toThrow(/an IAM role name/);
  });
});
