import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { loadNeeds } from '../../needs/load-needs';
import { buildStacks } from '../../stacks/build-stacks';
import { stackDependencies } from '../../stacks/stack-dependencies';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

/** The dependencies cdktf records for each stack when it synthesizes the app. */
function synthesizedDependencies(needs: Parameters<typeof selectStrategy>[0]) {
  const app = Testing.app();
  const selection = selectStrategy(needs);
  buildStacks(app, { needs, strategy: selection.strategy }, selection);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
  return { selection, manifest };
}

const example = (file: string) => loadNeeds(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8'), file).needs;
const onPrem = { kubeContext: 'dc1', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

describe('stackDependencies matches what cdktf synthesizes', () => {
  test.each([
    ['cloud-first example', () => example('cloud-first.yaml')],
    ['hybrid example (mode cluster: connectivity reads the network only)', () => example('hybrid.yaml')],
    ['hybrid-nodes example (connectivity reads the cluster the servers join)', () => example('hybrid-nodes.yaml')],
    ['edge-centric example', () => example('edge-centric.yaml')],
    ['hybrid without burst (no gpu-cluster)', () => needsWith({ strategy: 'hybrid', onPrem, workload: { training: { accelerator: 'h100', gpus: 8 } } })],
    ['edge-centric without training', () => needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: [{ name: 'plant-a', hardware: 'x86-cpu', nodes: 1 }] } } })],
  ])('%s', (_name, needs) => {
    const { selection, manifest } = synthesizedDependencies(needs());
    for (const ref of selection.stacks) {
      expect({ stack: ref.name, reads: [...stackDependencies(ref, selection)].sort() }).toEqual({ stack: ref.name, reads: [...manifest.stacks[ref.name].dependencies].sort() });
    }
  });
});
