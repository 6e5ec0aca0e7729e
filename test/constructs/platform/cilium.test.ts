import { Cilium, CILIUM_CHART, CILIUM_HOST_ACCESS, CILIUM_NAMESPACE, ciliumValues } from '../../../constructs/platform/cilium';
import { chartPinProblem } from '../../../constructs/helm/upstream-chart';
import { HYBRID_NODE_POD_MASK_SIZE } from '../../../needs/onprem-checks';
import { synthConstruct } from '../../support/synth-json';
import { releases } from './platform-json';

const HYBRID_AFFINITY = {
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['hybrid'] }] }] } },
};

describe('Cilium (the CNI of EKS Hybrid Nodes)', () => {
  const release = releases(synthConstruct((scope) => new Cilium(scope, 'cilium', { podCidr: '10.60.0.0/16' }))).cilium;

  test('GIVEN AWS\'s build THEN the chart from oci://public.ecr.aws/eks/cilium at a pinned version, in kube-system', () => {
    expect(release).toMatchObject({ repository: 'oci://public.ecr.aws/eks/cilium', chart: 'cilium', version: '1.18.3-0', namespace: CILIUM_NAMESPACE });
    expect(chartPinProblem(CILIUM_CHART)).toBeUndefined();
  });

  test('agents and operator only on hybrid nodes; cluster-pool IPAM on the on-prem pod network, a /25 per node', () => {
    expect(release.values.affinity).toEqual(HYBRID_AFFINITY);
    expect(release.values.operator).toEqual({ affinity: HYBRID_AFFINITY, unmanagedPodWatcher: { restart: false } });
    expect(release.values.ipam).toEqual({ mode: 'cluster-pool', operator: { clusterPoolIPv4MaskSize: HYBRID_NODE_POD_MASK_SIZE, clusterPoolIPv4PodCIDRList: ['10.60.0.0/16'] } });
    expect(release.values.preflight).toEqual({ nodeSelector: { 'eks.amazonaws.com/compute-type': 'hybrid' } });
  });

  test('the guide\'s other values (kube-proxy stays, no Envoy), and the first-installed minor for upgrades', () => {
    expect(release.values).toMatchObject({ kubeProxyReplacement: 'false', envoy: { enabled: false }, loadBalancer: { serviceTopology: true }, upgradeCompatibility: '1.18' });
    expect(ciliumValues('192.168.64.0/18').ipam.operator.clusterPoolIPv4PodCIDRList).toEqual(['192.168.64.0/18']);
  });

  test('a node agent: no wait (no hybrid node may exist when it installs), so no atomic rollback', () => {
    expect(release).toMatchObject({ wait: false, atomic: false });
  });

  test('the host access of a CNI is recorded, each grant with a reason', () => {
    expect(Object.keys(CILIUM_HOST_ACCESS.hostPaths ?? {})).toEqual(expect.arrayContaining(['/sys/fs/bpf', '/opt/cni/bin', '/etc/cni/net.d', '/var/run/cilium']));
    expect(Object.keys(CILIUM_HOST_ACCESS.capabilities ?? {})).toEqual(expect.arrayContaining(['NET_ADMIN', 'SYS_ADMIN', 'SYS_MODULE']));
    expect(CILIUM_HOST_ACCESS.hostNamespaces).toHaveProperty('hostNetwork');
  });
});
