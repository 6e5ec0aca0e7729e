import { findInstanceType } from '../../catalog/choose-instance';
import { CatalogError } from '../../catalog/catalog-error';
import { InstanceTypeSpec } from '../../catalog/instance-type';
import { HOURS_PER_MONTH, PRICE_REGION, SPOT_DISCOUNT, monthlyCostUsd } from '../../catalog/pricing';

function instance(name: string): InstanceTypeSpec {
  const found = findInstanceType(name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
}

describe('pricing constants', () => {
  it('uses the AWS 730-hour month, a Spot discount between 0 and 1, and us-east-1', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(SPOT_DISCOUNT).toBeGreaterThan(0);
    expect(SPOT_DISCOUNT).toBeLessThan(1);
    expect(PRICE_REGION).toBe('us-east-1');
  });
});

describe('monthlyCostUsd', () => {
  it('multiplies the hourly price by 730 hours and the node count', () => {
    // p5.48xlarge at $55.04/h: 55.04 × 730 × 8 = 321,433.60
    expect(monthlyCostUsd(instance('p5.48xlarge'), 8, { spot: false })).toBe(321433.6);
    // g5.xlarge at $1.006/h: 1.006 × 730 = 734.38
    expect(monthlyCostUsd(instance('g5.xlarge'), 1, { spot: false })).toBe(734.38);
  });

  it('defaults to on-demand', () => {
    expect(monthlyCostUsd(instance('g5.xlarge'), 1)).toBe(734.38);
  });

  it('takes the Spot discount off for Spot nodes', () => {
    const onDemand = monthlyCostUsd(instance('g6.12xlarge'), 3, { spot: false });
    const spot = monthlyCostUsd(instance('g6.12xlarge'), 3, { spot: true });
    expect(spot).toBeCloseTo(onDemand * (1 - SPOT_DISCOUNT), 1);
    expect(spot).toBeLessThan(onDemand);
  });

  it('rounds to the cent', () => {
    const cost = monthlyCostUsd(instance('g6e.2xlarge'), 1, { spot: true });
    expect(Math.round(cost * 100) / 100).toBe(cost);
  });

  it('costs nothing for zero nodes', () => {
    expect(monthlyCostUsd(instance('trn1.32xlarge'), 0, { spot: false })).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %p nodes with a CatalogError naming the instance', (nodes) => {
    expect(() => monthlyCostUsd(instance('g5.xlarge'), nodes, { spot: false })).toThrow(CatalogError);
    expect(() => monthlyCostUsd(instance('g5.xlarge'), nodes, { spot: false })).toThrow(
      /^g5\.xlarge: nodes must be a whole number of at least 0/,
    );
  });
});
