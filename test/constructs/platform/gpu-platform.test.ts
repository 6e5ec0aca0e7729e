import { GpuPlatform, type GpuPlatformProps } from '../../../constructs/platform/gpu-platform';
import { edgePlatformProfile, eksPlatformProfile, onPremPlatformProfile } from '../../../constructs/platform/platform-profile';
import { plannedGpuGroups } from '../../../stacks/gpu-capacity-plan';
import { needsWith } from '../../support/needs-fixtures';
import { resourcesOf, synthConstruct, type TerraformJson } from '../../support/synth-json';
import { byName, containerOf, daemonSets, podSpec, requirementsOf } from './platform-json';

const synth = (props: GpuPlatformProps): TerraformJson => synthConstruct((scope) => new GpuPlatform(scope, 'platform', props));
const eks = (workload: Record<string, unknown>): TerraformJson => {
  const needs = needsWith({ workload });
  return synth(eksPlatformProfile(needs, plannedGpuGroups(needs)));
};
const onPremNeed = (interconnect: string) =>
  needsWith({ onPrem: { kubeContext: 'dc1', gpuNodes: 16, interconnect, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' } }).onPrem!;
const quotaOf = (json: TerraformJson, namespace: string) => (byName(json, 'kubernetes_resource_quota_v1')[`${namespace}/accelerators`]?.spec as { hard: Record<string, string> } | undefined)?.hard;

const scenarios: Record<string, TerraformJson> = {
  'eks h100 x64 (EFA)': eks({ training: { accelerator: 'h100', gpus: 64 } }),
  'eks a10g x1': eks({ training: { accelerator: 'a10g', gpus: 1 } }),
  'eks trainium x32': eks({ training: { accelerator: 'trainium', gpus: 32 } }),
  'eks trainium training + l4 inference': eks({ training: { accelerator: 'trainium', gpus: 32 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } }),
  'onprem infiniband': synth(onPremPlatformProfile(onPremNeed('infiniband'))),
  'edge jetson-orin': synth(edgePlatformProfile({ hardware: 'jetson-orin', nodes: 3 })),
  'edge x86-l4': synth(edgePlatformProfile({ hardware: 'x86-l4', nodes: 2 })),
  'edge x86-cpu': synth(edgePlatformProfile({ hardware: 'x86-cpu', nodes: 4 })),
};

describe('GpuPlatform on EKS', () => {
  test('GIVEN h100 x64 multi-node WHEN synthesized THEN NVIDIA and EFA plugins and DCGM, EFA only on EFA nodes, image from the regional EKS registry', () => {
    const json = scenarios['eks h100 x64 (EFA)'];
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'dcgm-exporter', 'nvidia-device-plugin']);
    expect(requirementsOf(json, 'aws-efa-k8s-device-plugin')).toEqual(['tracklayer.dev/efa In [true]']);
    expect(containerOf(json, 'aws-efa-k8s-device-plugin').image).toBe('602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-efa-k8s-device-plugin:v0.5.20');
    expect(requirementsOf(json, 'nvidia-device-plugin')).toEqual(['tracklayer.dev/accelerator In [h100,h200,a100,l40s,l4,a10g]']);
    expect(podSpec(json, 'nvidia-device-plugin').toleration).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('GIVEN h100 x64 THEN training may request 64 GPUs and inference none', () => {
    const json = scenarios['eks h100 x64 (EFA)'];
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '64' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '0' });
  });

  test('GIVEN a10g x1 (single node) THEN no EFA plugin; NVIDIA plugin and DCGM only; quota 1', () => {
    const json = scenarios['eks a10g x1'];
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '1' });
  });

  test('GIVEN trainium x32 THEN Neuron and EFA plugins, no NVIDIA plugin or DCGM, and the quota is on aws.amazon.com/neuron', () => {
    const json = scenarios['eks trainium x32'];
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'neuron-device-plugin']);
    expect(requirementsOf(json, 'neuron-device-plugin')).toEqual(['tracklayer.dev/accelerator In [trainium]']);
    expect(podSpec(json, 'neuron-device-plugin').toleration).toEqual([{ key: 'aws.amazon.com/neuron', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(quotaOf(json, 'training')).toEqual({ 'requests.aws.amazon.com/neuron': '32' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.aws.amazon.com/neuron': '0' });
    expect(resourcesOf(json, 'kubernetes_service_v1')).toHaveLength(0);
  });

  test('GIVEN Trainium training and L4 inference THEN each namespace gets its own resource and 0 of the other', () => {
    const json = scenarios['eks trainium training + l4 inference'];
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '0', 'requests.aws.amazon.com/neuron': '32' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '3', 'requests.aws.amazon.com/neuron': '0' });
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'dcgm-exporter', 'neuron-device-plugin', 'nvidia-device-plugin']);
  });
});

