import { eksEndpoint, eksLogs, eksSecretsKms } from '../../../guardrails/rules/eks-rules';
import { stack } from '../fixtures/builders';
import { cluster } from '../fixtures/compute-fixtures';

const withVpc = (vpc: Record<string, unknown>) => stack(cluster({ vpc_config: { subnet_ids: ['subnet-a'], ...vpc } }));

describe('EKS_ENDPOINT', () => {
  test('GIVEN a public endpoint limited to named CIDRs THEN it is a warning that names them', () => {
    expect(eksEndpoint.check(withVpc({ endpoint_public_access: true, public_access_cidrs: ['198.51.100.0/24'] }))).toEqual([
      {
        address: 'aws_eks_cluster.cluster',
        path: 'demo-app/cluster',
        level: 'warning',
        message: 'has a public API endpoint reachable from 198.51.100.0/24; accept it with a guardrails.suppress entry that says why, or make the endpoint private',
      },
    ]);
  });

  test('GIVEN 0.0.0.0/0 or ::/0 among the CIDRs THEN it is an error', () => {
    const [finding] = eksEndpoint.check(withVpc({ endpoint_public_access: true, public_access_cidrs: ['198.51.100.0/24', '::/0'] }));
    expect(finding.level).toBeUndefined();
    expect(finding.message).toMatch(/^has a public API endpoint open to ::\/0/);
  });

  test('GIVEN no endpoint_public_access at all THEN the provider default (public, 0.0.0.0/0) is an error', () => {
    expect(eksEndpoint.check(withVpc({}))[0].message).toMatch(/open to 0\.0\.0\.0\/0 \(no public_access_cidrs\)/);
  });
});

describe('EKS_LOGS', () => {
  test('GIVEN no log types THEN all five are named', () => {
    expect(eksLogs.check(stack(cluster({ enabled_cluster_log_types: undefined })))[0].message).toBe(
      'does not log api, audit, authenticator, controllerManager, scheduler; enable all of api, audit, authenticator, controllerManager, scheduler in enabled_cluster_log_types',
    );
  });
});

describe('EKS_SECRETS_KMS', () => {
  test('GIVEN encryption_config without a key or without secrets THEN it is reported', () => {
    expect(eksSecretsKms.check(stack(cluster({ encryption_config: { resources: ['secrets'] } })))).toHaveLength(1);
    expect(eksSecretsKms.check(stack(cluster({ encryption_config: [{ provider: [{ key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1' }], resources: ['configmaps'] }] })))).toHaveLength(1);
    expect(eksSecretsKms.check(stack(cluster({ encryption_config: [{ provider: [{ key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1' }], resources: ['secrets'] }] })))).toEqual([]);
  });
});
