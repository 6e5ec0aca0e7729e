import {
  allowedDisruptions,
  inferenceShape,
  kubernetesDefaultStrategy,
  podSlots,
  resolveRollingValue,
  updateDeadlock,
  updateStrategyFor,
  type InferenceShape,
} from '../../../constructs/edge/inference-rollout';

describe('inferenceShape', () => {
  test.each([
    ['jetson-orin', { replicas: 3, nodes: 3, gpusPerPod: 0, gpusPerNode: 1, onePerNode: true }],
    ['x86-l4', { replicas: 3, nodes: 3, gpusPerPod: 1, gpusPerNode: 1, onePerNode: true }],
    ['x86-cpu', { replicas: 3, nodes: 3, gpusPerPod: 0, gpusPerNode: 0, onePerNode: false }],
  ] as const)('%s', (hardware, shape) => {
    expect(inferenceShape(hardware, 3)).toEqual(shape);
  });
});

describe('the Kubernetes default strategy deadlocks a site whose pods fill its GPUs (the bug this module exists for)', () => {
  test('GIVEN 2 replicas on 2 single-GPU nodes WHEN the Deployment names no strategy THEN the surge pod waits for a third GPU forever', () => {
    const shape = inferenceShape('x86-l4', 2);
    expect(kubernetesDefaultStrategy(2)).toEqual({ type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 });
    expect(updateDeadlock(shape, kubernetesDefaultStrategy(2))).toBe('a surge pod needs a free slot, but 2 replicas fill all 2 GPUs, and maxUnavailable 0 lets no old pod go first');
  });

  test('GIVEN a Jetson site with one pod per node THEN the default strategy deadlocks on nodes, not GPUs', () => {
    expect(updateDeadlock(inferenceShape('jetson-orin', 3), kubernetesDefaultStrategy(3))).toContain('fill all 3 nodes (one pod each)');
  });

  test.each([1, 2, 3, 4, 7, 100])('GIVEN %i replicas on as many single-GPU nodes THEN the chosen strategy is maxSurge 0, maxUnavailable 1 and never deadlocks', (replicas) => {
    for (const hardware of ['x86-l4', 'jetson-orin'] as const) {
      const shape = inferenceShape(hardware, replicas);
      const strategy = updateStrategyFor(shape);
      expect(strategy).toEqual({ type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 1 });
      expect(updateDeadlock(shape, strategy)).toBeUndefined();
    }
  });

  test('GIVEN a CPU site THEN it can surge: no capacity is lost during an update', () => {
    const shape = inferenceShape('x86-cpu', 2);
    expect(updateStrategyFor(shape)).toEqual({ type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 });
    expect(updateDeadlock(shape, updateStrategyFor(shape))).toBeUndefined();
  });

  test('GIVEN spare GPUs THEN a surge fits and the update keeps full capacity', () => {
    const spare: InferenceShape = { replicas: 2, nodes: 2, gpusPerPod: 1, gpusPerNode: 2, onePerNode: false };
    expect(podSlots(spare)).toBe(4);
    expect(updateStrategyFor(spare)).toEqual({ type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 });
  });

  test('more replicas than slots, or a 0/0 strategy, are reported too', () => {
    expect(updateDeadlock({ replicas: 3, nodes: 2, gpusPerPod: 1, gpusPerNode: 1, onePerNode: true }, { type: 'Recreate' })).toBe('3 replicas need more than the 2 pod slots of the site');
    expect(updateDeadlock(inferenceShape('x86-cpu', 2), { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 0 })).toContain('both 0');
  });

  test('percentages resolve the Kubernetes way: surge rounds up, unavailable rounds down', () => {
    expect([resolveRollingValue('25%', 2, 'up'), resolveRollingValue('25%', 2, 'down'), resolveRollingValue('25%', 8, 'down'), resolveRollingValue(3, 8, 'up')]).toEqual([1, 0, 2, 3]);
  });
});

describe('allowedDisruptions', () => {
  test('a budget of one lets a drain evict one pod at any replica count; a budget of zero blocks every drain', () => {
    for (const replicas of [1, 2, 5]) expect(allowedDisruptions(replicas, 1)).toBe(1);
    expect(allowedDisruptions(3, 0)).toBe(0);
  });
});
