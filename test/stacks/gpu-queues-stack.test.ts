import { Testing } from 'cdktf';
import { RDMA_PODS_PER_NODE } from '../../constructs/platform/rdma-shared-device-plugin';
import { buildStacks } from '../../stacks/build-stacks';
import type { TracklayerStack } from '../../stacks/tracklayer-stack';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, type TerraformJson } from '../support/synth-json';

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, any> };
const manifests = (json: TerraformJson) => resourcesOf(json, 'kubernetes_manifest').map((m) => m.manifest as Manifest);

describe('GpuQueuesStack', () => {
  const needs = needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 48 }, teams: [{ name: 'vision', gpus: 32 }, { name: 'nlp', gpus: 8 }] } });
  const stacks = synthApp(needs);
  const json = stacks['acme-ml-gpu-queues'];

  test('GIVEN training THEN a ResourceFlavor for the training group, the cohort, a ClusterQueue and a LocalQueue per team', () => {
    const byKind = (kind: string) => manifests(json).filter((m) => m.kind === kind).map((m) => `${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`);
    expect(byKind('ResourceFlavor')).toEqual(['acme-ml-training']);
    expect(byKind('Cohort')).toEqual(['training-gpus']);
    expect(byKind('ClusterQueue').sort()).toEqual(['nlp', 'vision']);
    expect(byKind('LocalQueue').sort()).toEqual(['nlp/default', 'vision/default']);
  });

  test("each team's nominal GPUs are its share; what no team holds (8 of 48) is the cohort's", () => {
    const gpu = (m: Manifest) => m.spec.resourceGroups[0].flavors[0].resources.find((r: { name: string }) => r.name === 'nvidia.com/gpu');
    const queues = manifests(json).filter((m) => m.kind === 'ClusterQueue');
    expect(Object.fromEntries(queues.map((q) => [q.metadata.name, gpu(q)]))).toEqual({
      vision: { name: 'nvidia.com/gpu', nominalQuota: '32', borrowingLimit: '16' },
      nlp: { name: 'nvidia.com/gpu', nominalQuota: '8', borrowingLimit: '40' },
    });
    expect(gpu(manifests(json).find((m) => m.kind === 'Cohort')!)).toEqual({ name: 'nvidia.com/gpu', nominalQuota: '8' });
  });

  test('the namespace GPU quota equals nominal + borrowing limit of every team: it never refuses a pod Kueue admitted on borrowed quota', () => {
    const platform = stacks['acme-ml-gpu-platform'];
    for (const queue of manifests(json).filter((m) => m.kind === 'ClusterQueue')) {
      const resources = queue.spec.resourceGroups[0].flavors.flatMap((f: { resources: { name: string; nominalQuota: string; borrowingLimit: string }[] }) => f.resources.filter((r) => r.name === 'nvidia.com/gpu'));
      const admissible = resources.reduce((sum: number, r: { nominalQuota: string; borrowingLimit: string }) => sum + Number(r.nominalQuota) + Number(r.borrowingLimit), 0);
      const quota = resourcesOf(platform, 'kubernetes_resource_quota_v1').find((q) => (q.metadata as { namespace: string }).namespace === queue.metadata.name)!;
      expect(Number((quota.spec as { hard: Record<string, string> }).hard['requests.nvidia.com/gpu'])).toBeGreaterThanOrEqual(admissible);
    }
  });

  test('the stack depends on the gpu-platform stack (Kueue CRDs and the namespaces come first) and reaches the same cluster', () => {
    const app = Testing.app();
    const selection = selectStrategy(needs);
    const { built } = buildStacks(app, { needs, strategy: selection.strategy }, selection);
    const queues = built.find((s) => s.ref.role === 'gpu-queues')!;
    expect(queues.dependencies.map((d) => (d as TracklayerStack).ref.role)).toContain('gpu-platform');
    expect(json.provider?.kubernetes?.[0].exec).toEqual(stacks['acme-ml-gpu-platform'].provider?.kubernetes?.[0].exec);
  });

  test('GIVEN reservations THEN one flavor per reservation group', () => {
    const reserved = synthApp(
      needsWith({
        cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] },
        workload: { training: { accelerator: 'h100', gpus: 32, capacity: 'reservation', reservations: [{ id: 'cr-0123456789abcdef0', zoneId: 'use1-az4' }, { id: 'cr-0fedcba9876543210', zoneId: 'use1-az6' }] } },
      }),
    )['acme-ml-gpu-queues'];
    expect(manifests(reserved).filter((m) => m.kind === 'ResourceFlavor').map((m) => m.spec.nodeLabels)).toEqual([
      { 'tracklayer.dev/node-group': 'acme-ml-training-cr-0123456789abcdef0' },
      { 'tracklayer.dev/node-group': 'acme-ml-training-cr-0fedcba9876543210' },
    ]);
  });

  test('GIVEN no training THEN no gpu-queues stack', () => {
    expect(Object.keys(synthApp(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50 } } })))).not.toContain('acme-ml-gpu-queues');
  });
});

