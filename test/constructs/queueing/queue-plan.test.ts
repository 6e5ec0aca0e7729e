import { findInstanceType } from '../../../catalog/choose-instance';
import { QueuePlanError, quantities, queuePlan, scaledShares, type TrainingNodeSource } from '../../../constructs/queueing/queue-plan';
import { RDMA_PODS_PER_NODE } from '../../../constructs/platform/rdma-shared-device-plugin';

const p5 = findInstanceType('p5.48xlarge')!;
const source = (name: string, maxNodes: number, efa = true): TrainingNodeSource => ({ name, instance: p5, maxNodes, efa });

describe('queuePlan', () => {
  test('GIVEN one flavor and the default team THEN its nominal quota is all the chips, and it borrows nothing', () => {
    const plan = queuePlan([source('acme-ml-training', 8)], [{ name: 'training', gpus: 64 }]);
    expect(plan.coveredResources).toEqual(['cpu', 'memory', 'nvidia.com/gpu', 'vpc.amazonaws.com/efa']);
    expect(plan.teams[0].flavors[0].nominal).toEqual({ chips: 64, cpuMillis: 8 * 192_000, memoryMiB: 8 * 2048 * 1024, efa: 8 * 32, rdma: 0 });
    expect(plan.teams[0].flavors[0].borrowingLimit).toEqual({ chips: 0, cpuMillis: 0, memoryMiB: 0, efa: 0, rdma: 0 });
    expect(plan.cohort[0].units.chips).toBe(0);
  });

  test('GIVEN teams sharing less than the capacity THEN each nominal is its share, CPU, memory and EFA in proportion, and the cohort holds the rest', () => {
    const plan = queuePlan([source('f', 8)], [{ name: 'vision', gpus: 32 }, { name: 'nlp', gpus: 12 }]);
    const [vision, nlp] = plan.teams;
    expect(vision.flavors[0].nominal).toEqual({ chips: 32, cpuMillis: 4 * 192_000, memoryMiB: 4 * 2048 * 1024, efa: 128, rdma: 0 });
    expect(nlp.flavors[0].nominal).toEqual({ chips: 12, cpuMillis: 288_000, memoryMiB: 1.5 * 2048 * 1024, efa: 48, rdma: 0 });
    expect(plan.cohort[0].units).toEqual({ chips: 20, cpuMillis: 8 * 192_000 - 4 * 192_000 - 288_000, memoryMiB: 8 * 2048 * 1024 - 4 * 2048 * 1024 - 1.5 * 2048 * 1024, efa: 256 - 128 - 48, rdma: 0 });
  });

  test('every team can borrow up to all of the flavor, never more: nominal + borrowing limit = capacity (what the namespace quota allows)', () => {
    const plan = queuePlan([source('a', 4), source('b', 4)], [{ name: 'vision', gpus: 40 }, { name: 'nlp', gpus: 24 }]);
    for (const team of plan.teams) {
      team.flavors.forEach((quota, f) => expect(quota.nominal.chips + quota.borrowingLimit.chips).toBe(plan.capacity[f].units.chips));
      const quota = plan.capacity.reduce((sum, c) => sum + c.units.chips, 0);
      expect(team.flavors.reduce((sum, q) => sum + q.nominal.chips + q.borrowingLimit.chips, 0)).toBe(quota);
    }
  });

  test('shares fill the flavors in order: vision takes a whole flavor and 8 of the next', () => {
    const plan = queuePlan([source('a', 4), source('b', 4)], [{ name: 'vision', gpus: 40 }, { name: 'nlp', gpus: 24 }]);
    expect(plan.teams.map((t) => t.flavors.map((f) => f.nominal.chips))).toEqual([
      [32, 8],
      [0, 24],
    ]);
  });

  test('GIVEN shares above the capacity (hybrid) THEN they are scaled down in proportion to it, whole chips, adding up exactly', () => {
    expect(scaledShares([{ name: 'a', gpus: 200 }, { name: 'b', gpus: 56 }], 128)).toEqual([100, 28]);
    expect(scaledShares([{ name: 'a', gpus: 1 }, { name: 'b', gpus: 1 }, { name: 'c', gpus: 1 }], 2)).toEqual([1, 1, 0]);
    const plan = queuePlan([source('f', 16)], [{ name: 'a', gpus: 200 }, { name: 'b', gpus: 56 }]);
    expect(plan.teams.map((t) => t.chips)).toEqual([100, 28]);
  });

  test('without EFA the resources are cpu, memory and the accelerator', () => {
    expect(queuePlan([source('f', 1, false)], [{ name: 't', gpus: 8 }]).coveredResources).toEqual(['cpu', 'memory', 'nvidia.com/gpu']);
  });

  test('quantities are Kubernetes quantities in the covered order', () => {
    const plan = queuePlan([source('f', 1)], [{ name: 't', gpus: 4 }]);
    expect(quantities(plan.teams[0].flavors[0].nominal, plan)).toEqual([
      { name: 'cpu', quantity: '96' },
      { name: 'memory', quantity: '1048576Mi' },
      { name: 'nvidia.com/gpu', quantity: '4' },
      { name: 'vpc.amazonaws.com/efa', quantity: '16' },
    ]);
  });

  test('GIVEN a flavor with an RDMA fabric THEN its resource is covered (else Kueue holds RDMA jobs as inadmissible), zero on the flavor without it', () => {
    const onPrem: TrainingNodeSource = { name: 'onprem', instance: { ...p5, efaInterfaces: 0 }, maxNodes: 2, efa: false, rdma: true };
    const plan = queuePlan([source('cloud', 1), onPrem], [{ name: 't', gpus: 12 }]);
    expect(plan.coveredResources).toEqual(['cpu', 'memory', 'nvidia.com/gpu', 'vpc.amazonaws.com/efa', 'rdma/rdma_shared_devices']);
    expect(plan.capacity.map((c) => [c.flavor, c.units.efa, c.units.rdma])).toEqual([
      ['cloud', 32, 0],
      ['onprem', 0, 2 * RDMA_PODS_PER_NODE],
    ]);
    // 8 chips in the cloud, 4 of a server's 8 on premises: half the server's RDMA slots
    expect(plan.teams[0].flavors[1].nominal.rdma).toBe(RDMA_PODS_PER_NODE / 2);
    expect(quantities(plan.teams[0].flavors[1].nominal, plan).at(-1)).toEqual({ name: 'rdma/rdma_shared_devices', quantity: String(RDMA_PODS_PER_NODE / 2) });
    expect(queuePlan([source('cloud', 1)], [{ name: 't', gpus: 8 }]).coveredResources).not.toContain('rdma/rdma_shared_devices');
  });

  test.each([
    [[], /there is no training node source/],
    [[source('f', 0)], /node source f has maxNodes 0/],
    [[source('f', 1), { name: 'g', instance: findInstanceType('trn1.32xlarge')!, maxNodes: 1, efa: true }], /different accelerator resources \(nvidia.com\/gpu, aws.amazon.com\/neuron\)/],
  ])('throws when the sources cannot be one pool (%#)', (sources, message) => {
    expect(() => queuePlan(sources as TrainingNodeSource[], [{ name: 't', gpus: 1 }])).toThrow(QueuePlanError);
    expect(() => queuePlan(sources as TrainingNodeSource[], [{ name: 't', gpus: 1 }])).toThrow(message);
  });
});
