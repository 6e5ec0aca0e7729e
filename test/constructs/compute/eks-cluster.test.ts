import { EksCluster, type EksClusterProps } from '../../../constructs/compute/eks-cluster';
import { CONTROL_PLANE_LOG_TYPES, KUBERNETES_VERSION } from '../../../constructs/compute/kubernetes-version';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props: EksClusterProps = { name: 'acme-ml', subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'], secretsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc' };
const cluster = (overrides: Partial<EksClusterProps> = {}) => resourcesOf(synthConstruct((scope) => new EksCluster(scope, 'cluster', { ...props, ...overrides })), 'aws_eks_cluster')[0];

describe('EksCluster', () => {
  test('GIVEN no publicAccessCidrs THEN the endpoint is private only', () => {
    expect(cluster().vpc_config).toEqual({ subnet_ids: props.subnetIds, endpoint_private_access: true, endpoint_public_access: false });
  });

  test('GIVEN publicAccessCidrs THEN the public endpoint opens to exactly those', () => {
    expect(cluster({ publicAccessCidrs: ['198.51.100.0/24'] }).vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['198.51.100.0/24'] });
  });

  test('secrets are encrypted with the given key; all five log types; access entries with creator admin', () => {
    const resource = cluster();
    expect(resource.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: props.secretsKeyArn } });
    expect(resource.enabled_cluster_log_types).toEqual([...CONTROL_PLANE_LOG_TYPES]);
    expect(CONTROL_PLANE_LOG_TYPES).toHaveLength(5);
    expect(resource.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true });
    expect(resource.version).toBe(KUBERNETES_VERSION);
    expect(resource.bootstrap_self_managed_addons).toBe(false);
  });

  test('GIVEN remoteNetworks THEN hybrid node and pod networks are configured', () => {
    expect(cluster({ remoteNetworks: { nodeCidrs: ['10.50.0.0/16'], podCidrs: ['10.60.0.0/16'] } }).remote_network_config).toEqual({
      remote_node_networks: { cidrs: ['10.50.0.0/16'] },
      remote_pod_networks: { cidrs: ['10.60.0.0/16'] },
    });
    expect(cluster().remote_network_config).toBeUndefined();
  });

  test('the control-plane log group exists with a retention before the cluster', () => {
    const json = synthConstruct((scope) => new EksCluster(scope, 'cluster', props));
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toEqual([expect.objectContaining({ name: '/aws/eks/acme-ml/cluster', retention_in_days: 365 })]);
    expect(resourcesOf(json, 'aws_eks_cluster')[0].depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  test('the cluster role is trusted by EKS and holds only AmazonEKSClusterPolicy', () => {
    const json = synthConstruct((scope) => new EksCluster(scope, 'cluster', props));
    expect(JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'eks.amazonaws.com' });
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy']);
  });

  test('prevent_destroy on request', () => {
    expect(cluster({ preventDestroy: true }).lifecycle).toEqual({ prevent_destroy: true });
    expect(cluster().lifecycle).toBeUndefined();
  });

  test('throws for 0.0.0.0/0 and for a single subnet, naming the prop', () => {
    expect(() => cluster({ publicAccessCidrs: ['0.0.0.0/0'] })).toThrow('publicAccessCidrs must not contain 0.0.0.0/0');
    expect(() => cluster({ subnetIds: ['subnet-a'] })).toThrow('subnetIds must list subnets in at least two zones (EKS requires it), got 1');
  });
});

describe('EksCluster: secrets key access', () => {
  test('the cluster role may use exactly the secrets key, before the cluster exists', () => {
    const json = synthConstruct((scope) => new EksCluster(scope, 'cluster', props));
    const [policy] = resourcesOf(json, 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      { Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: props.secretsKeyArn },
    ]);
    expect(resourcesOf(json, 'aws_eks_cluster')[0].depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy\./)]));
  });
});

describe('EksCluster: hybrid node networking and running clusters', () => {
  const remoteNetworks = { nodeCidrs: ['10.50.0.0/16'], podCidrs: ['10.60.0.0/16'] };

  test('GIVEN remote networks and a service range THEN both are set, and no ignore_changes hides them', () => {
    expect(cluster({ remoteNetworks, serviceIpv4Cidr: '172.20.0.0/16' })).toMatchObject({
      remote_network_config: { remote_node_networks: { cidrs: ['10.50.0.0/16'] }, remote_pod_networks: { cidrs: ['10.60.0.0/16'] } },
      kubernetes_network_config: { service_ipv4_cidr: '172.20.0.0/16' },
    });
    expect(cluster({ remoteNetworks, preserveRemoteNetworks: true }).lifecycle).toBeUndefined();
  });

  test('GIVEN preserveRemoteNetworks without remote networks THEN a running cluster keeps whatever it has (ignore_changes), with prevent_destroy when asked', () => {
    expect(cluster({ preserveRemoteNetworks: true }).lifecycle).toEqual({ ignore_changes: ['remote_network_config'] });
    expect(cluster({ preserveRemoteNetworks: true, preventDestroy: true }).lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['remote_network_config'] });
    expect(cluster({}).lifecycle).toBeUndefined();
  });
});
