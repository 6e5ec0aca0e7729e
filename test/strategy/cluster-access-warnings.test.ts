import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterAccessWarnings } from '../../strategy/cluster-access-warnings';
import { selectStrategy } from '../../strategy/select';
import { cli } from '../support/run-cli';
import { needsWith } from '../support/needs-fixtures';

const warningsFor = (patch: Record<string, unknown>) => {
  const needs = needsWith(patch);
  return clusterAccessWarnings(needs, selectStrategy(needs).stacks);
};

describe('clusterAccessWarnings', () => {
  test('GIVEN a gpu-platform stack and no apiAccessCidrs THEN one warning naming the stack and the supported paths', () => {
    expect(warningsFor({ workload: { training: { accelerator: 'h100', gpus: 8 } } })).toEqual([
      expect.stringMatching(/^cloud\.apiAccessCidrs is not set, so the EKS API endpoint of acme-ml is private: acme-ml-gpu-platform can be planned and applied only from inside the VPC .*self-hosted runner.*VPN.*cloud\.apiAccessCidrs.*hosted CI runner cannot reach it/),
    ]);
  });

  test('GIVEN named CIDRs THEN no warning', () => {
    expect(warningsFor({ cloud: { region: 'us-east-1', apiAccessCidrs: ['198.51.100.0/24'] }, workload: { training: { accelerator: 'h100', gpus: 8 } } })).toEqual([]);
  });

  test('GIVEN no gpu-platform stack (hybrid without burst) THEN no warning', () => {
    const onPrem = { kubeContext: 'dc1', gpuNodes: 16, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
    const needs = needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { training: { accelerator: 'h100', gpus: 8 } } });
    const selection = selectStrategy(needs);
    expect(selection.stacks.map((s) => s.role)).not.toContain('gpu-platform');
    expect(clusterAccessWarnings(needs, selection.stacks)).toEqual([]);
  });
});

describe('select and synth print it', () => {
  test('select carries it among the selection warnings, in the text and in --json alike', () => {
    const text = cli(['select', '--needs', 'examples/cloud-first.yaml']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}- cloud\.apiAccessCidrs is not set, so the EKS API endpoint of .* is private/m);
    const json = JSON.parse(cli(['select', '--needs', 'examples/cloud-first.yaml', '--json']).stdout);
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^cloud\.apiAccessCidrs is not set, so the EKS API endpoint of lumen-research is private/)]));
  });

  test('synth warns too, and still writes the stacks', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tracklayer-access-')), 'out');
    const run = cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: cloud\.apiAccessCidrs is not set/m);
  });
});
