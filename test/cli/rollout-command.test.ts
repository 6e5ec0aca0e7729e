import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { needsDocument } from '../support/needs-fixtures';
import { cli } from '../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-rollout-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const sites = ['a1', 'b2', 'c3', 'd4'].map((name) => ({ name, hardware: 'x86-l4', nodes: 2 }));
const edgeFile = (rollout?: Record<string, unknown>) => file(`edge-${JSON.stringify(rollout ?? {}).replace(/\W/g, '')}.yaml`, stringify(needsDocument({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites, ...(rollout ? { rollout } : {}) } } })));

describe('tracklayer rollout', () => {
  test('--json prints exactly one object { phases: [...] } and nothing else', () => {
    const run = cli(['rollout', '--needs', 'examples/edge-centric.yaml', '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const plan = JSON.parse(run.stdout);
    expect(Object.keys(plan)).toEqual(['phases']);
    expect(plan.phases.map((p: { name: string }) => p.name)).toEqual(['data-layer', 'compute', 'pilot', 'wave-1', 'wave-2']);
  });

  test('GIVEN a pilot named further down THEN --json lists the pilot site\'s stack before every other site\'s', () => {
    const run = cli(['rollout', '--needs', edgeFile({ pilot: ['c3'], waves: 2 }), '--json']);
    expect(run.code).toBe(0);
    const stacks = JSON.parse(run.stdout).phases.flatMap((p: { stacks: string[] }) => p.stacks).filter((s: string) => s.includes('-edge-'));
    expect(stacks).toEqual(['acme-ml-edge-c3', 'acme-ml-edge-a1', 'acme-ml-edge-b2', 'acme-ml-edge-d4']);
    expect(JSON.parse(run.stdout).phases.map((p: { name: string; stacks: string[] }) => `${p.name}:${p.stacks.length}`)).toEqual(['data-layer:2', 'pilot:1', 'wave-1:2', 'wave-2:1']);
  });

  test('GIVEN more waves than sites left THEN a located warning on stderr, and the waves are capped', () => {
    const run = cli(['rollout', '--needs', edgeFile({ waves: 9 }), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/:\d+:\d+: workload\.inference\.rollout\.waves: is 9, but only 3 site\(s\) follow the pilot: the rollout uses 3 wave\(s\) \(warning\)/);
    expect(JSON.parse(run.stdout).phases.filter((p: { name: string }) => p.name.startsWith('wave-'))).toHaveLength(3);
  });

  test('GIVEN a pilot that is not a site THEN exit 2, the closest site named, nothing on stdout', () => {
    const run = cli(['rollout', '--needs', edgeFile({ pilot: ['c4'] })]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/:\d+:\d+: workload\.inference\.rollout\.pilot\[0\]: "c4" is not a site in workload\.inference\.sites; the closest site is "c3"/);
  });

  test('GIVEN no sites THEN only the non-edge phases', () => {
    const run = cli(['rollout', '--needs', 'examples/cloud-first.yaml', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).phases.map((p: { name: string }) => p.name)).toEqual(['pilot', 'data-layer', 'compute', 'full-transition']);
  });

  test('for people: numbered phases with their checks, the deploy command with TRACKLAYER_NEEDS, validation and rollback', () => {
    const run = cli(['rollout', '--needs', 'examples/edge-centric.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('edge-centric rollout of forge-vision: 5 phase(s)');
    expect(run.stdout).toContain('3. pilot: forge-vision-edge-plant-berlin');
    expect(run.stdout).toContain('$ TRACKLAYER_NEEDS=examples/edge-centric.yaml npx cdktf deploy forge-vision-edge-plant-berlin --ignore-missing-stack-dependencies --parallelism 1');
    expect(run.stdout).toContain('$ kubectl --context plant-berlin -n inference rollout status deployment/edge-inference --timeout=15m');
  });
});
