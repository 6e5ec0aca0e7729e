import { WorkloadTenancy, containerLimits, quotaHard, type WorkloadTenancyProps } from '../../../constructs/platform/workload-tenancy';
import { WORKLOAD_SERVICE_ACCOUNTS } from '../../../stacks/gpu-cluster-stack';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { byName } from './platform-json';

const synth = (props: WorkloadTenancyProps) => synthConstruct((scope) => new WorkloadTenancy(scope, 'tenancy', props));
const json = synth({ deviceResources: ['nvidia.com/gpu'], quotas: { training: { chips: 64, deviceResource: 'nvidia.com/gpu' }, inference: { chips: 4, deviceResource: 'nvidia.com/gpu' } } });
const labelsOf = (name: string) => (byName(json, 'kubernetes_namespace_v1')[name].metadata as { labels: Record<string, string> }).labels;

describe('WorkloadTenancy', () => {
  test('GIVEN the platform THEN training, inference and gpu-system namespaces', () => {
    expect(Object.keys(byName(json, 'kubernetes_namespace_v1')).sort()).toEqual(['gpu-system', 'inference', 'training']);
  });

  test('workload namespaces enforce the restricted Pod Security Standard; only gpu-system is privileged', () => {
    for (const name of ['training', 'inference']) {
      expect(labelsOf(name)).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest', 'pod-security.kubernetes.io/warn': 'restricted' });
    }
    expect(labelsOf('gpu-system')['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('the service accounts are exactly the ones the cluster stack binds pod identities to, without an automounted API token', () => {
    const accounts = resourcesOf(json, 'kubernetes_service_account_v1');
    const names = accounts.map((a) => a.metadata as { name: string; namespace: string }).map((m) => `${m.namespace}/${m.name}`);
    expect(names.sort()).toEqual(WORKLOAD_SERVICE_ACCOUNTS.map((w) => `${w.namespace}/${w.serviceAccount}`).sort());
    for (const account of accounts) expect(account.automount_service_account_token).toBe(false);
  });

  test('GIVEN planned chips THEN an accelerator quota per workload namespace', () => {
    const quotas = byName(json, 'kubernetes_resource_quota_v1');
    expect(quotas['training/accelerators'].spec).toEqual({ hard: { 'requests.nvidia.com/gpu': '64' } });
    expect(quotas['inference/accelerators'].spec).toEqual({ hard: { 'requests.nvidia.com/gpu': '4' } });
  });

  test('GIVEN unknown node shapes THEN default requests only: no made-up limit, no maximum', () => {
    const ranges = byName(json, 'kubernetes_limit_range_v1');
    for (const name of ['training', 'inference']) {
      expect(ranges[`${name}/container-defaults`].spec).toEqual({ limit: [{ type: 'Container', default_request: { cpu: '500m', memory: '1Gi' } }] });
    }
    expect(ranges['gpu-system/container-defaults']).toBeUndefined();
  });

  test('GIVEN the p5 training nodes (192 vCPU, 2 TiB) THEN default limits and maxima are the node, not a few GiB', () => {
    const p5 = synth({ deviceResources: ['nvidia.com/gpu'], nodeShapes: { training: { vcpus: 192, memoryGiB: 2048 }, inference: { vcpus: 4, memoryGiB: 16 } } });
    const ranges = byName(p5, 'kubernetes_limit_range_v1');
    expect(ranges['training/container-defaults'].spec).toEqual({
      limit: [{ type: 'Container', default_request: { cpu: '500m', memory: '1Gi' }, default: { cpu: '192', memory: '2048Gi' }, max: { cpu: '192', memory: '2048Gi' } }],
    });
    expect(ranges['inference/container-defaults'].spec).toEqual({
      limit: [{ type: 'Container', default_request: { cpu: '500m', memory: '1Gi' }, default: { cpu: '4', memory: '16Gi' }, max: { cpu: '4', memory: '16Gi' } }],
    });
  });

  // The defect: `default {cpu: 2, memory: 4Gi}` gave a job that set only nvidia.com/gpu: 8 a 4 GiB
  // limit on a 2 TiB p5, and Kubernetes rejected a container requesting more than 4 GiB without a
  // limit. This applies the LimitRanger's defaulting and validation to such containers.
  test('a GPU job that sets only nvidia.com/gpu gets the node as its limit, and a 512 GiB request without a limit is admitted', () => {
    const admit = (limits: ReturnType<typeof containerLimits>, request: { memoryGiB?: number }) => {
      const gib = (q: string | undefined) => (q === undefined ? undefined : q.endsWith('Gi') ? Number(q.slice(0, -2)) : Number(q.slice(0, -2)) / 1024);
      const limit = gib(limits.default?.memory);
      const requested = request.memoryGiB ?? gib(limits.defaultRequest.memory)!;
      const max = gib(limits.max?.memory);
      const rejected = (limit !== undefined && requested > limit) || (max !== undefined && requested > max);
      return { limitGiB: limit, rejected };
    };
    const p5 = containerLimits({ vcpus: 192, memoryGiB: 2048 });
    expect(admit(p5, {})).toEqual({ limitGiB: 2048, rejected: false });
    expect(admit(p5, { memoryGiB: 512 })).toEqual({ limitGiB: 2048, rejected: false });
    expect(admit(p5, { memoryGiB: 4096 })).toEqual({ limitGiB: 2048, rejected: true });
    expect(admit(containerLimits(undefined), { memoryGiB: 512 })).toEqual({ limitGiB: undefined, rejected: false });
  });

  test('throws for a node shape that is not a real instance', () => {
    expect(() => synth({ deviceResources: [], nodeShapes: { training: { vcpus: 0, memoryGiB: 16 } } })).toThrow(
      'tenancy: nodeShapes.training must have a whole number of vCPUs and memoryGiB above 0, got 0 vCPUs and 16 GiB',
    );
  });

  test('every namespaced object waits for its namespace', () => {
    for (const type of ['kubernetes_service_account_v1', 'kubernetes_resource_quota_v1', 'kubernetes_limit_range_v1']) {
      for (const resource of resourcesOf(json, type)) expect(resource.depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\./)]);
    }
  });

  test('GIVEN no device resources THEN no quota objects; GIVEN no planned quota THEN 0 of every resource', () => {
    expect(resourcesOf(synth({ deviceResources: [] }), 'kubernetes_resource_quota_v1')).toHaveLength(0);
    expect(quotaHard(['nvidia.com/gpu', 'aws.amazon.com/neuron'], undefined)).toEqual({ 'requests.nvidia.com/gpu': '0', 'requests.aws.amazon.com/neuron': '0' });
  });

  test('throws for a quota on a resource the cluster does not advertise', () => {
    expect(() => synth({ deviceResources: ['nvidia.com/gpu'], quotas: { training: { chips: 8, deviceResource: 'aws.amazon.com/neuron' } } })).toThrow(
      'tenancy: quotas.training.deviceResource is aws.amazon.com/neuron, which no device plugin of this cluster advertises (it has: nvidia.com/gpu); enable the matching accelerator or drop the quota',
    );
  });

  test('throws for a fractional or negative chip count', () => {
    expect(() => synth({ deviceResources: ['nvidia.com/gpu'], quotas: { inference: { chips: 1.5, deviceResource: 'nvidia.com/gpu' } } })).toThrow(
      'tenancy: quotas.inference.chips must be a whole number of at least 0, got 1.5',
    );
  });

  test('GIVEN teams THEN a restricted namespace and service account per team, labelled for Kueue, each with the training quota; no training namespace', () => {
    const teams = synth({ deviceResources: ['nvidia.com/gpu'], quotas: { training: { chips: 64, deviceResource: 'nvidia.com/gpu' } }, teams: ['vision', 'nlp'] });
    const namespaces = byName(teams, 'kubernetes_namespace_v1');
    expect(Object.keys(namespaces).sort()).toEqual(['gpu-system', 'inference', 'nlp', 'vision']);
    expect((namespaces.vision.metadata as { labels: Record<string, string> }).labels).toMatchObject({ 'tracklayer.dev/team': 'vision', 'pod-security.kubernetes.io/enforce': 'restricted' });
    const accounts = resourcesOf(teams, 'kubernetes_service_account_v1').map((a) => (a.metadata as { namespace: string }).namespace);
    expect(accounts.sort()).toEqual(['inference', 'nlp', 'vision']);
    const quotas = resourcesOf(teams, 'kubernetes_resource_quota_v1').filter((q) => ['vision', 'nlp'].includes((q.metadata as { namespace: string }).namespace));
    expect(quotas.map((q) => q.spec)).toEqual([{ hard: { 'requests.nvidia.com/gpu': '64' } }, { hard: { 'requests.nvidia.com/gpu': '64' } }]);
  });

  test('the default team keeps the construct ids of the training namespace (no destroy and re-create)', () => {
    expect(Object.keys(json.resource!.kubernetes_namespace_v1).some((id) => id.startsWith('tenancy_training-namespace'))).toBe(true);
    expect(labelsOf('training')['tracklayer.dev/team']).toBe('training');
  });

  test('GIVEN a team named like a platform namespace THEN throws', () => {
    expect(() => synth({ deviceResources: [], teams: ['inference'] })).toThrow('teams contains "inference", a namespace the platform already uses; choose another team name');
  });
});
