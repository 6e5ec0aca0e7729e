import { NVIDIA_DEVICE_PLUGIN_HOST_ACCESS, NvidiaDevicePlugin, nvidiaDevicePluginValues } from '../../../constructs/platform/nvidia-device-plugin';
import { PLATFORM_CHARTS } from '../../../constructs/platform/platform-charts';
import { synthConstruct } from '../../support/synth-json';
import { affinityOf, releases } from './platform-json';

const synth = (target: 'eks' | 'onprem' | 'edge', jetson = false) =>
  synthConstruct((scope) => new NvidiaDevicePlugin(scope, 'nvidia', { namespace: 'gpu-system', target, jetson }));

describe('NvidiaDevicePlugin', () => {
  test('GIVEN EKS THEN NVIDIA\'s chart at the pinned version in gpu-system, without waiting on GPU nodes', () => {
    const release = releases(synth('eks'))['nvidia-device-plugin'];
    expect(release).toMatchObject({ repository: 'https://nvidia.github.io/k8s-device-plugin', chart: 'nvidia-device-plugin', version: '0.20.0', namespace: 'gpu-system', wait: false, atomic: false });
    expect(PLATFORM_CHARTS.nvidiaDevicePlugin.version).toBe('0.20.0');
  });

  test('the GPU quota fix, plugin half: the volume-mounts device-list strategy on every target', () => {
    for (const target of ['eks', 'onprem', 'edge'] as const) expect(releases(synth(target))['nvidia-device-plugin'].values.deviceListStrategy).toBe('volume-mounts');
  });

  test('GIVEN EKS THEN tracklayer\'s accelerator label and the GPU taint, not upstream\'s NFD labels', () => {
    const { values } = releases(synth('eks'))['nvidia-device-plugin'];
    expect(affinityOf(values)).toEqual(['tracklayer.dev/accelerator In [h100,h200,a100,l40s,l4,a10g]']);
    expect(values.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(values.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } });
    expect(values).not.toHaveProperty('runtimeClassName');
    expect(values.gfd).toEqual({ enabled: false });
  });

  test('GIVEN a Jetson site THEN arm64 nodes and the nvidia RuntimeClass', () => {
    expect(nvidiaDevicePluginValues('edge', true)).toMatchObject({ runtimeClassName: 'nvidia' });
    expect(affinityOf(nvidiaDevicePluginValues('edge', true))).toEqual(['kubernetes.io/arch In [arm64]']);
    expect(affinityOf(nvidiaDevicePluginValues('onprem'))).toEqual(['nvidia.com/gpu.present In [true]']);
  });

  test('the host access the chart gives with volume-mounts is recorded: SYS_ADMIN, no escalation guard, the kubelet socket directory', () => {
    expect(Object.keys(NVIDIA_DEVICE_PLUGIN_HOST_ACCESS.capabilities ?? {})).toEqual(['SYS_ADMIN']);
    expect(NVIDIA_DEVICE_PLUGIN_HOST_ACCESS.privileged).toBeUndefined();
    expect(Object.keys(NVIDIA_DEVICE_PLUGIN_HOST_ACCESS.hostPaths ?? {})).toContain('/var/lib/kubelet/device-plugins');
  });
});
