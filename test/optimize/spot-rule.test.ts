import { findInstanceType } from '../../catalog/choose-instance';
import { HOURS_PER_MONTH, SPOT_DISCOUNT } from '../../catalog/pricing';
import { trainingSpotSaving } from '../../optimize/plan-cost';
import { spotRule } from '../../optimize/spot-rule';
import { needsWith } from '../support/needs-fixtures';

describe('spot', () => {
  test('GIVEN interruptible training bought on demand THEN capacity on-demand → spot, saving the catalog\'s spot discount on the group', () => {
    const needs = needsWith({ workload: { training: { accelerator: 'h100', gpus: 32, interruptible: true, capacity: 'on-demand' } } });
    const proposal = spotRule(needs);
    expect(proposal?.edit).toEqual({ path: ['workload', 'training', 'capacity'], value: 'spot' });
    expect(proposal?.detail).toContain('set workload.training.capacity on-demand → spot');
    const price = findInstanceType('p5.48xlarge')?.onDemandUsdPerHour ?? 0;
    const nodes = 32 / 8;
    const expected = Math.round((price * HOURS_PER_MONTH * nodes - price * (1 - SPOT_DISCOUNT) * HOURS_PER_MONTH * nodes) * 100) / 100;
    expect(proposal?.monthlySavingsUsd).toBeCloseTo(expected, 2);
    expect(trainingSpotSaving(needs)).toBeCloseTo(expected, 2);
  });

  test.each([
    ['not interruptible', { interruptible: false, capacity: 'on-demand' }],
    ['already spot (the default when interruptible)', { interruptible: true }],
    ['on a reservation', { interruptible: true, capacity: 'reservation', reservations: [{ id: 'cr-0123456789abcdef0', zoneId: 'use1-az4' }] }],
  ])('GIVEN training %s THEN nothing', (_case, training) => {
    expect(spotRule(needsWith({ workload: { training: { accelerator: 'h100', gpus: 16, ...training } } }))).toBeUndefined();
  });

  test('GIVEN no training THEN nothing', () => {
    expect(spotRule(needsWith({}))).toBeUndefined();
  });
});
