import { CAPACITY_BLOCK_PRICES, capacityBlockRate, soldAsCapacityBlock } from '../../catalog/capacity-block-prices';
import { findInstanceType } from '../../catalog/choose-instance';
import { INSTANCE_TYPES } from '../../catalog/instance-type';
import { CatalogError } from '../../catalog/catalog-error';
import { HOURS_PER_MONTH, monthlyCostUsd } from '../../catalog/pricing';

const type = (name: string) => findInstanceType(name)!;

describe('capacityBlockRate', () => {
  test('the types AWS sells as Capacity Blocks have a rate with its source and date; others have none', () => {
    expect(INSTANCE_TYPES.filter(soldAsCapacityBlock).map((t) => t.name).sort()).toEqual(['p4d.24xlarge', 'p5.48xlarge', 'p5e.48xlarge', 'p5en.48xlarge', 'trn1.32xlarge']);
    for (const instance of INSTANCE_TYPES.filter(soldAsCapacityBlock)) {
      const rate = capacityBlockRate(instance)!;
      expect(rate.usdPerHour).toBeGreaterThan(0);
      expect(rate.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(rate.source).toContain('capacityblocks');
    }
    expect(capacityBlockRate(type('g6e.48xlarge'))).toBeUndefined();
  });

  test('a capacity-block-only type uses its catalog price, which already is its block rate', () => {
    expect(capacityBlockRate(type('p5e.48xlarge'))).toEqual({ usdPerHour: type('p5e.48xlarge').onDemandUsdPerHour, asOf: type('p5e.48xlarge').priceAsOf, source: CAPACITY_BLOCK_PRICES });
  });

  test('monthlyCostUsd prices block nodes at the block rate, and refuses a type sold without blocks', () => {
    expect(monthlyCostUsd(type('p5.48xlarge'), 2, { spot: false, capacityBlock: true })).toBeCloseTo(2 * 39.33 * HOURS_PER_MONTH, 2);
    expect(() => monthlyCostUsd(type('g6.xlarge'), 1, { spot: false, capacityBlock: true })).toThrow(CatalogError);
    expect(() => monthlyCostUsd(type('g6.xlarge'), 1, { spot: false, capacityBlock: true })).toThrow('g6.xlarge: AWS does not sell it as EC2 Capacity Blocks');
  });
});
