import { EfaDevicePlugin } from '../../../constructs/platform/efa-device-plugin';
import { synthConstruct } from '../../support/synth-json';
import { containerOf, podSpec, requirementsOf } from './platform-json';

const json = synthConstruct((scope) => new EfaDevicePlugin(scope, 'efa', { namespace: 'gpu-system', region: 'ap-east-1' }));

describe('EfaDevicePlugin', () => {
  test('GIVEN a region THEN the image from that region\'s EKS add-on registry, pinned', () => {
    expect(containerOf(json, 'aws-efa-k8s-device-plugin').image).toBe('800184023465.dkr.ecr.ap-east-1.amazonaws.com/eks/aws-efa-k8s-device-plugin:v0.5.20');
  });

  test('only the EFA nodes, which may be GPU or Trainium nodes: both taints tolerated', () => {
    expect(requirementsOf(json, 'aws-efa-k8s-device-plugin')).toEqual(['tracklayer.dev/efa In [true]']);
    expect(podSpec(json, 'aws-efa-k8s-device-plugin').toleration.map((t) => t.key)).toEqual(['nvidia.com/gpu', 'aws.amazon.com/neuron']);
  });

  test('unlike the upstream chart: no host network, not privileged; /dev/infiniband read-only', () => {
    const pod = podSpec(json, 'aws-efa-k8s-device-plugin');
    expect(pod.host_network).toBe(false);
    expect(containerOf(json, 'aws-efa-k8s-device-plugin').security_context).toMatchObject({ privileged: false, allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } });
    expect(containerOf(json, 'aws-efa-k8s-device-plugin').volume_mount).toEqual([
      { name: 'device-plugins', mount_path: '/var/lib/kubelet/device-plugins', read_only: false },
      { name: 'infiniband', mount_path: '/dev/infiniband', read_only: true },
    ]);
  });
});
