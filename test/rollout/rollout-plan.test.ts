import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_CA_MONTHLY_USD } from '../../constructs/edge/edge-trust-anchor';
import { loadNeeds } from '../../needs/load-needs';
import { rolloutPlan } from '../../rollout/rollout-plan';
import { costOf } from '../../stacks/cost-estimate';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

const example = (file: string) => loadNeeds(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8'), file).needs;
const planOf = (needs: ReturnType<typeof needsWith>, file = 'needs.yaml') => rolloutPlan(needs, selectStrategy(needs), file);
const edge = planOf(example('edge-centric.yaml'), 'examples/edge-centric.yaml');
const phase = (name: string) => edge.phases.find((p) => p.name === name)!;

/** Runs a printed check with stub `aws` and `kubectl` that print `output`; returns the exit status. */
function runCheck(command: string, output: string): number {
  const bin = mkdtempSync(join(tmpdir(), 'tracklayer-stubs-'));
  for (const tool of ['aws', 'kubectl']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nprintf '%b\\n' ${JSON.stringify(output)}\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return spawnSync('bash', ['-c', command], { env: { PATH: `${bin}:/usr/bin:/bin` } }).status ?? -1;
}

describe('rolloutPlan: the contract shape', () => {
  test('each phase has exactly name, stacks, preflight, validate, rollback, command; the command is a cdktf deploy of the stacks', () => {
    for (const p of [...edge.phases, ...planOf(example('hybrid.yaml')).phases, ...planOf(example('cloud-first.yaml')).phases]) {
      expect(Object.keys(p)).toEqual(['name', 'stacks', 'preflight', 'validate', 'rollback', 'command']);
      expect(p.command.startsWith(`cdktf deploy ${p.stacks.join(' ')}`)).toBe(true);
      expect(p.rollback.length).toBeGreaterThan(40);
      for (const check of [...p.preflight, ...p.validate]) {
        expect(typeof check.id).toBe('string');
        expect(typeof check.detail).toBe('string');
        expect(check.command === null || typeof check.command === 'string').toBe(true);
      }
    }
  });

  test('every printed command is valid bash', () => {
    for (const p of [...edge.phases, ...planOf(example('hybrid.yaml')).phases, ...planOf(example('cloud-first.yaml')).phases]) {
      for (const check of [...p.preflight, ...p.validate].filter((c) => c.command)) {
        const syntax = spawnSync('bash', ['-n', '-c', check.command!], { encoding: 'utf8' });
        expect({ command: check.command, stderr: syntax.stderr }).toEqual({ command: check.command, stderr: '' });
      }
    }
  });
});

describe('rolloutPlan: edge-centric', () => {
  test('the pilot site\'s stack comes before every other site\'s stack', () => {
    const stacks = edge.phases.flatMap((p) => p.stacks);
    const sites = stacks.filter((s) => s.includes('-edge-'));
    expect(sites[0]).toBe('forge-vision-edge-plant-berlin');
    expect(edge.phases.map((p) => p.name)).toEqual(['data-layer', 'compute', 'pilot', 'wave-1', 'wave-2']);
  });

  test('preflight: needs valid, verify and guardrails with the needs file; capacity with the figures a schedulability check needs; the certificate Secret', () => {
    const lyon = phase('wave-1');
    expect(lyon.preflight.map((c) => c.id)).toEqual(['needs-valid', 'verify', 'guardrails', 'capacity', 'device-certificate']);
    expect(lyon.preflight[1].command).toBe('npx tracklayer verify --needs examples/edge-centric.yaml');
    expect(lyon.preflight[3].capacity).toEqual({
      site: 'plant-lyon',
      context: 'lyon-edge',
      deployment: 'inference/edge-inference',
      hardware: 'x86-l4',
      replicas: 2,
      nodes: 2,
      gpusPerPod: 1,
      gpuResource: 'nvidia.com/gpu',
      gpusPerNode: 1,
      onePerNode: true,
      strategy: { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 1 },
    });
    expect(lyon.preflight[4].command).toBe('kubectl --context lyon-edge -n inference get secret edge-device-certificate');
  });

  test('validate: the Deployment rolls out on the site context; rollback names the undo command', () => {
    expect(phase('pilot').validate).toEqual([expect.objectContaining({ id: 'status', command: 'kubectl --context plant-berlin -n inference rollout status deployment/edge-inference --timeout=15m' })]);
    expect(phase('pilot').rollback).toContain('kubectl --context plant-berlin -n inference rollout undo deployment/edge-inference');
    expect(phase('pilot').rollback).toContain('No wave starts until the pilot validates');
  });

  test('the data layer checks the edge CA and trust anchor, the compute phase the cluster, the alarm and the GPU quota', () => {
    expect(phase('data-layer').validate.map((c) => c.detail)).toEqual(expect.arrayContaining([expect.stringContaining('private CA is ACTIVE'), expect.stringContaining('trust anchor is enabled')]));
    const compute = phase('compute');
    expect(compute.validate.map((c) => c.id)).toEqual(['status', 'alarm', 'status', 'status']);
    expect(compute.validate[3].detail).toBe("Kueue's ClusterQueue training is Active");
    expect(compute.validate[1].command).toBe(
      'test "$(aws cloudwatch describe-alarms --region eu-west-1 --alarm-names forge-vision-gpu-idle --query \'MetricAlarms[0].StateValue\' --output text)" != ALARM',
    );
    expect(compute.preflight.find((c) => c.id === 'quota')?.detail).toContain('"Running On-Demand G and VT instances" holds 192 vCPUs');
  });

  test('runnable checks pass and fail on what the tools report (stub aws and kubectl)', () => {
    const [alarm] = phase('compute').validate.filter((c) => c.id === 'alarm');
    expect(runCheck(alarm.command!, 'OK')).toBe(0);
    expect(runCheck(alarm.command!, 'INSUFFICIENT_DATA')).toBe(0);
    expect(runCheck(alarm.command!, 'ALARM')).not.toBe(0);
    const quota = phase('compute').preflight.find((c) => c.id === 'quota')!;
    expect(runCheck(quota.command!, '192.0')).toBe(0);
    expect(runCheck(quota.command!, '96.0')).not.toBe(0);
    const capacity = phase('wave-1').preflight.find((c) => c.id === 'capacity')!;
    // The stub answers both the node list and the GPU list: two lines of "1" are two nodes with one GPU each.
    expect(runCheck(capacity.command!, '1\n1')).toBe(0);
    expect(runCheck(capacity.command!, '0\n0')).not.toBe(0); // two nodes, no allocatable GPU
    expect(runCheck(capacity.command!, '1')).not.toBe(0); // one node
  });
});

describe('rolloutPlan: budget and spend', () => {
  test('a budget turns into an estimate check on the phase that adds compute, and a spend check on later phases', () => {
    const plan = planOf(needsWith({ business: { monthlyBudgetUsd: 100 } }));
    const compute = plan.phases.find((p) => p.name === 'compute')!;
    expect(compute.preflight.find((c) => c.id === 'budget')?.detail).toMatch(/^estimated \$[\d,]+–\$[\d,]+ a month \(compute .*\): over the \$100 budget even at min scale/);
    const roomy = planOf(needsWith({ business: { monthlyBudgetUsd: 1000000 } })).phases.find((p) => p.name === 'compute')!;
    expect(roomy.preflight.find((c) => c.id === 'budget')?.detail).toContain('within the $1,000,000 budget at max scale');
    const full = plan.phases.find((p) => p.name === 'full-transition')!;
    expect(full.preflight.find((c) => c.id === 'spend')?.command).toContain('--budget-name acme-ml-monthly');
    expect(plan.phases.find((p) => p.name === 'pilot')!.preflight.map((c) => c.id)).toEqual(['needs-valid', 'verify', 'guardrails']);
  });

  test("the estimate is select's (stacks/cost-estimate): compute, the data foundation's services and the edge private CA, each on the phase that adds it", () => {
    const usd = (amount: number) => `$${Math.round(amount).toLocaleString('en-US')}`;
    const budgetOf = (needs: ReturnType<typeof needsWith>, phase: string) => planOf(needs).phases.find((p) => p.stacks.some((s) => s.endsWith(phase)))!.preflight.find((c) => c.id === 'budget');
    const streaming = needsWith({ business: { monthlyBudgetUsd: 1000000 }, data: { streaming: { source: 'kinesis' } } });
    const cost = costOf(streaming, selectStrategy(streaming));
    expect(budgetOf(streaming, '-lakehouse')?.detail).toMatch(new RegExp(`^estimated ${usd(cost.minUsd).replace('$', '\\$')}–${usd(cost.maxUsd).replace('$', '\\$')} a month \\(compute .* \\+ data services \\$[\\d,]+\\): within`));
    const edge = needsWith({ business: { monthlyBudgetUsd: 100 }, workload: { inference: { accelerator: 'l4', latencyMs: 10, replicas: 0, sites: [{ name: 'site-a', hardware: 'jetson-orin', nodes: 2 }] } } });
    expect(selectStrategy(edge).strategy).toBe('edge-centric');
    expect(budgetOf(edge, '-lakehouse')?.detail).toBe(`estimated $400–$400 a month (edge private CA $400): over the $100 budget even at min scale ($${PRIVATE_CA_MONTHLY_USD})`);
  });
});
