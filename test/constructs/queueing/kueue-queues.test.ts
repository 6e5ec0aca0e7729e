import { findInstanceType } from '../../../catalog/choose-instance';
import { BORROW_PREEMPTION_MAX_PRIORITY, KueueQueues, KueueQueuesError, TEAM_LOCAL_QUEUE, TRAINING_COHORT, clusterQueue, cohortObject, localQueue, resourceFlavor } from '../../../constructs/queueing/kueue-queues';
import { queuePlan } from '../../../constructs/queueing/queue-plan';
import { WORKLOAD_PRIORITIES } from '../../../constructs/platform/scheduling-priorities';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const p5 = findInstanceType('p5.48xlarge')!;
const taint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' as const };
const plan = queuePlan([{ name: 'acme-ml-training', instance: p5, maxNodes: 8, efa: true }], [{ name: 'vision', gpus: 32 }, { name: 'nlp', gpus: 16 }]);

describe('resourceFlavor', () => {
  test('selects its node group by the tracklayer.dev/node-group label and refuses pods that do not tolerate the GPU taint', () => {
    expect(resourceFlavor({ name: 'acme-ml-training', taint })).toEqual({
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'ResourceFlavor',
      metadata: { name: 'acme-ml-training', labels: { 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' } },
      spec: { nodeLabels: { 'tracklayer.dev/node-group': 'acme-ml-training' }, nodeTaints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] },
    });
  });
});

describe('clusterQueue', () => {
  const queue = clusterQueue(plan, 'vision') as { spec: Record<string, any> };

  test('is in the cohort and open to its own namespace only', () => {
    expect(queue.spec.cohortName).toBe(TRAINING_COHORT);
    expect(queue.spec.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'vision' } });
  });

  test('nominal quota is the team share, and it may borrow all that is idle', () => {
    const flavor = queue.spec.resourceGroups[0].flavors[0];
    const gpu = flavor.resources.find((r: { name: string }) => r.name === 'nvidia.com/gpu');
    expect(gpu).toEqual({ name: 'nvidia.com/gpu', nominalQuota: '32', borrowingLimit: '32' });
    expect(queue.spec.resourceGroups[0].coveredResources).toEqual(['cpu', 'memory', 'nvidia.com/gpu', 'vpc.amazonaws.com/efa']);
  });

  test('preempts by priority: reclaims lent quota, borrows only by preempting interruptible work', () => {
    expect(queue.spec.preemption).toEqual({ reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'LowerPriority', maxPriorityThreshold: 0 }, withinClusterQueue: 'LowerPriority' });
    expect(WORKLOAD_PRIORITIES.find((p) => p.name === 'batch-preemptible')!.value).toBe(BORROW_PREEMPTION_MAX_PRIORITY);
    expect(WORKLOAD_PRIORITIES.find((p) => p.name === 'training')!.value).toBeGreaterThan(BORROW_PREEMPTION_MAX_PRIORITY);
  });

  test('throws for a team the plan does not have', () => {
    expect(() => clusterQueue(plan, 'audio')).toThrow('team audio is not in the plan (it has vision, nlp)');
  });
});

test('the cohort holds what no team is guaranteed; the LocalQueue is `default` in the team namespace', () => {
  const cohort = cohortObject(plan) as { spec: { resourceGroups: { flavors: { resources: { name: string; nominalQuota: string }[] }[] }[] } };
  expect(cohort.spec.resourceGroups[0].flavors[0].resources.find((r) => r.name === 'nvidia.com/gpu')!.nominalQuota).toBe('16');
  expect(localQueue('vision')).toMatchObject({ kind: 'LocalQueue', metadata: { name: TEAM_LOCAL_QUEUE, namespace: 'vision' }, spec: { clusterQueue: 'vision' } });
});

describe('KueueQueues', () => {
  test('GIVEN a plan THEN kubernetes_manifest objects: flavors, the cohort, a ClusterQueue and a LocalQueue per team, queues after their flavors', () => {
    const json = synthConstruct((scope) => new KueueQueues(scope, 'queues', { plan, flavors: [{ name: 'acme-ml-training', taint }] }));
    const manifests = resourcesOf(json, 'kubernetes_manifest');
    expect(manifests.map((m) => (m.manifest as { kind: string }).kind).sort()).toEqual(['ClusterQueue', 'ClusterQueue', 'Cohort', 'LocalQueue', 'LocalQueue', 'ResourceFlavor']);
    const queue = manifests.find((m) => (m.manifest as { kind: string }).kind === 'ClusterQueue')!;
    expect((queue.depends_on as string[]).some((d) => d.includes('flavor-acme-ml-training'))).toBe(true);
  });

  test('throws when a flavor of the plan has no node selection', () => {
    expect(() => synthConstruct((scope) => new KueueQueues(scope, 'queues', { plan, flavors: [] }))).toThrow(KueueQueuesError);
    expect(() => synthConstruct((scope) => new KueueQueues(scope, 'queues', { plan, flavors: [] }))).toThrow('flavors acme-ml-training of the plan have no node selection');
  });
});
