import { EKS_CONTROL_PLANE_USD_PER_HOUR, SYSTEM_INSTANCE, SYSTEM_NODES, monthlyComputeCost, plannedGpuGroups } from '../../stacks/gpu-capacity-plan';
import { HOURS_PER_MONTH, SPOT_DISCOUNT } from '../../catalog/pricing';
import { findInstanceType } from '../../catalog/choose-instance';
import { needsWith } from '../support/needs-fixtures';

describe('plannedGpuGroups', () => {
  test('training and inference, training first', () => {
    const groups = plannedGpuGroups(needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } } }));
    expect(groups.map((g) => [g.workload, g.instance.name, g.minSize, g.maxSize, g.capacityType, g.efa])).toEqual([
      ['training', 'p5.48xlarge', 8, 8, 'ON_DEMAND', true],
      ['inference', 'g6.xlarge', 2, 2, 'ON_DEMAND', false],
    ]);
  });

  test('no groups without training and with zero replicas', () => {
    expect(plannedGpuGroups(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 0 } } }))).toEqual([]);
  });
});

describe('monthlyComputeCost', () => {
  test('min and max scale from catalog prices, spot discounted, control plane and system nodes included', () => {
    const needs = needsWith({ workload: { pattern: 'scheduled', training: { accelerator: 'h100', gpus: 16, interruptible: true } } });
    const p5 = findInstanceType('p5.48xlarge')!;
    const fixed = (nodes: number) => (SYSTEM_INSTANCE.onDemandUsdPerHour * nodes + EKS_CONTROL_PLANE_USD_PER_HOUR) * HOURS_PER_MONTH;
    const cost = monthlyComputeCost(needs);
    expect(cost.minUsd).toBeCloseTo(fixed(SYSTEM_NODES.min), 1);
    expect(cost.maxUsd).toBeCloseTo(fixed(SYSTEM_NODES.max) + 2 * p5.onDemandUsdPerHour * (1 - SPOT_DISCOUNT) * HOURS_PER_MONTH, 0);
    expect(cost.assumptions).toContain('730 hours a month');
  });
});
