import { RDMA_RESOURCE, RdmaSharedDevicePlugin, rdmaPluginConfig } from '../../../constructs/platform/rdma-shared-device-plugin';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { containerOf, daemonSets, podSpec, requirementsOf } from './platform-json';

const json = synthConstruct((scope) => new RdmaSharedDevicePlugin(scope, 'rdma', { namespace: 'gpu-system' }));

describe('RdmaSharedDevicePlugin', () => {
  test('GIVEN an on-prem fabric THEN the pinned image on the GPU nodes', () => {
    expect(containerOf(json, 'rdma-shared-device-plugin').image).toBe('ghcr.io/mellanox/k8s-rdma-shared-dev-plugin:v1.5.4');
    expect(requirementsOf(json, 'rdma-shared-device-plugin')).toEqual(['nvidia.com/gpu.present In [true]']);
  });

  test('its ConfigMap selects Mellanox HCAs by PCI vendor and driver (no interface names: no host network needed)', () => {
    const [configMap] = resourcesOf(json, 'kubernetes_config_map_v1');
    const config = JSON.parse((configMap.data as Record<string, string>)['config.json']);
    expect(config.configList).toEqual([{ resourceName: 'rdma_shared_devices', rdmaHcaMax: 64, selectors: { vendors: ['15b3'], drivers: ['mlx5_core'] } }]);
    expect(RDMA_RESOURCE).toBe('rdma/rdma_shared_devices');
    expect(podSpec(json, 'rdma-shared-device-plugin').host_network).toBe(false);
  });

  test('the ConfigMap is mounted read-only where the plugin reads it, and a config change rolls the pods', () => {
    expect(containerOf(json, 'rdma-shared-device-plugin').volume_mount).toContainEqual({ name: 'config', mount_path: '/k8s-rdma-shared-dev-plugin', read_only: true });
    expect(podSpec(json, 'rdma-shared-device-plugin').volume).toContainEqual({ name: 'config', config_map: { name: 'rdma-shared-device-plugin' } });
    const ds = daemonSets(json)['rdma-shared-device-plugin'];
    expect(ds.spec.template.metadata.annotations?.['tracklayer.dev/config-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(ds.depends_on).toEqual([expect.stringMatching(/^kubernetes_config_map_v1\./)]);
    expect(rdmaPluginConfig()).toBe(rdmaPluginConfig());
  });

  test('/dev/infiniband is read-only; unprivileged', () => {
    expect(containerOf(json, 'rdma-shared-device-plugin').volume_mount).toContainEqual({ name: 'infiniband', mount_path: '/dev/infiniband', read_only: true });
    expect(containerOf(json, 'rdma-shared-device-plugin').security_context).toMatchObject({ privileged: false, capabilities: { drop: ['ALL'] } });
  });
});
