import { findInstanceType } from '../../catalog/choose-instance';
import { HOURS_PER_MONTH } from '../../catalog/pricing';
import { PRIVATE_CA_MONTHLY_USD } from '../../constructs/edge/edge-trust-anchor';
import { inferenceFleet, monthlySaving, plannedMonthlyUsd, trainingSpotSaving } from '../../optimize/plan-cost';
import { costOf } from '../../stacks/cost-estimate';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

describe('plan cost', () => {
  const cloud = needsWith({ workload: { training: { accelerator: 'h100', gpus: 16 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } } });

  test('is what select and the preview price: costOf under the selected strategy, at max scale', () => {
    expect(plannedMonthlyUsd(cloud)).toBe(costOf(cloud, selectStrategy(cloud)).maxUsd);
  });

  test('a saving is the difference of two plans, to the cent', () => {
    const smaller = needsWith({ workload: { training: { accelerator: 'h100', gpus: 8 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } } });
    const p5 = findInstanceType('p5.48xlarge')?.onDemandUsdPerHour as number;
    expect(monthlySaving(cloud, smaller)).toBeCloseTo(p5 * HOURS_PER_MONTH, 2);
  });

  test('the inference fleet: the smallest L4 instance, one per replica', () => {
    const g6 = findInstanceType('g6.xlarge')?.onDemandUsdPerHour as number;
    expect(inferenceFleet(cloud)).toEqual({ usd: Math.round(g6 * HOURS_PER_MONTH * 3 * 100) / 100, instance: 'g6.xlarge', nodes: 3, chips: 1 });
  });

  test("GIVEN a strategy that builds no cloud cluster THEN no compute to price, only the edge fleet's private CA", () => {
    const edgeOnly = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, replicas: 2, sites: [{ name: 'plant-berlin', hardware: 'x86-l4', nodes: 2 }] } } });
    expect(selectStrategy(edgeOnly).strategy).toBe('edge-centric');
    expect(inferenceFleet(edgeOnly)).toBeUndefined();
    expect(trainingSpotSaving(edgeOnly)).toBe(0);
    expect(plannedMonthlyUsd(edgeOnly)).toBe(PRIVATE_CA_MONTHLY_USD);
  });
});
