import { ACCELERATORS, Accelerator } from '../../catalog/accelerator';
import {
  CatalogError,
  TrainingNeed,
  chooseInferenceInstance,
  chooseTrainingInstance,
  findInstanceType,
  instanceTypesFor,
  largestInstance,
  trainingProblem,
} from '../../catalog/choose-instance';
import { INSTANCE_TYPES, InstanceTypeSpec } from '../../catalog/instance-type';

/** A made-up instance type for catalogs that exercise one rule at a time. */
function fake(name: string, accelerator: Accelerator, chips: number, efaInterfaces: number, price: number): InstanceTypeSpec {
  return {
    name,
    accelerator,
    chips,
    acceleratorMemoryGiB: chips * 80,
    vcpus: 8 * chips,
    memoryGiB: 64 * chips,
    efaInterfaces,
    networkBandwidthGbps: 100,
    architecture: 'x86_64',
    onDemandUsdPerHour: price,
    priceAsOf: '2026-01-01',
    priceSource: 'https://example.com/prices',
    specSource: 'https://example.com/specs',
  };
}

/** Calls `fn`, expecting a CatalogError, and returns its message. */
function catalogErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).message;
  }
  throw new Error('expected a CatalogError, nothing was thrown');
}

describe('instanceTypesFor', () => {
  it.each(ACCELERATORS)('lists only %s types, fewest chips then cheapest first', (accelerator) => {
    const list = instanceTypesFor(accelerator);
    expect(list.length).toBeGreaterThan(0);
    for (const i of list) expect(i.accelerator).toBe(accelerator);
    for (let k = 1; k < list.length; k++) {
      const [a, b] = [list[k - 1], list[k]];
      expect(a.chips < b.chips || (a.chips === b.chips && a.onDemandUsdPerHour <= b.onDemandUsdPerHour)).toBe(true);
    }
  });

  it('orders the L4 sizes by chips, then price', () => {
    expect(instanceTypesFor('l4').map((i) => i.name)).toEqual([
      'g6.xlarge',
      'g6.2xlarge',
      'g6.4xlarge',
      'g6.8xlarge',
      'g6.16xlarge',
      'g6.12xlarge',
      'g6.24xlarge',
      'g6.48xlarge',
    ]);
  });

  it('does not reorder the shared catalog', () => {
    const before = INSTANCE_TYPES.map((i) => i.name);
    instanceTypesFor('a10g');
    expect(INSTANCE_TYPES.map((i) => i.name)).toEqual(before);
  });
});

describe('largestInstance', () => {
  it.each([
    ['h100', 'p5.48xlarge'],
    ['h200', 'p5en.48xlarge'],
    ['a100', 'p4d.24xlarge'],
    ['l40s', 'g6e.48xlarge'],
    ['l4', 'g6.48xlarge'],
    ['a10g', 'g5.48xlarge'],
    ['trainium', 'trn1.32xlarge'],
  ] as const)('%s → %s', (accelerator, name) => {
    expect(largestInstance(accelerator).name).toBe(name);
  });
});

describe('chooseInferenceInstance', () => {
  it.each([
    ['h100', 'p5.4xlarge'],
    ['h200', 'p5en.48xlarge'],
    ['a100', 'p4d.24xlarge'],
    ['l40s', 'g6e.xlarge'],
    ['l4', 'g6.xlarge'],
    ['a10g', 'g5.xlarge'],
    ['trainium', 'trn1.2xlarge'],
  ] as const)('%s → %s', (accelerator, name) => {
    expect(chooseInferenceInstance(accelerator).name).toBe(name);
  });

  it('throws a CatalogError for an accelerator the catalog lacks', () => {
    const message = catalogErrorMessage(() => chooseInferenceInstance('h100', [fake('x.large', 'l4', 1, 0, 1)]));
    expect(message).toBe('h100: the catalog has no on-demand instance type carrying h100; choose another accelerator');
  });
});

describe('findInstanceType', () => {
  it('finds a type by exact name and returns undefined otherwise', () => {
    expect(findInstanceType('g6.12xlarge')?.chips).toBe(4);
    expect(findInstanceType('G6.12XLARGE')).toBeUndefined();
    expect(findInstanceType('m5.large')).toBeUndefined();
  });
});

