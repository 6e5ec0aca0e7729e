import { CLUSTER_AUTOSCALER_SCALE_ACTIONS, clusterAutoscalerStatements, clusterOwnershipTag } from '../../../constructs/autoscaling/cluster-autoscaler-permissions';

describe('clusterAutoscalerStatements', () => {
  const statements = clusterAutoscalerStatements({ clusterName: 'acme-ml', region: 'us-east-1', accountId: '111122223333', partition: 'aws' });

  test('scaling is allowed only on Auto Scaling groups EKS tagged as owned by this cluster', () => {
    const scale = statements.find((s) => s.sid === 'ScaleOwnedGroups')!;
    expect(scale.actions).toEqual([...CLUSTER_AUTOSCALER_SCALE_ACTIONS]);
    expect(scale.conditions).toEqual({ StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/acme-ml': 'owned' } });
    expect(clusterOwnershipTag('acme-ml')).toBe('k8s.io/cluster-autoscaler/acme-ml');
  });

  test('DescribeNodegroup is limited to the cluster node groups', () => {
    expect(statements.find((s) => s.sid === 'DescribeNodegroups')).toEqual({
      sid: 'DescribeNodegroups',
      actions: ['eks:DescribeNodegroup'],
      resources: ['arn:aws:eks:us-east-1:111122223333:nodegroup/acme-ml/*/*'],
    });
  });

  test('nothing but the upstream list: no wildcard action, no write beyond the two scaling calls', () => {
    const actions = statements.flatMap((s) => s.actions);
    expect(actions.every((a) => !a.includes('*'))).toBe(true);
    expect(actions.filter((a) => !/^(autoscaling|ec2|eks):(Describe|Get)/.test(a))).toEqual([...CLUSTER_AUTOSCALER_SCALE_ACTIONS]);
  });
});
