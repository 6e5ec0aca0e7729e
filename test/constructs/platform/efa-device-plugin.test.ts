import { EFA_DEVICE_PLUGIN_HOST_ACCESS, EfaDevicePlugin, efaDevicePluginValues } from '../../../constructs/platform/efa-device-plugin';
import { synthConstruct } from '../../support/synth-json';
import { releases } from './platform-json';

const json = synthConstruct((scope) => new EfaDevicePlugin(scope, 'efa', { namespace: 'gpu-system', region: 'us-east-1' }));

describe('EfaDevicePlugin', () => {
  test('the aws/eks-charts chart at the pinned version, without waiting on EFA nodes', () => {
    expect(releases(json)['aws-efa-k8s-device-plugin']).toMatchObject({ repository: 'https://aws.github.io/eks-charts', chart: 'aws-efa-k8s-device-plugin', version: 'v0.5.30', wait: false });
  });

  test('the image from the cluster region\'s EKS add-on registry (the chart\'s tag), opt-in regions included', () => {
    expect(releases(json)['aws-efa-k8s-device-plugin'].values.image).toEqual({ repository: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-efa-k8s-device-plugin' });
    expect(efaDevicePluginValues('eu-south-1').image.repository).toBe('590381155156.dkr.ecr.eu-south-1.amazonaws.com/eks/aws-efa-k8s-device-plugin');
  });

  test('only on nodes launched with EFA, tolerating the GPU and Trainium taints; a memory limit', () => {
    const { values } = releases(json)['aws-efa-k8s-device-plugin'];
    expect(values.nodeSelector).toEqual({ 'tracklayer.dev/efa': 'true' });
    expect(values.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'aws.amazon.com/neuron', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(values.resources.limits.memory).toBe('128Mi');
  });

  test('matches upstream: privileged on the host network, recorded with the reasons (the first build\'s unprivileged copy may not find devices)', () => {
    expect(values()).not.toHaveProperty('securityContext');
    expect(EFA_DEVICE_PLUGIN_HOST_ACCESS.privileged).toMatch(/aws\/eks-charts#1245/);
    expect(EFA_DEVICE_PLUGIN_HOST_ACCESS.hostNamespaces?.hostNetwork).toMatch(/hard-coded/);
    expect(Object.keys(EFA_DEVICE_PLUGIN_HOST_ACCESS.hostPaths ?? {})).toEqual(['/var/lib/kubelet/device-plugins', '/dev/infiniband/', '/opt/aws/neuron/']);
  });
});

function values() {
  return releases(json)['aws-efa-k8s-device-plugin'].values;
}
