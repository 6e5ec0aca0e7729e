import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNeeds } from '../../needs/load-needs';
import { phaseGroups } from '../../rollout/phase-groups';
import { stackDependencies } from '../../stacks/stack-dependencies';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

const example = (file: string) => loadNeeds(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8'), file).needs;
const phases = (needs: ReturnType<typeof needsWith>) => phaseGroups(needs, selectStrategy(needs)).map((g) => [g.name, g.stacks.map((s) => s.role)]);
const site = (name: string, hardware = 'x86-cpu') => ({ name, hardware, nodes: 1 });
const onPrem = { kubeContext: 'dc1', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

describe('phaseGroups', () => {
  test('cloud-first: pilot (network), data layer, compute, full transition', () => {
    expect(phases(example('cloud-first.yaml'))).toEqual([
      ['pilot', ['network']],
      ['data-layer', ['lakehouse']],
      ['compute', ['gpu-cluster']],
      ['full-transition', ['gpu-platform', 'gpu-queues']],
    ]);
  });

  test('hybrid: the link and burst capacity in compute, both Kubernetes layers in the full transition', () => {
    expect(phases(example('hybrid.yaml'))).toEqual([
      ['pilot', ['network']],
      ['data-layer', ['lakehouse']],
      ['compute', ['gpu-cluster', 'connectivity']],
      ['full-transition', ['gpu-platform', 'gpu-queues', 'onprem-platform']],
    ]);
    // No burst: no cloud cluster, so compute is the link alone.
    expect(phases(needsWith({ strategy: 'hybrid', onPrem, workload: { training: { accelerator: 'h100', gpus: 8 } } }))).toEqual([
      ['pilot', ['network']],
      ['data-layer', ['lakehouse']],
      ['compute', ['connectivity']],
      ['full-transition', ['onprem-platform']],
    ]);
  });

  test('edge-centric: data layer, compute (training), the pilot sites, then one phase per wave', () => {
    expect(phases(example('edge-centric.yaml'))).toEqual([
      ['data-layer', ['network', 'lakehouse']],
      ['compute', ['gpu-cluster', 'gpu-platform', 'gpu-queues']],
      ['pilot', ['edge-plant-berlin']],
      ['wave-1', ['edge-plant-lyon']],
      ['wave-2', ['edge-depot-porto']],
    ]);
  });

  test('edge-centric without training: no compute phase; named pilots and waves in listed order', () => {
    const needs = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: ['a1', 'b2', 'c3', 'd4', 'e5'].map((n) => site(n)), rollout: { pilot: ['c3'], waves: 2 } } } });
    expect(phases(needs)).toEqual([
      ['data-layer', ['network', 'lakehouse']],
      ['pilot', ['edge-c3']],
      ['wave-1', ['edge-a1', 'edge-b2']],
      ['wave-2', ['edge-d4', 'edge-e5']],
    ]);
  });

  test('sites without edge-centric (rollout without edge stacks): only the non-edge phases', () => {
    const needs = needsWith({ strategy: 'cloud-first', workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: [site('a1'), site('b2')] } } });
    expect(phases(needs).map(([name]) => name)).toEqual(['pilot', 'data-layer', 'compute', 'full-transition']);
    expect(phases(needs).flatMap(([, roles]) => roles).some((r) => String(r).startsWith('edge-'))).toBe(false);
  });

  test('every stack of the selection is in exactly one phase, after every stack it reads', () => {
    for (const needs of [example('cloud-first.yaml'), example('hybrid.yaml'), example('edge-centric.yaml')]) {
      const selection = selectStrategy(needs);
      const flattened = phaseGroups(needs, selection).flatMap((g) => g.stacks);
      expect(flattened.map((s) => s.name).sort()).toEqual(selection.stacks.map((s) => s.name).sort());
      flattened.forEach((stack, index) => {
        for (const dependency of stackDependencies(stack, selection)) expect(flattened.slice(0, index).map((s) => s.name)).toContain(dependency);
      });
    }
  });
});
