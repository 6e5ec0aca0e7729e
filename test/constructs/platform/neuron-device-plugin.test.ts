import { NeuronDevicePlugin } from '../../../constructs/platform/neuron-device-plugin';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { containerOf, daemonSets, podSpec, requirementsOf } from './platform-json';

const json = synthConstruct((scope) => new NeuronDevicePlugin(scope, 'neuron', { namespace: 'gpu-system' }));

describe('NeuronDevicePlugin', () => {
  test('GIVEN Trainium nodes THEN the pinned public ECR image on them, tolerating the Neuron taint', () => {
    expect(containerOf(json, 'neuron-device-plugin').image).toBe('public.ecr.aws/neuron/neuron-device-plugin:2.32.0.0');
    expect(requirementsOf(json, 'neuron-device-plugin')).toEqual(['tracklayer.dev/accelerator In [trainium]']);
    expect(podSpec(json, 'neuron-device-plugin').toleration).toEqual([{ key: 'aws.amazon.com/neuron', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('it uses its own service account, bound to a cluster role with the upstream rules', () => {
    expect(podSpec(json, 'neuron-device-plugin')).toMatchObject({ service_account_name: 'neuron-device-plugin', automount_service_account_token: true });
    const [account] = resourcesOf(json, 'kubernetes_service_account_v1');
    expect(account.metadata).toEqual({ name: 'neuron-device-plugin', namespace: 'gpu-system' });
    const [role] = resourcesOf(json, 'kubernetes_cluster_role_v1');
    expect(role.rule).toContainEqual({ api_groups: [''], resources: ['pods'], verbs: ['update', 'patch', 'get', 'list', 'watch'] });
    const [binding] = resourcesOf(json, 'kubernetes_cluster_role_binding_v1');
    expect(binding.role_ref).toEqual({ api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: expect.stringMatching(/^\$\{kubernetes_cluster_role_v1\./) });
    expect(binding.subject).toEqual([{ kind: 'ServiceAccount', name: expect.stringMatching(/^\$\{kubernetes_service_account_v1\./), namespace: 'gpu-system' }]);
    expect(daemonSets(json)['neuron-device-plugin'].depends_on).toHaveLength(2);
  });

  test('host paths narrowed from the chart: the infa map file and /opt/aws read-only, not all of /run', () => {
    expect(containerOf(json, 'neuron-device-plugin').volume_mount).toEqual([
      { name: 'device-plugins', mount_path: '/var/lib/kubelet/device-plugins', read_only: false },
      { name: 'infa-map', mount_path: '/run/infa-map.json', read_only: true },
      { name: 'aws-neuron', mount_path: '/opt/aws', read_only: true },
    ]);
    expect(podSpec(json, 'neuron-device-plugin').volume.find((v) => v.name === 'infa-map')?.host_path).toEqual({ path: '/run/infa-map.json', type: 'File' });
  });

  test('it knows its node through NODE_NAME', () => {
    expect(containerOf(json, 'neuron-device-plugin').env).toContainEqual({ name: 'NODE_NAME', value_from: { field_ref: { field_path: 'spec.nodeName' } } });
  });
});
