import { NEURON_DEVICE_PLUGIN_HOST_ACCESS, NeuronDevicePlugin } from '../../../constructs/platform/neuron-device-plugin';
import { synthConstruct } from '../../support/synth-json';
import { affinityOf, releases } from './platform-json';

const json = synthConstruct((scope) => new NeuronDevicePlugin(scope, 'neuron', { namespace: 'gpu-system' }));
const release = () => releases(json)['neuron-device-plugin'];

describe('NeuronDevicePlugin', () => {
  test('the aws-neuron chart from its OCI registry at the pinned version, without waiting on Trainium nodes', () => {
    expect(release()).toMatchObject({ repository: 'oci://public.ecr.aws/neuron', chart: 'neuron-helm-chart', version: '1.9.0', namespace: 'gpu-system', wait: false });
  });

  test('the plugin in gpu-system (upstream: kube-system) on the Trainium nodes; the node problem detector off', () => {
    const { devicePlugin, npd } = release().values;
    expect(devicePlugin.namespaceOverride).toBe('gpu-system');
    expect(affinityOf(devicePlugin)).toEqual(['tracklayer.dev/accelerator In [trainium]']);
    expect(devicePlugin.tolerations).toEqual([{ key: 'aws.amazon.com/neuron', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(npd).toEqual({ enabled: false });
  });

  test('the defect is gone: no /run/infa-map.json File mount; /run as upstream mounts it, recorded with why', () => {
    expect(JSON.stringify(json)).not.toContain('infa-map.json"');
    expect(Object.keys(NEURON_DEVICE_PLUGIN_HOST_ACCESS.hostPaths ?? {})).toEqual(['/var/lib/kubelet/device-plugins', '/run', '/opt/aws']);
    expect(NEURON_DEVICE_PLUGIN_HOST_ACCESS.hostPaths?.['/run']).toMatch(/aws\/aws-cdk#29262/);
  });
});
