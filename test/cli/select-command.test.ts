import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-select-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tracklayer select', () => {
  test('--json prints exactly the NEEDS-v1 object', () => {
    const run = cli(['select', '--needs', 'examples/hybrid.yaml', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      strategy: 'hybrid',
      source: 'auto',
      reasons: [{ rule: 'sovereignty', detail: 'business.dataSensitivity is high' }],
      warnings: [expect.stringMatching(/^the monthly cost estimate at max scale \(\$[\d,]+\) exceeds business\.monthlyBudgetUsd \(\$300,000\)/), expect.stringMatching(/^the AWS Budget counts spend tagged tracklayer:project only once/)],
      stacks: [
        { name: 'medica-ai-network', role: 'network' },
        { name: 'medica-ai-lakehouse', role: 'lakehouse' },
        { name: 'medica-ai-gpu-cluster', role: 'gpu-cluster' },
        { name: 'medica-ai-gpu-platform', role: 'gpu-platform' },
        { name: 'medica-ai-gpu-queues', role: 'gpu-queues' },
        { name: 'medica-ai-connectivity', role: 'connectivity' },
        { name: 'medica-ai-onprem-platform', role: 'onprem-platform' },
      ],
      cost: { minMonthlyUsd: expect.any(Number), maxMonthlyUsd: expect.any(Number), budgetUsd: 300000 },
      cloudBurst: { needed: true, causes: expect.arrayContaining([expect.stringMatching(/^workload\.training\.gpus/)]), trainingGpus: 128, onPremGpus: 128 },
    });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  test('the edge-centric example lists one stack per site', () => {
    const selection = JSON.parse(cli(['select', '--needs', 'examples/edge-centric.yaml', '--json']).stdout);
    expect(selection.strategy).toBe('edge-centric');
    expect(selection.stacks.map((s: { role: string }) => s.role)).toEqual(['network', 'lakehouse', 'gpu-cluster', 'gpu-platform', 'gpu-queues', 'edge-plant-berlin', 'edge-plant-lyon', 'edge-depot-porto']);
  });

  test('for people: strategy, reasons, warnings, stacks', () => {
    const run = cli(['select', '--needs', 'examples/cloud-first.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('strategy: cloud-first (selected by the rules)');
    expect(run.stdout).toContain('  - elasticity: workload.pattern is bursty');
    expect(run.stdout).toContain('  - lumen-research-gpu-cluster (gpu-cluster)');
  });

  test('without --needs: TRACKLAYER_NEEDS, then needs.yaml', () => {
    expect(JSON.parse(cli(['select', '--json']).stdout).stacks[0].name).toBe('acme-ml-network');
    expect(JSON.parse(cli(['select', '--json'], { TRACKLAYER_NEEDS: 'examples/hybrid.yaml' }).stdout).strategy).toBe('hybrid');
  });

  test('a bad needs file: exit 2, located lines on stderr, nothing on stdout', () => {
    const path = file('bad.yaml', 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: us-east-1\nworkload:\n  training:\n    accelerator: h100\n    gpus: -4\n');
    const run = cli(['select', '--needs', path, '--json']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${path}:8:11: workload.training.gpus: must be an integer from 1 to 4096, got -4\n` });
  });

  test('a missing needs file is a located input error, not a crash', () => {
    const run = cli(['select', '--needs', join(dir, 'nope.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${join(dir, 'nope.yaml')}:1:1: (root): cannot read the needs file: no such file\n`);
    expect(run.stdout).toBe('');
  });

  test('needs warnings go to stderr with their location', () => {
    // apiAccessCidrs set, so the only warning is the needs warning (no private-API warning).
    const path = file('prod.yaml', 'apiVersion: tracklayer/v1\nname: acme-ml\nenvironment: prod\ncloud:\n  region: us-east-1\n  apiAccessCidrs: [198.51.100.0/24]\n');
    const run = cli(['select', '--needs', path, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^${path}:3:14: environment: is prod but no state section is given.*\\(warning\\)\\n$`));
  });

  test('an unknown option is a usage error (exit 2)', () => {
    expect(cli(['select', '--jsn']).code).toBe(2);
  });

  test('text and --json carry the same facts: cost at min and max scale, the budget, the cloud burst', () => {
    const json = JSON.parse(cli(['select', '--needs', 'examples/hybrid.yaml', '--json']).stdout);
    const text = cli(['select', '--needs', 'examples/hybrid.yaml']).stdout;
    const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
    expect(text).toContain(`monthly cost estimate: ${usd(json.cost.minMonthlyUsd)} at min scale, ${usd(json.cost.maxMonthlyUsd)} at max scale`);
    expect(text).toContain(`cloud burst capacity: yes (${json.cloudBurst.causes.join('; ')})`);
    for (const warning of json.warnings) expect(text).toContain(`  - ${warning}`);
  });

  test('GIVEN the hybrid example THEN select reports the training gap the cloud bursts', () => {
    const text = cli(['select', '--needs', 'examples/hybrid.yaml']).stdout;
    expect(text).toContain('training burst: 128 GPUs in the cloud (workload.training.gpus 256 − 128 on-prem)');
  });

  test('GIVEN on-prem GPUs that cover training THEN select says no training burst is needed, in text and --json', () => {
    const needs = file(
      'covered.yaml',
      'apiVersion: tracklayer/v1\nname: acme-ml\nstrategy: hybrid\ncloud: {region: us-east-1}\nworkload:\n  pattern: bursty\n  training: {accelerator: h100, gpus: 64}\nonPrem: {kubeContext: dc1, gpuNodes: 8, gpusPerNode: 8, networkCidr: 10.50.0.0/16, vpnPeerIp: 203.0.113.10}\n',
    );
    const json = JSON.parse(cli(['select', '--needs', needs, '--json']).stdout);
    expect(json.cloudBurst).toEqual({ needed: true, causes: ['workload.pattern is bursty'], trainingGpus: 0, onPremGpus: 64 });
    expect(cli(['select', '--needs', needs]).stdout).toContain('training burst: none needed (the 64 on-prem GPUs cover workload.training.gpus 64; no cloud training node group)');
  });

  test('no budget gives budgetUsd null and no budget warning; outside hybrid no cloudBurst', () => {
    const json = JSON.parse(cli(['select', '--needs', file('no-budget.yaml', 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud: {region: us-east-1}\nworkload:\n  training: {accelerator: h100, gpus: 16}\n'), '--json']).stdout);
    expect(json.cost.budgetUsd).toBeNull();
    expect(json.warnings.some((w: string) => w.includes('budget'))).toBe(false);
    expect(json.cost.maxMonthlyUsd).toBeGreaterThan(json.cost.minMonthlyUsd);
    expect(json).not.toHaveProperty('cloudBurst');
  });
});

describe('tracklayer --version', () => {
  test('prints the package version and exits 0', () => {
    const run = cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.parse(require('node:fs').readFileSync('package.json', 'utf8')).version}\n`);
  });
});
