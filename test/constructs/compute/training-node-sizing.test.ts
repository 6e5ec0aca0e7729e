import { CatalogError } from '../../../catalog/catalog-error';
import { inferenceNodeGroupSizing, trainingNodeGroupSizing } from '../../../constructs/compute/training-node-sizing';

const summary = (sizing: ReturnType<typeof trainingNodeGroupSizing>) => ({
  instance: sizing.instance.name,
  minSize: sizing.minSize,
  maxSize: sizing.maxSize,
  capacityType: sizing.capacityType,
  efa: sizing.efa,
});

describe('trainingNodeGroupSizing', () => {
  test.each([
    [
      'h100 x64, multi-node, interruptible, bursty',
      { accelerator: 'h100', gpus: 64, multiNode: true, interruptible: true },
      'bursty',
      { instance: 'p5.48xlarge', minSize: 0, maxSize: 8, capacityType: 'SPOT', efa: true },
    ],
    [
      'a10g x1, single node, steady',
      { accelerator: 'a10g', gpus: 1, multiNode: false, interruptible: false },
      'steady',
      { instance: 'g5.xlarge', minSize: 1, maxSize: 1, capacityType: 'ON_DEMAND', efa: false },
    ],
    [
      'h200 x16, multi-node, steady',
      { accelerator: 'h200', gpus: 16, multiNode: true, interruptible: false },
      'steady',
      { instance: 'p5en.48xlarge', minSize: 2, maxSize: 2, capacityType: 'ON_DEMAND', efa: true },
    ],
    [
      'trainium x32, multi-node, scheduled',
      { accelerator: 'trainium', gpus: 32, multiNode: true, interruptible: false },
      'scheduled',
      { instance: 'trn1n.32xlarge', minSize: 0, maxSize: 2, capacityType: 'ON_DEMAND', efa: true },
    ],
    [
      'h100 x20, multi-node, steady rounds nodes up',
      { accelerator: 'h100', gpus: 20, multiNode: true, interruptible: false },
      'steady',
      { instance: 'p5.48xlarge', minSize: 3, maxSize: 3, capacityType: 'ON_DEMAND', efa: true },
    ],
    [
      'l4 x4, single node, interruptible, steady',
      { accelerator: 'l4', gpus: 4, multiNode: false, interruptible: true },
      'steady',
      { instance: 'g6.12xlarge', minSize: 1, maxSize: 1, capacityType: 'SPOT', efa: false },
    ],
  ] as const)('GIVEN %s THEN %p', (_, need, pattern, expected) => {
    expect(summary(trainingNodeGroupSizing(need, pattern))).toEqual(expected);
  });

  test('GIVEN the multi-node p5en sizing THEN its instance has 16 EFA cards', () => {
    const sizing = trainingNodeGroupSizing({ accelerator: 'h200', gpus: 16, multiNode: true, interruptible: false }, 'bursty');
    expect(sizing.instance.efaInterfaces).toBe(16);
  });

  test('GIVEN a single-node need larger than one instance THEN the catalog error comes through', () => {
    expect(() => trainingNodeGroupSizing({ accelerator: 'a10g', gpus: 16, multiNode: false, interruptible: false }, 'steady')).toThrow(CatalogError);
  });
});

describe('inferenceNodeGroupSizing', () => {
  test('GIVEN l4 x2 over 3 zones THEN g6.xlarge, fixed at 2 nodes, on demand, no EFA, 2 zones with a replica', () => {
    const sizing = inferenceNodeGroupSizing({ accelerator: 'l4', replicas: 2 }, 3);
    expect({ ...sizing, instance: sizing.instance.name }).toEqual({
      instance: 'g6.xlarge',
      minSize: 2,
      maxSize: 2,
      capacityType: 'ON_DEMAND',
      efa: false,
      zonesWithReplicas: 2,
    });
  });

  test('GIVEN more replicas than zones THEN every zone holds one', () => {
    expect(inferenceNodeGroupSizing({ accelerator: 'h100', replicas: 7 }, 3)).toMatchObject({ minSize: 7, maxSize: 7, zonesWithReplicas: 3 });
  });

  test('GIVEN h100 THEN the smallest H100 type', () => {
    expect(inferenceNodeGroupSizing({ accelerator: 'h100', replicas: 1 }, 2).instance.name).toBe('p5.4xlarge');
  });

  test('GIVEN 0 replicas THEN throws saying to leave the node group out', () => {
    expect(() => inferenceNodeGroupSizing({ accelerator: 'l4', replicas: 0 }, 3)).toThrow(
      'inferenceNodeGroupSizing: replicas must be a whole number of at least 1 to size a node group, got 0; with 0 cloud replicas leave the inference node group out',
    );
  });

  test('GIVEN 0 zones THEN throws', () => {
    expect(() => inferenceNodeGroupSizing({ accelerator: 'l4', replicas: 2 }, 0)).toThrow(/zoneCount must be a whole number of at least 1/);
  });
});
