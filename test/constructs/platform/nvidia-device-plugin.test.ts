import { NvidiaDevicePlugin } from '../../../constructs/platform/nvidia-device-plugin';
import { synthConstruct } from '../../support/synth-json';
import { containerOf, podSpec, requirementsOf } from './platform-json';

const synth = (jetson: boolean, target: 'eks' | 'edge' = jetson ? 'edge' : 'eks') =>
  synthConstruct((scope) => new NvidiaDevicePlugin(scope, 'nvidia', { namespace: 'gpu-system', target, jetson }));

describe('NvidiaDevicePlugin', () => {
  const json = synth(false);

  test('GIVEN EKS THEN the pinned nvcr.io image on the NVIDIA accelerator nodes, tolerating the GPU taint', () => {
    expect(containerOf(json, 'nvidia-device-plugin').image).toBe('nvcr.io/nvidia/k8s-device-plugin:v0.20.1');
    expect(requirementsOf(json, 'nvidia-device-plugin')).toEqual(['tracklayer.dev/accelerator In [h100,h200,a100,l40s,l4,a10g]']);
    expect(podSpec(json, 'nvidia-device-plugin').toleration).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('it writes its socket into the kubelet device-plugin directory, as root with no capabilities, and mounts nothing else', () => {
    expect(podSpec(json, 'nvidia-device-plugin').volume).toEqual([{ name: 'device-plugins', host_path: { path: '/var/lib/kubelet/device-plugins', type: 'Directory' } }]);
    expect(containerOf(json, 'nvidia-device-plugin').security_context).toMatchObject({ run_as_user: '0', allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } });
    expect(containerOf(json, 'nvidia-device-plugin').security_context.capabilities.add).toBeUndefined();
  });

  test('GIVEN Jetson THEN arm64 nodes and RuntimeClass nvidia; GIVEN not Jetson THEN the default runtime', () => {
    const jetson = synth(true);
    expect(requirementsOf(jetson, 'nvidia-device-plugin')).toEqual(['kubernetes.io/arch In [arm64]']);
    expect(podSpec(jetson, 'nvidia-device-plugin').runtime_class_name).toBe('nvidia');
    expect(podSpec(json, 'nvidia-device-plugin').runtime_class_name).toBeUndefined();
  });
});
