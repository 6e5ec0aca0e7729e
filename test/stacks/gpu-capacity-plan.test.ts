import { readFileSync } from 'node:fs';
import { loadNeeds } from '../../needs/load-needs';
import { EKS_CONTROL_PLANE_USD_PER_HOUR, SYSTEM_INSTANCE, SYSTEM_NODES, monthlyComputeCost, monthlyCostLines, plannedGpuGroups, splitNodes } from '../../stacks/gpu-capacity-plan';
import { capacityBlockRate } from '../../catalog/capacity-block-prices';
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

const reservations = [
  { id: 'cr-0123456789abcdef0', zoneId: 'use1-az6' },
  { id: 'cr-0fedcba9876543210', zoneId: 'use1-az4' },
];

describe('plannedGpuGroups: capacity', () => {
  test('splitNodes: as even as whole nodes allow, the first parts take the remainder', () => {
    expect(splitNodes(5, 2)).toEqual([3, 2]);
    expect(splitNodes(8, 3)).toEqual([3, 3, 2]);
    expect(splitNodes(4, 4)).toEqual([1, 1, 1, 1]);
  });

  test('spot training is SPOT; on-demand EFA training sits in the first zone; inference spreads over all zones', () => {
    const needs = needsWith({ cloud: { region: 'us-east-1', zoneIds: ['use1-az6', 'use1-az4', 'use1-az1'] }, workload: { training: { accelerator: 'h100', gpus: 16, interruptible: true }, inference: { accelerator: 'l4', latencyMs: 50 } } });
    const [training, inference] = plannedGpuGroups(needs);
    expect(training).toMatchObject({ key: 'training', capacityType: 'SPOT', zoneIds: ['use1-az6'], efa: true });
    expect(inference).toMatchObject({ key: 'inference', zoneIds: ['use1-az6', 'use1-az4', 'use1-az1'] });
  });

  test('capacity-block: one group per reservation in its zone, min 0, on a type sold as blocks', () => {
    const needs = needsWith({ workload: { pattern: 'steady', training: { accelerator: 'h200', gpus: 24, capacity: 'capacity-block', reservations } } });
    expect(plannedGpuGroups(needs).map((g) => [g.key, g.instance.name, g.capacityType, g.minSize, g.maxSize, g.zoneIds, g.reservationId])).toEqual([
      ['training-cr-0123456789abcdef0', 'p5e.48xlarge', 'CAPACITY_BLOCK', 0, 2, ['use1-az6'], 'cr-0123456789abcdef0'],
      ['training-cr-0fedcba9876543210', 'p5e.48xlarge', 'CAPACITY_BLOCK', 0, 1, ['use1-az4'], 'cr-0fedcba9876543210'],
    ]);
  });

  test('reservation: warm groups (min = max) whatever the pattern, ON_DEMAND', () => {
    const needs = needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 32, capacity: 'reservation', reservations } } });
    expect(plannedGpuGroups(needs).map((g) => [g.capacityType, g.minSize, g.maxSize])).toEqual([
      ['ON_DEMAND', 2, 2],
      ['ON_DEMAND', 2, 2],
    ]);
  });
});

describe('monthlyCostLines: capacity', () => {
  test('a Capacity Block costs its full size at the block rate at min and max scale (prepaid)', () => {
    const needs = needsWith({ workload: { pattern: 'scheduled', training: { accelerator: 'h100', gpus: 16, capacity: 'capacity-block', reservations: [reservations[0]] } } });
    const line = monthlyCostLines(needs).find((l) => l.label.startsWith('training'))!;
    const rate = capacityBlockRate(findInstanceType('p5.48xlarge')!)!.usdPerHour;
    expect(line.label).toBe('training nodes (p5.48xlarge, capacity block cr-0123456789abcdef0)');
    expect(line.minUsd).toBeCloseTo(2 * rate * HOURS_PER_MONTH, 1);
    expect(line.maxUsd).toBe(line.minUsd);
    expect(monthlyComputeCost(needs).assumptions).toContain(`Capacity Blocks prepaid for the whole month at $${rate} per p5.48xlarge hour`);
  });

  test('an On-Demand Capacity Reservation bills at the on-demand rate whether used or not: min = max = its full size', () => {
    const needs = needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 8, capacity: 'reservation', reservations: [reservations[0]] } } });
    const line = monthlyCostLines(needs).find((l) => l.label.startsWith('training'))!;
    expect(line).toEqual({ label: 'training nodes (p5.48xlarge, reservation cr-0123456789abcdef0)', minUsd: 321433.6 / 8, maxUsd: 321433.6 / 8 });
    expect(monthlyComputeCost(needs).assumptions).toContain('On-Demand Capacity Reservations billed at the on-demand rate whether used or not');
  });
});