describe('chooseTrainingInstance', () => {
  it.each<[string, TrainingNeed, string, number, boolean]>([
    // Multi-node: most chips, then most EFA interfaces, then cheapest.
    ['h100 ×64 multi-node', { accelerator: 'h100', gpus: 64, multiNode: true }, 'p5.48xlarge', 8, true],
    // p5e.48xlarge has 32 EFA cards to p5en's 16 but is capacity-block-only, so p5en wins.
    ['h200 ×16 multi-node', { accelerator: 'h200', gpus: 16, multiNode: true }, 'p5en.48xlarge', 2, true],
    // p4d and p4de tie on chips and EFA cards; p4d is cheaper.
    ['a100 ×16 multi-node', { accelerator: 'a100', gpus: 16, multiNode: true }, 'p4d.24xlarge', 2, true],
    // trn1n.32xlarge ties trn1.32xlarge on chips and has 16 EFA cards to 8.
    ['trainium ×32 multi-node', { accelerator: 'trainium', gpus: 32, multiNode: true }, 'trn1n.32xlarge', 2, true],
    ['l40s ×20 multi-node', { accelerator: 'l40s', gpus: 20, multiNode: true }, 'g6e.48xlarge', 3, true],
    ['a10g ×16 multi-node', { accelerator: 'a10g', gpus: 16, multiNode: true }, 'g5.48xlarge', 2, true],
    // Multi-node allowed but not needed: still one big EFA node.
    ['h100 ×4 multi-node', { accelerator: 'h100', gpus: 4, multiNode: true }, 'p5.48xlarge', 1, true],
    // Single-node: fewest chips that fit, then cheapest.
    ['l4 ×3 single-node', { accelerator: 'l4', gpus: 3, multiNode: false }, 'g6.12xlarge', 1, false],
    ['a10g ×1 single-node', { accelerator: 'a10g', gpus: 1, multiNode: false }, 'g5.xlarge', 1, false],
    ['h100 ×1 single-node', { accelerator: 'h100', gpus: 1, multiNode: false }, 'p5.4xlarge', 1, false],
    ['h100 ×2 single-node', { accelerator: 'h100', gpus: 2, multiNode: false }, 'p5.48xlarge', 1, false],
    ['l40s ×5 single-node', { accelerator: 'l40s', gpus: 5, multiNode: false }, 'g6e.48xlarge', 1, false],
    ['trainium ×2 single-node', { accelerator: 'trainium', gpus: 2, multiNode: false }, 'trn1.32xlarge', 1, false],
    ['trainium ×16 single-node', { accelerator: 'trainium', gpus: 16, multiNode: false }, 'trn1.32xlarge', 1, false],
  ])('%s → %s ×%d, efa %s', (_label, need, name, nodes, efa) => {
    const placement = chooseTrainingInstance(need);
    expect(placement.instance.name).toBe(name);
    expect(placement.nodes).toBe(nodes);
    expect(placement.efa).toBe(efa);
    expect(trainingProblem(need)).toBeUndefined();
  });

  it('covers the need: nodes × chips >= gpus, and one node fewer would not', () => {
    for (const accelerator of ACCELERATORS) {
      for (const gpus of [1, 7, 8, 9, 33, 100]) {
        const { instance, nodes } = chooseTrainingInstance({ accelerator, gpus, multiNode: true });
        expect(nodes * instance.chips).toBeGreaterThanOrEqual(gpus);
        expect((nodes - 1) * instance.chips).toBeLessThan(gpus);
      }
    }
  });

  it('breaks a chip tie by more EFA interfaces, then by lower price', () => {
    const catalog = [
      fake('few-efa.big', 'h100', 8, 4, 10),
      fake('many-efa.big', 'h100', 8, 16, 20),
      fake('many-efa-cheap.big', 'h100', 8, 16, 15),
      fake('small.efa', 'h100', 2, 32, 1),
    ];
    const placement = chooseTrainingInstance({ accelerator: 'h100', gpus: 16, multiNode: true }, catalog);
    expect(placement.instance.name).toBe('many-efa-cheap.big');
    expect(placement.nodes).toBe(2);
  });

  it('picks the cheaper of two single-node fits with the same chips', () => {
    const catalog = [fake('dear.4x', 'l4', 4, 0, 9), fake('cheap.4x', 'l4', 4, 0, 5), fake('big.8x', 'l4', 8, 0, 1)];
    expect(chooseTrainingInstance({ accelerator: 'l4', gpus: 3, multiNode: false }, catalog).instance.name).toBe('cheap.4x');
  });

  it('refuses a single-node job larger than the largest instance, saying what to do', () => {
    const need: TrainingNeed = { accelerator: 'h100', gpus: 9, multiNode: false };
    const message = catalogErrorMessage(() => chooseTrainingInstance(need));
    expect(message).toBe(
      'h100: gpus 9 does not fit on one node; the largest h100 instance type, p5.48xlarge, has 8; ' +
        'set multiNode true or ask for at most 8 gpus',
    );
    expect(trainingProblem(need)).toBe(message);
  });

  it('refuses multi-node training on an accelerator with no EFA instance type', () => {
    const catalog = [
      fake('nofabric.8x', 'a100', 8, 0, 20),
      fake('nofabric.1x', 'a100', 1, 0, 3),
      fake('fabric.8x', 'h100', 8, 32, 50),
      fake('fabric.8x-h200', 'h200', 8, 16, 60),
    ];
    const need: TrainingNeed = { accelerator: 'a100', gpus: 16, multiNode: true };
    const message = catalogErrorMessage(() => chooseTrainingInstance(need, catalog));
    expect(message).toBe(
      'a100: multi-node training needs an EFA instance type (Elastic Fabric Adapter, for the traffic between nodes), ' +
        'but none of the a100 instance types (nofabric.1x, nofabric.8x) carries one; choose h100/h200 or set multiNode false',
    );
    expect(trainingProblem(need, catalog)).toBe(message);
    // Single-node placement on that catalog still works; only the multi-node rule needs EFA.
    expect(trainingProblem({ accelerator: 'a100', gpus: 8, multiNode: false }, catalog)).toBeUndefined();
  });

  it('never places a job on a capacity-block-only type', () => {
    for (const accelerator of ACCELERATORS) {
      for (const multiNode of [true, false]) {
        const gpus = multiNode ? 64 : 1;
        expect(chooseTrainingInstance({ accelerator, gpus, multiNode }).instance.capacityBlockOnly).toBeUndefined();
      }
    }
  });

  it.each([0, -8, 2.5, Number.NaN])('rejects %p gpus', (gpus) => {
    const need: TrainingNeed = { accelerator: 'l4', gpus, multiNode: false };
    const message = catalogErrorMessage(() => chooseTrainingInstance(need));
    expect(message).toBe(`l4: gpus must be a whole number of at least 1, got ${gpus}`);
    expect(trainingProblem(need)).toBe(message);
  });
});

describe('chooseTrainingInstance: capacity blocks', () => {
  test('GIVEN capacityBlock THEN the candidates are the types sold as blocks, capacity-block-only ones included', () => {
    expect(chooseTrainingInstance({ accelerator: 'h200', gpus: 32, multiNode: true, capacityBlock: true }).instance.name).toBe('p5e.48xlarge');
    expect(chooseTrainingInstance({ accelerator: 'h100', gpus: 32, multiNode: true, capacityBlock: true }).instance.name).toBe('p5.48xlarge');
    expect(chooseTrainingInstance({ accelerator: 'h100', gpus: 1, multiNode: false, capacityBlock: true }).instance.name).toBe('p5.48xlarge');
  });

  test('GIVEN capacityBlock for an accelerator sold without blocks THEN the problem says which accelerators have them', () => {
    expect(trainingProblem({ accelerator: 'l4', gpus: 8, multiNode: false, capacityBlock: true })).toBe(
      'l4: AWS sells no l4 instance type as EC2 Capacity Blocks; choose h100/h200/a100/trainium for capacity-block, or another capacity',
    );
  });
});
