import { PRIVATE_CA_MONTHLY_USD } from '../../constructs/edge/edge-trust-anchor';
import { capacityOf } from '../../preview/capacity';
import { costOf } from '../../stacks/cost-estimate';
import { monthlyComputeCost } from '../../stacks/gpu-capacity-plan';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

describe('capacityOf', () => {
  test('accelerators at min and max per group; EFA bandwidth only for EFA groups', () => {
    const needs = needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } } });
    const capacity = capacityOf(needs, selectStrategy(needs));
    expect(capacity.cloudCluster).toBe(true);
    expect(capacity.groups).toEqual([
      { workload: 'training', key: 'training', instance: 'p5.48xlarge', accelerator: 'h100', model: 'NVIDIA H100', chipsPerNode: 8, minNodes: 0, maxNodes: 8, capacityType: 'ON_DEMAND', efaGbpsPerNode: 3200 },
      { workload: 'inference', key: 'inference', instance: 'g6.xlarge', accelerator: 'l4', model: 'NVIDIA L4', chipsPerNode: 1, minNodes: 2, maxNodes: 2, capacityType: 'ON_DEMAND' },
    ]);
    expect(capacity.storage).toEqual({ volumeTb: 10, hotDays: 30, coolDays: 90, archiveDays: 365, tableFormat: 'iceberg' });
  });

  test('no cloud groups when the strategy builds no cluster; on-prem and edge hardware counted', () => {
    const hybrid = needsWith({
      business: { dataSensitivity: 'high' },
      workload: { training: { accelerator: 'h100', gpus: 64 } },
      onPrem: { kubeContext: 'dc1', gpuNodes: 16, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' },
    });
    const capacity = capacityOf(hybrid, selectStrategy(hybrid));
    expect(capacity.groups).toEqual([]);
    expect(capacity.onPrem).toEqual({ accelerator: 'h100', nodes: 16, gpusPerNode: 8, interconnect: 'ethernet' });

    const edge = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, replicas: 0, sites: [{ name: 'site-a', hardware: 'jetson-orin', nodes: 2 }, { name: 'site-b', hardware: 'x86-cpu', nodes: 3 }] } } });
    expect(capacityOf(edge, selectStrategy(edge)).edge).toEqual([
      { hardware: 'jetson-orin', sites: 1, nodes: 2, gpus: 2 },
      { hardware: 'x86-cpu', sites: 1, nodes: 3, gpus: 0 },
    ]);
  });
});

describe('capacityOf: reserved capacity', () => {
  test('one group per reservation, each with its reservation id and capacity type', () => {
    const needs = needsWith({
      cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] },
      workload: { pattern: 'scheduled', training: { accelerator: 'h100', gpus: 32, capacity: 'capacity-block', reservations: [{ id: 'cr-0123456789abcdef0', zoneId: 'use1-az4' }, { id: 'cr-0fedcba9876543210', zoneId: 'use1-az6' }] } },
    });
    expect(capacityOf(needs, selectStrategy(needs)).groups.map((g) => [g.key, g.capacityType, g.reservationId, g.minNodes, g.maxNodes])).toEqual([
      ['training-cr-0123456789abcdef0', 'CAPACITY_BLOCK', 'cr-0123456789abcdef0', 0, 2],
      ['training-cr-0fedcba9876543210', 'CAPACITY_BLOCK', 'cr-0fedcba9876543210', 0, 2],
    ]);
  });
});

describe('costOf', () => {
  test('totals are monthlyComputeCost; lines break them down; the region difference is an assumption', () => {
    const needs = needsWith({ cloud: { region: 'eu-central-1' }, workload: { training: { accelerator: 'a100', gpus: 16, interruptible: true } } });
    const cost = costOf(needs, selectStrategy(needs));
    const expected = monthlyComputeCost(needs);
    expect([cost.minUsd, cost.maxUsd]).toEqual([expected.minUsd, expected.maxUsd]);
    expect(cost.lines.map((l) => l.label)).toEqual(['EKS control plane', 'system nodes (m7i.large)', 'training nodes (p4d.24xlarge, spot)']);
    expect(Math.abs(cost.lines.reduce((s, l) => s + l.maxUsd, 0) - cost.maxUsd)).toBeLessThan(1);
    expect(cost.assumptions).toContain('this deployment is in eu-central-1, where prices differ from us-east-1');
  });

  test("no compute without a cloud cluster; an edge fleet still pays its private CA's flat fee", () => {
    const needs = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, replicas: 0, sites: [{ name: 'site-a', hardware: 'jetson-orin', nodes: 2 }] } } });
    expect(selectStrategy(needs).strategy).toBe('edge-centric');
    const ca = { label: 'edge private CA (AWS Private CA, general-purpose)', minUsd: PRIVATE_CA_MONTHLY_USD, maxUsd: PRIVATE_CA_MONTHLY_USD };
    expect(costOf(needs, selectStrategy(needs))).toEqual(expect.objectContaining({ minUsd: PRIVATE_CA_MONTHLY_USD, maxUsd: PRIVATE_CA_MONTHLY_USD, lines: [ca] }));
  });
});
