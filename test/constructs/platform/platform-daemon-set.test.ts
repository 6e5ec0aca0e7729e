import { PlatformDaemonSet, type PlatformDaemonSetProps } from '../../../constructs/platform/platform-daemon-set';
import { synthConstruct } from '../../support/synth-json';
import { containerOf, daemonSets, podSpec } from './platform-json';

const base: PlatformDaemonSetProps = {
  namespace: 'gpu-system',
  name: 'agent',
  image: 'registry.example/agent:v1.2.3',
  placement: { requirements: [{ key: 'a', values: ['x', 'y'] }, { key: 'b', values: ['z'] }], tolerations: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
  resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
};
const synth = (props: Partial<PlatformDaemonSetProps> = {}) => synthConstruct((scope) => new PlatformDaemonSet(scope, 'agent', { ...base, ...props }));

describe('PlatformDaemonSet', () => {
  const json = synth();

  test('GIVEN a placement THEN one required node-selector term with every requirement, and Exists tolerations', () => {
    const pod = podSpec(json, 'agent');
    expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
      { match_expressions: [{ key: 'a', operator: 'In', values: ['x', 'y'] }, { key: 'b', operator: 'In', values: ['z'] }] },
    ]);
    expect(pod.toleration).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('the selector matches the pod labels and the pods are node-critical without host namespaces or a token', () => {
    const ds = daemonSets(json).agent;
    expect(ds.spec.selector.match_labels).toEqual({ 'app.kubernetes.io/name': 'agent' });
    expect(ds.spec.template.metadata.labels).toMatchObject(ds.spec.selector.match_labels);
    expect(ds.spec.template.spec).toMatchObject({ host_network: false, host_pid: false, host_ipc: false, automount_service_account_token: false, priority_class_name: 'system-node-critical' });
    expect(ds.spec.template.spec.service_account_name).toBeUndefined();
  });

  test('GIVEN no privileges THEN the container runs non-root with every capability dropped', () => {
    expect(containerOf(json, 'agent').security_context).toMatchObject({ run_as_non_root: true, allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } });
    expect(containerOf(json, 'agent').resources).toEqual(base.resources);
  });

  test('GIVEN host and ConfigMap mounts THEN volumes with the host path type, and mounts read-only as asked', () => {
    const withMounts = synth({
      hostMounts: [{ name: 'dev', path: '/dev/infiniband', type: 'Directory', readOnly: true, reason: 'r' }],
      configMapMounts: [{ name: 'config', configMapName: 'cm', mountPath: '/etc/agent' }],
    });
    expect(podSpec(withMounts, 'agent').volume).toEqual([
      { name: 'dev', host_path: { path: '/dev/infiniband', type: 'Directory' } },
      { name: 'config', config_map: { name: 'cm' } },
    ]);
    expect(containerOf(withMounts, 'agent').volume_mount).toEqual([
      { name: 'dev', mount_path: '/dev/infiniband', read_only: true },
      { name: 'config', mount_path: '/etc/agent', read_only: true },
    ]);
  });

  test('GIVEN a service account and a runtime class THEN the pod uses them and mounts the token', () => {
    const pod = podSpec(synth({ serviceAccountName: 'sa', runtimeClassName: 'nvidia' }), 'agent');
    expect(pod).toMatchObject({ service_account_name: 'sa', runtime_class_name: 'nvidia', automount_service_account_token: true });
  });

  test('GIVEN env from a field and ports THEN value_from.field_ref and named TCP ports', () => {
    const container = containerOf(synth({ env: [{ name: 'NODE_NAME', fieldPath: 'spec.nodeName' }, { name: 'A', value: 'b' }], ports: { metrics: 9400 } }), 'agent');
    expect(container.env).toEqual([{ name: 'NODE_NAME', value_from: { field_ref: { field_path: 'spec.nodeName' } } }, { name: 'A', value: 'b' }]);
    expect(container.port).toEqual([{ name: 'metrics', container_port: 9400, protocol: 'TCP' }]);
  });

  test('throws for a resource value that is not a quantity, naming the construct', () => {
    expect(() => synth({ resources: { requests: { cpu: '10m', memory: 'lots' }, limits: { cpu: '1', memory: '1Gi' } } })).toThrow(/agent: resources\.requests\.memory must be a Kubernetes quantity/);
  });
});

describe('PlatformDaemonSet host paths', () => {
  test('throws for a host path without a reason', () => {
    expect(() => synth({ hostMounts: [{ name: 'run', path: '/run', type: 'Directory', readOnly: true, reason: '' }] })).toThrow(
      'agent: host path /run is mounted without a reason; say what the component reads or writes there',
    );
  });
});
