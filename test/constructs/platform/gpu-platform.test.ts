import { GpuPlatform, type GpuPlatformProps } from '../../../constructs/platform/gpu-platform';
import { edgePlatformProfile, eksPlatformProfile, onPremPlatformProfile } from '../../../constructs/platform/platform-profile';
import { plannedGpuGroups } from '../../../stacks/gpu-capacity-plan';
import { needsWith } from '../../support/needs-fixtures';
import { resourcesOf, synthConstruct, type TerraformJson } from '../../support/synth-json';
import { affinityOf, byName, releases } from './platform-json';

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

const chartsOf = (json: TerraformJson) => Object.keys(releases(json)).sort();
const daemonSetNames = (json: TerraformJson) => resourcesOf(json, 'kubernetes_daemon_set_v1').map((d) => (d.metadata as { name: string }).name);

describe('GpuPlatform on EKS', () => {
  test('GIVEN h100 x64 multi-node WHEN synthesized THEN the NVIDIA and EFA plugin charts, no DCGM chart (the CloudWatch add-on runs the one exporter)', () => {
    const json = scenarios['eks h100 x64 (EFA)'];
    expect(chartsOf(json)).toEqual(['aws-efa-k8s-device-plugin', 'nvidia-device-plugin']);
    expect(daemonSetNames(json)).toEqual([]);
    expect(releases(json)['aws-efa-k8s-device-plugin'].values.image.repository).toBe('602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-efa-k8s-device-plugin');
    expect(affinityOf(releases(json)['nvidia-device-plugin'].values)).toEqual(['tracklayer.dev/accelerator In [h100,h200,a100,l40s,l4,a10g]']);
  });

  test('GIVEN h100 x64 THEN training may request 64 GPUs and inference none', () => {
    const json = scenarios['eks h100 x64 (EFA)'];
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '64' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '0' });
  });

  test('GIVEN a10g x1 (single node) THEN no EFA plugin; the NVIDIA plugin only; quota 1', () => {
    const json = scenarios['eks a10g x1'];
    expect(chartsOf(json)).toEqual(['nvidia-device-plugin']);
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '1' });
  });

  test('GIVEN trainium x32 THEN the Neuron and EFA charts, no NVIDIA plugin, and the quota on aws.amazon.com/neuron', () => {
    const json = scenarios['eks trainium x32'];
    expect(chartsOf(json)).toEqual(['aws-efa-k8s-device-plugin', 'neuron-device-plugin']);
    expect(quotaOf(json, 'training')).toEqual({ 'requests.aws.amazon.com/neuron': '32' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.aws.amazon.com/neuron': '0' });
  });

  test('GIVEN Trainium training and L4 inference THEN each namespace gets its own resource and 0 of the other', () => {
    const json = scenarios['eks trainium training + l4 inference'];
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '0', 'requests.aws.amazon.com/neuron': '32' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '3', 'requests.aws.amazon.com/neuron': '0' });
    expect(chartsOf(json)).toEqual(['aws-efa-k8s-device-plugin', 'neuron-device-plugin', 'nvidia-device-plugin']);
  });
});

