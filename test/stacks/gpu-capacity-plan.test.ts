import { readFileSync } from 'node:fs';
import { loadNeeds } from '../../needs/load-needs';
import { EKS_CONTROL_PLANE_USD_PER_HOUR, SYSTEM_INSTANCE, SYSTEM_NODES, monthlyComputeCost, monthlyCostLines, plannedGpuGroups } from '../../stacks/gpu-capacity-plan';
import { trainingGapGpus } from '../../strategy/burst-gap';
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

  test('GIVEN the hybrid example (256 GPUs, 16 × 8 on premises) THEN the cloud training maximum is the gap: 128 GPUs, 16 × p5', () => {
    const needs = loadNeeds(readFileSync('examples/hybrid.yaml', 'utf8'), 'examples/hybrid.yaml').needs;
    const training = plannedGpuGroups(needs).find((g) => g.workload === 'training')!;
    expect(training.maxSize * training.instance.chips).toBe(trainingGapGpus(needs));
    expect([training.instance.name, training.minSize, training.maxSize]).toEqual(['p5.48xlarge', 0, 16]);
  });

  test('GIVEN the hybrid-nodes example (96 GPUs, 8 × 8 on premises) THEN 4 × p5 burst the other 32', () => {
    const needs = loadNeeds(readFileSync('examples/hybrid-nodes.yaml', 'utf8'), 'examples/hybrid-nodes.yaml').needs;
    expect(plannedGpuGroups(needs).map((g) => [g.workload, g.instance.name, g.maxSize])).toEqual([['training', 'p5.48xlarge', 4]]);
  });

  test('GIVEN hybrid training the on-prem GPUs cover THEN no cloud training group (and no training cost line)', () => {
    const onPrem = { kubeContext: 'dc1', gpuNodes: 16, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
    const needs = needsWith({ strategy: 'hybrid', onPrem, workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 128 } } });
    expect(plannedGpuGroups(needs)).toEqual([]);
    expect(monthlyCostLines(needs).map((line) => line.label)).toEqual(['EKS control plane', `system nodes (${SYSTEM_INSTANCE.name})`]);
  });

  test('GIVEN the same needs file under cloud-first THEN the whole job is sized in the cloud', () => {
    const onPrem = { kubeContext: 'dc1', gpuNodes: 16, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
    const needs = needsWith({ strategy: 'cloud-first', onPrem, workload: { training: { accelerator: 'h100', gpus: 128 } } });
    expect(plannedGpuGroups(needs).map((g) => g.maxSize)).toEqual([16]);
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