describe('GpuQueuesStack: EKS Hybrid Nodes', () => {
  const nodes = { mode: 'hybrid-nodes', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };
  const json = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: nodes, workload: { training: { accelerator: 'h100', gpus: 48 } } }))['acme-ml-gpu-queues'];

  test('GIVEN servers that join EKS THEN they are a flavor of their own, selected by the node-group label nodeadm registers, after the cloud group', () => {
    const flavors = manifests(json).filter((m) => m.kind === 'ResourceFlavor');
    expect(flavors.map((f) => f.metadata.name).sort()).toEqual(['acme-ml-onprem', 'acme-ml-training']);
    const queue = manifests(json).find((m) => m.kind === 'ClusterQueue')!;
    expect(queue.spec.resourceGroups[0].flavors.map((f: { name: string }) => f.name)).toEqual(['acme-ml-training', 'acme-ml-onprem']);
    expect(flavors.find((f) => f.metadata.name === 'acme-ml-onprem')!.spec).toEqual({ nodeLabels: { 'tracklayer.dev/node-group': 'acme-ml-onprem' }, nodeTaints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] });
  });

  test('the team may be admitted on all 48 GPUs: 16 in the cloud (the gap) and 32 on the servers, with no EFA on premises', () => {
    const queue = manifests(json).find((m) => m.kind === 'ClusterQueue')!;
    const byFlavor = Object.fromEntries(
      queue.spec.resourceGroups[0].flavors.map((f: { name: string; resources: { name: string; nominalQuota: string; borrowingLimit?: string }[] }) => [f.name, Object.fromEntries(f.resources.map((r) => [r.name, Number(r.nominalQuota) + Number(r.borrowingLimit ?? 0)]))]),
    );
    expect(byFlavor['acme-ml-training']['nvidia.com/gpu']).toBe(16);
    expect(byFlavor['acme-ml-onprem']['nvidia.com/gpu']).toBe(32);
    expect(byFlavor['acme-ml-onprem']['vpc.amazonaws.com/efa']).toBe(0);
    // Ethernet servers: no RDMA plugin, so no RDMA resource to cover
    expect(queue.spec.resourceGroups[0].coveredResources).not.toContain('rdma/rdma_shared_devices');
  });

  test('GIVEN an InfiniBand fabric THEN the queue covers the RDMA plugin\'s resource, all of it on the servers, so an RDMA job is admitted there and only there', () => {
    const infiniband = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: { ...nodes, interconnect: 'infiniband' }, workload: { training: { accelerator: 'h100', gpus: 48 } } }))['acme-ml-gpu-queues'];
    const queue = manifests(infiniband).find((m) => m.kind === 'ClusterQueue')!;
    expect(queue.spec.resourceGroups[0].coveredResources).toContain('rdma/rdma_shared_devices');
    const rdma = Object.fromEntries(
      queue.spec.resourceGroups[0].flavors.map((f: { name: string; resources: { name: string; nominalQuota: string; borrowingLimit?: string }[] }) => {
        const r = f.resources.find((x) => x.name === 'rdma/rdma_shared_devices')!;
        return [f.name, Number(r.nominalQuota) + Number(r.borrowingLimit ?? 0)];
      }),
    );
    expect(rdma).toEqual({ 'acme-ml-training': 0, 'acme-ml-onprem': 4 * RDMA_PODS_PER_NODE });
  });
});
