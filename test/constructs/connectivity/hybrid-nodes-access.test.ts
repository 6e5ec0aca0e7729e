import { CLUSTER_ARN_TAG, HybridNodesAccess, hybridNodeStatements, hybridNodeTrustPolicy } from '../../../constructs/connectivity/hybrid-nodes-access';
import { policyDocument } from '../../../constructs/iam/policy-document';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props = {
  namePrefix: 'acme-ml',
  clusterName: 'acme-ml',
  region: 'us-east-2',
  accountId: '123456789012',
  partition: 'aws',
  clusterSecurityGroupId: 'sg-1',
  nodeCidr: '10.50.0.0/16',
  podCidr: '10.60.0.0/16',
  registrationLimit: 16,
};
const json = synthConstruct((scope) => new HybridNodesAccess(scope, 'hybrid', props));
const clusterArn = 'arn:aws:eks:us-east-2:123456789012:cluster/acme-ml';

describe('HybridNodesAccess', () => {
  test('on-prem node and pod networks reach the API on 443; the control plane reaches kubelets on 10250', () => {
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => [r.cidr_ipv4, r.from_port, r.to_port])).toEqual([
      ['10.50.0.0/16', 443, 443],
      ['10.60.0.0/16', 443, 443],
    ]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([expect.objectContaining({ security_group_id: 'sg-1', cidr_ipv4: '10.50.0.0/16', from_port: 10250, to_port: 10250 })]);
  });

  test('GIVEN the EKS hybrid credentials guide THEN the role trusts SSM of this account and region only (aws:SourceAccount, aws:SourceArn)', () => {
    const trust = JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0];
    expect(trust).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'ssm.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:ssm:us-east-2:123456789012:*' } },
    });
    expect(hybridNodeTrustPolicy('111122223333', 'aws', 'eu-west-1')).toContain('arn:aws:ssm:eu-west-1:111122223333:*');
  });

  test('the role may describe this cluster, deregister only instances tagged with it, and fetch pod identities', () => {
    const inline = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string).Statement;
    expect(inline).toEqual(JSON.parse(policyDocument(hybridNodeStatements(clusterArn, 'aws', 'us-east-2', '123456789012'))).Statement);
    expect(inline[0]).toMatchObject({ Action: 'eks:DescribeCluster', Resource: clusterArn });
    expect(inline[2]).toMatchObject({ Action: 'ssm:DeregisterManagedInstance', Condition: { StringEquals: { [`ssm:resourceTag/${CLUSTER_ARN_TAG}`]: clusterArn } } });
    expect(inline.map((s: { Action: string }) => s.Action)).toContain('eks-auth:AssumeRoleForPodIdentity');
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    ]);
  });

  test('an activation limited to the server count, tagged with the cluster ARN, with SSM\'s default 24-hour expiry; a HYBRID_LINUX access entry', () => {
    const [activation] = resourcesOf(json, 'aws_ssm_activation');
    expect(activation).toMatchObject({ registration_limit: 16, tags: { [CLUSTER_ARN_TAG]: clusterArn } });
    expect(activation).not.toHaveProperty('expiration_date');
    expect(resourcesOf(json, 'aws_eks_access_entry')).toEqual([expect.objectContaining({ cluster_name: 'acme-ml', type: 'HYBRID_LINUX' })]);
  });
});

