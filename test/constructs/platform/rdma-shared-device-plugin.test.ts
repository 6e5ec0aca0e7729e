import { RDMA_EXCEPTION_ANNOTATIONS, RDMA_PLUGIN_IMAGE, RDMA_RESOURCE, RdmaSharedDevicePlugin, rdmaPluginConfig } from '../../../constructs/platform/rdma-shared-device-plugin';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct((scope) => new RdmaSharedDevicePlugin(scope, 'rdma', { namespace: 'gpu-system' }));
const [daemonSet] = resourcesOf(json, 'kubernetes_daemon_set_v1') as any[];
const pod = daemonSet.spec.template.spec;
const container = pod.container[0];

describe('RdmaSharedDevicePlugin (typed copy of the upstream manifest: upstream ships no chart)', () => {
  test('the pinned upstream image on the on-prem GPU nodes', () => {
    expect(container.image).toBe(RDMA_PLUGIN_IMAGE);
    expect(RDMA_PLUGIN_IMAGE).toBe('ghcr.io/mellanox/k8s-rdma-shared-dev-plugin:v1.5.3');
    expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term[0].match_expressions).toEqual([
      { key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] },
    ]);
  });

  test('matches upstream: host network, privileged, all of /dev and the plugins registry (the unprivileged copy may not discover HCAs)', () => {
    expect(pod.host_network).toBe(true);
    expect(container.security_context).toEqual({ privileged: true });
    expect(container.volume_mount.map((m: { mount_path: string }) => m.mount_path)).toEqual([
      '/var/lib/kubelet/device-plugins',
      '/var/lib/kubelet/plugins_registry',
      '/k8s-rdma-shared-dev-plugin',
      '/dev/',
    ]);
  });

  test('the upstream privileges are documented exceptions on the pod template, which the guardrails read', () => {
    expect(daemonSet.spec.template.metadata.annotations).toMatchObject(RDMA_EXCEPTION_ANNOTATIONS);
    expect(Object.keys(RDMA_EXCEPTION_ANNOTATIONS).sort()).toEqual(['guardrails.tracklayer.dev/K8S_NO_HOST_NAMESPACES', 'guardrails.tracklayer.dev/K8S_NO_PRIVILEGED']);
  });

  test('its ConfigMap selects Mellanox HCAs by PCI vendor and driver; a config change rolls the pods', () => {
    const [configMap] = resourcesOf(json, 'kubernetes_config_map_v1');
    const config = JSON.parse((configMap.data as Record<string, string>)['config.json']);
    expect(config.configList).toEqual([{ resourceName: 'rdma_shared_devices', rdmaHcaMax: 64, selectors: { vendors: ['15b3'], drivers: ['mlx5_core'] } }]);
    expect(RDMA_RESOURCE).toBe('rdma/rdma_shared_devices');
    expect(daemonSet.spec.template.metadata.annotations['tracklayer.dev/config-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(daemonSet.depends_on).toEqual([expect.stringMatching(/^kubernetes_config_map_v1\./)]);
    expect(rdmaPluginConfig()).toBe(rdmaPluginConfig());
  });

  test('requests and a memory limit (upstream sets none)', () => {
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } });
  });
});