describe('GpuPlatform on-prem and at the edge', () => {
  test('GIVEN on-prem InfiniBand THEN NVIDIA plugin, DCGM and the RDMA plugin with its ConfigMap, all on nvidia.com/gpu.present nodes', () => {
    const json = scenarios['onprem infiniband'];
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['dcgm-exporter', 'nvidia-device-plugin', 'rdma-shared-device-plugin']);
    for (const name of Object.keys(daemonSets(json))) expect(requirementsOf(json, name)).toEqual(['nvidia.com/gpu.present In [true]']);
    expect(byName(json, 'kubernetes_config_map_v1')['gpu-system/rdma-shared-device-plugin']).toBeDefined();
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '128' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '128' });
  });

  test('GIVEN on-prem Ethernet THEN no RDMA plugin', () => {
    const json = synth(onPremPlatformProfile(onPremNeed('ethernet')));
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
  });

  test('GIVEN a Jetson site THEN RuntimeClass nvidia, the plugin on arm64 nodes under it, and no DCGM (Jetson has none)', () => {
    const json = scenarios['edge jetson-orin'];
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toEqual([expect.objectContaining({ handler: 'nvidia', metadata: expect.objectContaining({ name: 'nvidia' }) })]);
    expect(Object.keys(daemonSets(json))).toEqual(['nvidia-device-plugin']);
    expect(requirementsOf(json, 'nvidia-device-plugin')).toEqual(['kubernetes.io/arch In [arm64]']);
    expect(podSpec(json, 'nvidia-device-plugin').runtime_class_name).toBe('nvidia');
    expect(daemonSets(json)['nvidia-device-plugin'].depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_runtime_class_v1\./)]));
    expect(resourcesOf(json, 'kubernetes_service_v1')).toHaveLength(0);
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '3' });
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '0' });
  });

  test('GIVEN a Jetson site on a distribution that ships the RuntimeClass THEN it is used but not created', () => {
    const json = synth({ ...edgePlatformProfile({ hardware: 'jetson-orin', nodes: 1 }), manageJetsonRuntimeClass: false });
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toHaveLength(0);
    expect(podSpec(json, 'nvidia-device-plugin').runtime_class_name).toBe('nvidia');
  });

  test('GIVEN an x86-l4 site THEN the plugin and DCGM on GPU nodes, the default runtime, a quota of one GPU per node', () => {
    const json = scenarios['edge x86-l4'];
    expect(Object.keys(daemonSets(json)).sort()).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
    expect(requirementsOf(json, 'nvidia-device-plugin')).toEqual(['nvidia.com/gpu.present In [true]']);
    expect(podSpec(json, 'nvidia-device-plugin').runtime_class_name).toBeUndefined();
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toHaveLength(0);
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '2' });
  });

  test('GIVEN a CPU-only site THEN tenancy and priorities but no agents and no accelerator quota', () => {
    const json = scenarios['edge x86-cpu'];
    expect(daemonSets(json)).toEqual({});
    expect(resourcesOf(json, 'kubernetes_resource_quota_v1')).toHaveLength(0);
    expect(resourcesOf(json, 'kubernetes_namespace_v1')).toHaveLength(3);
    expect(resourcesOf(json, 'kubernetes_priority_class_v1')).toHaveLength(3);
  });
});

// Every scenario with node agents (the CPU-only site has none).
describe.each(Object.entries(scenarios).filter(([name]) => name !== 'edge x86-cpu'))('GpuPlatform safety: %s', (_name, json) => {
  const all = Object.values(daemonSets(json));

  test('there are agents to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  test('every image has a pinned tag, never latest', () => {
    for (const ds of all) for (const c of ds.spec.template.spec.container) expect(c.image).toMatch(/^[^:@]+(:\d+)?\/[^:]+:(?!latest$)[\w][\w.-]*$/);
  });

  test('every container has CPU and memory requests and limits', () => {
    for (const ds of all) for (const c of ds.spec.template.spec.container) {
      expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    }
  });

  test('no host network, PID or IPC; no privilege escalation; every capability dropped, only SYS_ADMIN (DCGM) added back', () => {
    for (const ds of all) {
      const pod = ds.spec.template.spec;
      expect([pod.host_network, pod.host_pid, pod.host_ipc]).toEqual([false, false, false]);
      for (const c of pod.container) {
        expect(c.security_context).toMatchObject({ allow_privilege_escalation: false, privileged: false, capabilities: { drop: ['ALL'] }, seccomp_profile: { type: 'RuntimeDefault' } });
        expect(c.security_context.capabilities.add ?? []).toEqual(ds.metadata.name === 'dcgm-exporter' ? ['SYS_ADMIN'] : []);
      }
    }
  });

  test('host paths: only the kubelet device-plugin directory is writable; anything else is read-only', () => {
    for (const ds of all) {
      const pod = ds.spec.template.spec;
      const hostVolumes = new Map(pod.volume.filter((v) => v.host_path).map((v) => [v.name, v.host_path!.path]));
      for (const mount of pod.container[0].volume_mount.filter((m) => hostVolumes.has(m.name))) {
        if (!mount.read_only) expect(hostVolumes.get(mount.name)).toBe('/var/lib/kubelet/device-plugins');
      }
    }
  });

  test('the agents run in gpu-system at system-node-critical, with no API token unless they name a service account', () => {
    for (const ds of all) {
      expect(ds.metadata.namespace).toBe('gpu-system');
      expect(ds.spec.template.spec.priority_class_name).toBe('system-node-critical');
      expect(ds.spec.template.spec.automount_service_account_token).toBe(ds.spec.template.spec.service_account_name !== undefined);
      expect(ds.depends_on?.length).toBeGreaterThan(0);
    }
  });
});

