import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf } from '../support/synth-json';

const onPrem = { kubeContext: 'dc1-admin', gpuNodes: 16, gpusPerNode: 8, interconnect: 'infiniband', networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

describe('OnPremPlatformStack', () => {
  const json = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem }))['acme-ml-onprem-platform'];

  test('the kubernetes and helm providers on the on-prem kubeconfig context', () => {
    expect(json.provider?.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'dc1-admin' }]);
    expect(json.provider?.helm).toEqual([{ kubernetes: { config_path: '~/.kube/config', config_context: 'dc1-admin' } }]);
  });

  test('quotas from gpuNodes × gpusPerNode and the RDMA plugin for infiniband', () => {
    const quotas = resourcesOf(json, 'kubernetes_resource_quota_v1').map((q) => JSON.stringify(q.spec));
    expect(quotas.some((q) => q.includes('"requests.nvidia.com/gpu":"128"'))).toBe(true);
    const images = resourcesOf(json, 'kubernetes_daemon_set_v1').map((d) => JSON.stringify(d));
    expect(images.some((d) => d.includes('k8s-rdma-shared-dev-plugin'))).toBe(true);
    expect(resourcesOf(json, 'helm_release').map((r) => r.chart).sort()).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
  });

  test('ethernet: no RDMA plugin', () => {
    const ethernet = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: { ...onPrem, interconnect: 'ethernet' } }))['acme-ml-onprem-platform'];
    expect(JSON.stringify(ethernet)).not.toContain('k8s-rdma-shared-dev-plugin');
  });
});
