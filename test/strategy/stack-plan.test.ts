import { burstCauses, stacksFor } from '../../strategy/stack-plan';
import { needsWith } from '../support/needs-fixtures';

const onPrem = { kubeContext: 'dc1', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
const roles = (strategy: Parameters<typeof stacksFor>[0], patch: Record<string, unknown>) => stacksFor(strategy, needsWith(patch)).map((s) => s.role);
const base = ['network', 'lakehouse'];
const cluster = ['gpu-cluster', 'gpu-platform'];
/** With training, Kueue's queues follow the platform (custom resources after their CRDs). */
const clusterWithQueues = [...cluster, 'gpu-queues'];

describe('stacksFor: cloud-first', () => {
  test('always network, lakehouse, gpu-cluster, gpu-platform', () => {
    expect(roles('cloud-first', {})).toEqual([...base, ...cluster]);
  });

  test('names are <name>-<role>', () => {
    expect(stacksFor('cloud-first', needsWith()).map((s) => s.name)).toEqual(['acme-ml-network', 'acme-ml-lakehouse', 'acme-ml-gpu-cluster', 'acme-ml-gpu-platform']);
  });
});

describe('stacksFor: gpu-queues', () => {
  test('GIVEN training THEN gpu-queues right after gpu-platform; without training, none', () => {
    expect(roles('cloud-first', { workload: { training: { accelerator: 'h100', gpus: 8 } } })).toEqual([...base, ...clusterWithQueues]);
    expect(roles('cloud-first', { workload: { inference: { accelerator: 'l4', latencyMs: 50 } } })).toEqual([...base, ...cluster]);
  });
});

describe('stacksFor: hybrid burst condition', () => {
  const hybrid = ['connectivity', 'onprem-platform'];
  test.each([
    ['no burst: steady, fits on-prem, no inference', { onPrem, workload: { training: { accelerator: 'h100', gpus: 32 } } }, [...base, ...hybrid]],
    ['pattern bursty', { onPrem, workload: { pattern: 'bursty' } }, [...base, ...cluster, ...hybrid]],
    ['training exceeds gpuNodes × gpusPerNode', { onPrem, workload: { training: { accelerator: 'h100', gpus: 33 } } }, [...base, ...clusterWithQueues, ...hybrid]],
    ['inference replicas > 0', { onPrem, workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 1 } } }, [...base, ...cluster, ...hybrid]],
    ['inference with replicas 0', { onPrem, workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 0 } } }, [...base, ...hybrid]],
  ])('%s', (_name, patch, expected) => {
    expect(roles('hybrid', patch)).toEqual(expected);
  });

  test('burstCauses names each cause', () => {
    const needs = needsWith({ onPrem, workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } } });
    expect(burstCauses(needs)).toEqual(['workload.pattern is bursty', 'workload.training.gpus (64) exceeds the 32 on-prem GPUs by 32', 'workload.inference.replicas is 3']);
  });
});

describe('stacksFor: onPrem.mode (NEEDS-v1.1)', () => {
  const nodes = { mode: 'hybrid-nodes', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };

  test('GIVEN mode cluster THEN the on-prem cluster gets its platform and the cloud cluster exists only to burst', () => {
    expect(roles('hybrid', { onPrem, workload: { training: { accelerator: 'h100', gpus: 32 } } })).toEqual([...base, 'connectivity', 'onprem-platform']);
  });

  test('GIVEN mode hybrid-nodes and nothing to burst THEN the EKS control plane the servers join, and no onprem-platform', () => {
    expect(roles('hybrid', { onPrem: nodes, workload: { training: { accelerator: 'h100', gpus: 32 } } })).toEqual([...base, ...cluster, 'gpu-queues', 'connectivity']);
    expect(burstCauses(needsWith({ onPrem: nodes, workload: { training: { accelerator: 'h100', gpus: 32 } } }))).toEqual([]);
  });

  test('GIVEN mode hybrid-nodes and a gap THEN the same stacks, and the gap is a burst cause', () => {
    const patch = { onPrem: nodes, workload: { training: { accelerator: 'h100', gpus: 40 } } };
    expect(roles('hybrid', patch)).toEqual([...base, ...cluster, 'gpu-queues', 'connectivity']);
    expect(burstCauses(needsWith(patch))).toEqual(['workload.training.gpus (40) exceeds the 32 on-prem GPUs by 8']);
  });
});

describe('stacksFor: edge-centric', () => {
  const sites = [
    { name: 'plant-a', hardware: 'jetson-orin', nodes: 1 },
    { name: 'plant-b', hardware: 'x86-l4', nodes: 1 },
  ];
  test('one stack per site, no cluster without training', () => {
    expect(roles('edge-centric', { workload: { inference: { accelerator: 'l4', latencyMs: 10, sites } } })).toEqual([...base, 'edge-plant-a', 'edge-plant-b']);
  });

  test('the cluster when training is set', () => {
    const patch = { workload: { training: { accelerator: 'l40s', gpus: 4 }, inference: { accelerator: 'l4', latencyMs: 10, sites } } };
    expect(roles('edge-centric', patch)).toEqual([...base, ...clusterWithQueues, 'edge-plant-a', 'edge-plant-b']);
    expect(stacksFor('edge-centric', needsWith(patch)).at(-1)?.name).toBe('acme-ml-edge-plant-b');
  });
});

describe('stacksFor: edge sites follow the rollout (NEEDS-v1.1)', () => {
  const sites = ['s-a', 's-b', 's-c', 's-d', 's-e'].map((name) => ({ name, hardware: 'x86-cpu', nodes: 1 }));
  const edgeRoles = (rollout?: Record<string, unknown>) =>
    roles('edge-centric', { workload: { inference: { accelerator: 'l4', latencyMs: 10, sites, ...(rollout ? { rollout } : {}) } } }).filter((r) => r.startsWith('edge-'));

  test('GIVEN no rollout THEN the first site pilots and the rest keep their listed order', () => {
    expect(edgeRoles()).toEqual(['edge-s-a', 'edge-s-b', 'edge-s-c', 'edge-s-d', 'edge-s-e']);
  });

  test('GIVEN pilot sites further down the list THEN they deploy before every other site, the rest in listed order', () => {
    expect(edgeRoles({ pilot: ['s-d', 's-b'] })).toEqual(['edge-s-b', 'edge-s-d', 'edge-s-a', 'edge-s-c', 'edge-s-e']);
  });

  test('names stay <name>-<role>', () => {
    const needs = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites, rollout: { pilot: ['s-c'] } } } });
    const edge = stacksFor('edge-centric', needs).filter((s) => s.role.startsWith('edge-'));
    expect(edge[0]).toEqual({ name: 'acme-ml-edge-s-c', role: 'edge-s-c' });
    for (const stack of edge) expect(stack.name).toBe(`acme-ml-${stack.role}`);
  });
});