describe('GpuPlatform construct ids (Terraform addresses are public contract)', () => {
  test('GIVEN the fullest EKS platform THEN the resource addresses are stable', () => {
    const json = scenarios['eks trainium training + l4 inference'];
    const addresses = Object.entries(json.resource ?? {}).flatMap(([type, resources]) => Object.keys(resources).map((key) => `${type}.${key.replace(/_[0-9A-F]{8}$/, '')}`));
    expect(addresses.sort()).toEqual(
      [
        'kubernetes_cluster_role_binding_v1.platform_neuron-device-plugin_cluster-role-binding',
        'kubernetes_cluster_role_v1.platform_neuron-device-plugin_cluster-role',
        'kubernetes_daemon_set_v1.platform_dcgm-exporter_agent_daemon-set',
        'kubernetes_daemon_set_v1.platform_efa-device-plugin_agent_daemon-set',
        'kubernetes_daemon_set_v1.platform_neuron-device-plugin_agent_daemon-set',
        'kubernetes_daemon_set_v1.platform_nvidia-device-plugin_agent_daemon-set',
        'kubernetes_limit_range_v1.platform_tenancy_inference-limit-range',
        'kubernetes_limit_range_v1.platform_tenancy_training-limit-range',
        'kubernetes_namespace_v1.platform_tenancy_gpu-system-namespace',
        'kubernetes_namespace_v1.platform_tenancy_inference-namespace',
        'kubernetes_namespace_v1.platform_tenancy_training-namespace',
        'kubernetes_priority_class_v1.platform_priorities_batch-preemptible',
        'kubernetes_priority_class_v1.platform_priorities_inference-critical',
        'kubernetes_priority_class_v1.platform_priorities_training',
        'kubernetes_resource_quota_v1.platform_tenancy_inference-accelerator-quota',
        'kubernetes_resource_quota_v1.platform_tenancy_training-accelerator-quota',
        'kubernetes_service_account_v1.platform_neuron-device-plugin_service-account',
        'kubernetes_service_account_v1.platform_tenancy_inference-service-account',
        'kubernetes_service_account_v1.platform_tenancy_training-service-account',
        'kubernetes_service_v1.platform_dcgm-exporter_service',
      ].sort(),
    );
  });
});

describe('GpuPlatform rejects hardware a target cannot have', () => {
  const cases: [string, GpuPlatformProps, string][] = [
    ['neuron off EKS', { target: 'onprem', neuron: true }, 'neuron is true for target onprem; Trainium exists only in AWS, so neuron needs target eks'],
    ['efa off EKS', { target: 'edge', efa: true, region: 'us-east-1' }, 'efa is true for target edge; EFA is the AWS fabric'],
    ['efa without a region', { target: 'eks', nvidia: true, efa: true }, 'efa is true but region is not set'],
    ['rdma on EKS', { target: 'eks', nvidia: true, rdma: true }, 'rdma is true for target eks'],
    ['rdma without GPUs', { target: 'onprem', rdma: true }, 'rdma is true but nvidia is false'],
    ['jetson on EKS', { target: 'eks', nvidia: true, jetson: true }, 'jetson is true for target eks'],
    ['jetson without nvidia', { target: 'edge', jetson: true }, 'jetson is true but nvidia is false'],
  ];
  test.each(cases)('throws for %s, naming the prop and the way out', (_name, props, message) => {
    expect(() => synth(props)).toThrow(`platform: ${message}`);
  });
});