describe('GpuPlatform on-prem and at the edge', () => {
  test('GIVEN on-prem InfiniBand THEN the NVIDIA plugin and DCGM charts and the RDMA plugin with its ConfigMap, all on nvidia.com/gpu.present nodes', () => {
    const json = scenarios['onprem infiniband'];
    expect(chartsOf(json)).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
    expect(daemonSetNames(json)).toEqual(['rdma-shared-device-plugin']);
    for (const name of chartsOf(json)) expect(affinityOf(releases(json)[name].values)).toEqual(['nvidia.com/gpu.present In [true]']);
    expect(byName(json, 'kubernetes_config_map_v1')['gpu-system/rdma-shared-device-plugin']).toBeDefined();
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '128' });
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '128' });
  });

  test('GIVEN on-prem Ethernet THEN no RDMA plugin', () => {
    const json = synth(onPremPlatformProfile(onPremNeed('ethernet')));
    expect(chartsOf(json)).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
    expect(daemonSetNames(json)).toEqual([]);
  });

  test('GIVEN a Jetson site THEN RuntimeClass nvidia, the plugin on arm64 nodes under it (after it), and no DCGM (Jetson has none)', () => {
    const json = scenarios['edge jetson-orin'];
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toEqual([expect.objectContaining({ handler: 'nvidia', metadata: expect.objectContaining({ name: 'nvidia' }) })]);
    expect(chartsOf(json)).toEqual(['nvidia-device-plugin']);
    const plugin = releases(json)['nvidia-device-plugin'];
    expect(affinityOf(plugin.values)).toEqual(['kubernetes.io/arch In [arm64]']);
    expect(plugin.values.runtimeClassName).toBe('nvidia');
    expect(plugin.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_runtime_class_v1\./)]));
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '3' });
    expect(quotaOf(json, 'training')).toEqual({ 'requests.nvidia.com/gpu': '0' });
  });

  test('GIVEN a Jetson site on a distribution that ships the RuntimeClass THEN it is used but not created', () => {
    const json = synth({ ...edgePlatformProfile({ hardware: 'jetson-orin', nodes: 1 }), manageJetsonRuntimeClass: false });
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toHaveLength(0);
    expect(releases(json)['nvidia-device-plugin'].values.runtimeClassName).toBe('nvidia');
  });

  test('GIVEN an x86-l4 site THEN the plugin and DCGM on GPU nodes, the default runtime, a quota of one GPU per node', () => {
    const json = scenarios['edge x86-l4'];
    expect(chartsOf(json)).toEqual(['dcgm-exporter', 'nvidia-device-plugin']);
    expect(releases(json)['nvidia-device-plugin'].values.runtimeClassName).toBeUndefined();
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toHaveLength(0);
    expect(quotaOf(json, 'inference')).toEqual({ 'requests.nvidia.com/gpu': '2' });
  });

  test('GIVEN a CPU-only site THEN tenancy and priorities but no agents and no accelerator quota', () => {
    const json = scenarios['edge x86-cpu'];
    expect(chartsOf(json)).toEqual([]);
    expect(resourcesOf(json, 'kubernetes_resource_quota_v1')).toHaveLength(0);
    expect(resourcesOf(json, 'kubernetes_namespace_v1')).toHaveLength(3);
    expect(resourcesOf(json, 'kubernetes_priority_class_v1')).toHaveLength(3);
  });

  test('dcgmExporter: false keeps the exporter out; true with Jetson or without NVIDIA is refused', () => {
    expect(chartsOf(synth({ ...onPremPlatformProfile(onPremNeed('ethernet')), dcgmExporter: false }))).toEqual(['nvidia-device-plugin']);
  });
});

// Every scenario with node agents (the CPU-only site has none).
describe.each(Object.entries(scenarios).filter(([name]) => name !== 'edge x86-cpu'))('GpuPlatform safety: %s', (_name, json) => {
  const all = Object.values(releases(json));

  test('there are charts to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  test('every chart is pinned to an exact version from an https or oci source', () => {
    for (const release of all) {
      expect(release.version).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(release.repository).toMatch(/^(https|oci):\/\//);
    }
  });

  test('node agents do not wait for nodes that may not exist (a GPU group at zero, a one-node-at-a-time rollout)', () => {
    for (const release of all) expect([release.wait, release.atomic]).toEqual([false, false]);
  });

  test('every chart installs into gpu-system after the namespace exists, on tracklayer\'s placement', () => {
    for (const release of all) {
      expect(release.namespace).toBe('gpu-system');
      expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_namespace_v1\./)]));
      const tolerations = (release.values.tolerations ?? release.values.devicePlugin?.tolerations) as { key: string }[];
      expect(tolerations.length).toBeGreaterThan(0);
    }
  });
});

describe('GpuPlatform construct ids (Terraform addresses are public contract)', () => {
  test('GIVEN the fullest EKS platform THEN the resource addresses are stable', () => {
    const json = scenarios['eks trainium training + l4 inference'];
    const addresses = Object.entries(json.resource ?? {}).flatMap(([type, resources]) => Object.keys(resources).map((key) => `${type}.${key.replace(/_[0-9A-F]{8}$/, '')}`));
    expect(addresses.sort()).toEqual(
      [
        'helm_release.platform_efa-device-plugin_chart_release',
        'helm_release.platform_neuron-device-plugin_chart_release',
        'helm_release.platform_nvidia-device-plugin_chart_release',
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
        'kubernetes_service_account_v1.platform_tenancy_inference-service-account',
        'kubernetes_service_account_v1.platform_tenancy_training-service-account',
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
    ['DCGM without NVIDIA GPUs', { target: 'onprem', dcgmExporter: true }, 'dcgmExporter is true but nvidia is false'],
    ['DCGM on a Jetson site', { target: 'edge', nvidia: true, jetson: true, dcgmExporter: true }, 'dcgmExporter is true on a Jetson site'],
  ];
  test.each(cases)('throws for %s, naming the prop and the way out', (_name, props, message) => {
    expect(() => synth(props)).toThrow(`platform: ${message}`);
  });
});
