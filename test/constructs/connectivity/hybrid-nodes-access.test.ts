import { HybridNodesAccess } from '../../../constructs/connectivity/hybrid-nodes-access';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct(
  (scope) => new HybridNodesAccess(scope, 'hybrid', { namePrefix: 'acme-ml', clusterName: 'acme-ml', clusterSecurityGroupId: 'sg-1', nodeCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', registrationLimit: 16 }),
);

describe('HybridNodesAccess', () => {
  test('on-prem node and pod networks reach the API on 443; the control plane reaches kubelets on 10250', () => {
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => [r.cidr_ipv4, r.from_port, r.to_port])).toEqual([
      ['10.50.0.0/16', 443, 443],
      ['10.60.0.0/16', 443, 443],
    ]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([expect.objectContaining({ security_group_id: 'sg-1', cidr_ipv4: '10.50.0.0/16', from_port: 10250, to_port: 10250 })]);
  });

  test('a role for SSM-registered nodes, an activation limited to the server count, and a HYBRID_LINUX access entry', () => {
    expect(JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'ssm.amazonaws.com' });
    expect(resourcesOf(json, 'aws_ssm_activation')[0]).toMatchObject({ registration_limit: 16 });
    expect(resourcesOf(json, 'aws_eks_access_entry')).toEqual([expect.objectContaining({ cluster_name: 'acme-ml', type: 'HYBRID_LINUX' })]);
    const inline = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    expect(inline.Statement[0]).toMatchObject({ Action: 'eks:DescribeCluster', Resource: 'arn:aws:eks:*:*:cluster/acme-ml' });
  });
});
