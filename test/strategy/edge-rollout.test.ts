import { edgeRollout, sitesInRolloutOrder, splitInOrder } from '../../strategy/edge-rollout';
import { needsWith } from '../support/needs-fixtures';

const site = (name: string) => ({ name, hardware: 'x86-cpu', nodes: 1 });
const inference = (count: number, rollout?: Record<string, unknown>) =>
  needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: Array.from({ length: count }, (_, i) => site(`site-${i + 1}`)), ...(rollout ? { rollout } : {}) } } }).workload.inference;
const names = (sites: readonly { name: string }[]) => sites.map((s) => s.name);

describe('splitInOrder', () => {
  test.each([
    [7, 3, [3, 2, 2]],
    [6, 3, [2, 2, 2]],
    [2, 4, [1, 1]],
    [5, 1, [5]],
    [0, 4, []],
  ])('%i items in %i groups → sizes %p, larger first', (count, groups, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const split = splitInOrder(items, groups);
    expect(split.map((g) => g.length)).toEqual(sizes);
    expect(split.flat()).toEqual(items);
  });
});

describe('edgeRollout', () => {
  test('GIVEN no rollout THEN the first site pilots and the rest split into the default 4 waves', () => {
    const rollout = edgeRollout(inference(9));
    expect(names(rollout.pilot)).toEqual(['site-1']);
    expect(rollout.waves.map(names)).toEqual([['site-2', 'site-3'], ['site-4', 'site-5'], ['site-6', 'site-7'], ['site-8', 'site-9']]);
  });

  test('GIVEN more waves than sites left THEN one site per wave (the schema capped the waves)', () => {
    expect(edgeRollout(inference(3, { waves: 10 })).waves.map(names)).toEqual([['site-2'], ['site-3']]);
  });

  test('GIVEN every site as pilot THEN no waves', () => {
    const rollout = edgeRollout(inference(2, { pilot: ['site-1', 'site-2'] }));
    expect(names(rollout.pilot)).toEqual(['site-1', 'site-2']);
    expect(rollout.waves).toEqual([]);
  });

  test('GIVEN named pilots THEN they keep the listed order of sites, and waves take the others in listed order', () => {
    const rollout = edgeRollout(inference(6, { pilot: ['site-5', 'site-2'], waves: 2 }));
    expect(names(rollout.pilot)).toEqual(['site-2', 'site-5']);
    expect(rollout.waves.map(names)).toEqual([['site-1', 'site-3'], ['site-4', 'site-6']]);
    expect(names(sitesInRolloutOrder(inference(6, { pilot: ['site-5', 'site-2'], waves: 2 })))).toEqual(['site-2', 'site-5', 'site-1', 'site-3', 'site-4', 'site-6']);
  });

  test('GIVEN no sites THEN nothing to roll out', () => {
    expect(edgeRollout(undefined)).toEqual({ pilot: [], waves: [] });
    expect(edgeRollout(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50 } } }).workload.inference)).toEqual({ pilot: [], waves: [] });
  });
});
