/**
 * deploy.yml: the phases of `tracklayer rollout` in order, one job per phase, each after the
 * previous one validated; waves behind an approval environment; OIDC credentials; manual only.
 * The phase scripts are run against stub tools to show they deploy exactly the phase's stacks
 * and stop on a failed check.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli } from '../support/run-cli';

type Step = { name: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { needs?: string[]; if?: string; environment?: string; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] };
const wf = parse(readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'deploy.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const phaseJobs = Object.keys(wf.jobs).filter((name) => name.startsWith('phase-'));
const step = (job: Job, name: string) => job.steps.find((s) => s.name === name)!;

describe('deploy.yml', () => {
  test('manual only, one deploy at a time, never cancelled midway, read-only by default', () => {
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch']);
    expect(wf.concurrency).toEqual({ group: 'tracklayer-deploy', 'cancel-in-progress': false });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.plan.if).toContain('github.event.repository.default_branch');
    expect(wf.env.TRACKLAYER_NEEDS).toBe('${{ inputs.needs }}');
  });

  test('one job per phase, each after the one before it, skipped when the rollout has fewer phases', () => {
    expect(phaseJobs).toEqual(phaseJobs.map((_, i) => `phase-${i + 1}`));
    expect(phaseJobs.length).toBeGreaterThanOrEqual(7); // data layer, compute, pilot and the default 4 waves
    phaseJobs.forEach((name, i) => {
      const job = wf.jobs[name];
      expect(job.needs).toEqual(i === 0 ? ['plan'] : ['plan', `phase-${i}`]);
      expect(job.if).toBe(`fromJSON(needs.plan.outputs.count) >= ${i + 1}`);
      expect(job.env?.PHASE_INDEX).toBe(String(i));
    });
    expect(step(wf.jobs.plan, 'Rollout phases').run).toContain(`-gt ${phaseJobs.length}`);
  });

  test('wave phases wait in the approval environment; OIDC credentials from the environment, no stored AWS keys', () => {
    phaseJobs.forEach((name, i) => {
      const job = wf.jobs[name];
      expect(job.environment).toBe(`\${{ startsWith(fromJSON(needs.plan.outputs.names)[${i}], 'wave-') && 'tracklayer-wave' || 'tracklayer-deploy' }}`);
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const aws = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(aws?.with?.['role-to-assume']).toBe('${{ vars.TRACKLAYER_DEPLOY_ROLE_ARN }}');
      expect(job.steps.map((s) => s.name)).toEqual(['Check out', 'Set up Node.js', 'Install', 'Set up Terraform', 'Phase', 'Kubeconfig for on-prem and edge clusters', 'AWS credentials (OIDC)', 'Pre-flight checks', 'Deploy', 'Validate']);
    });
    expect(JSON.stringify(wf)).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
  });
});

describe('deploy.yml phase scripts, run with stub tools', () => {
  const job = wf.jobs['phase-4'];
  const rollout = cli(['rollout', '--needs', 'examples/edge-centric.yaml', '--json']).stdout;

  /** Runs the Phase, Pre-flight, Deploy and Validate scripts of phase index 3 (wave-1) in a scratch directory. */
  function runPhase(kubectlOutput: string, rolloutStatus = 0) {
    const dir = mkdtempSync(join(tmpdir(), 'tracklayer-deploy-'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(dir, 'rollout-fixture.json'), rollout);
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('npx', `if [ "$1" = tracklayer ]; then cat "${dir}/rollout-fixture.json"; else echo "$@" >> "${dir}/deployed"; fi`);
    stub('kubectl', `if [ "$5" = rollout ]; then exit ${rolloutStatus}; fi\nprintf '%b\\n' ${JSON.stringify(kubectlOutput)}`);
    const env = { PATH: `${bin}:/usr/bin:/bin`, TRACKLAYER_NEEDS: 'examples/edge-centric.yaml', PHASE_INDEX: '3', GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    const results = ['Phase', 'Pre-flight checks', 'Deploy', 'Validate'].map((name) => spawnSync('bash', ['-e', '-c', step(job, name).run!], { cwd: dir, env, encoding: 'utf8' }));
    const deployed = existsSync(join(dir, 'deployed')) ? readFileSync(join(dir, 'deployed'), 'utf8').trim() : '';
    return { results, deployed, summary: existsSync(env.GITHUB_STEP_SUMMARY) ? readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') : '' };
  }

  test('GIVEN the site has its nodes, GPUs and Secret THEN the phase deploys exactly its stacks with --auto-approve and validates', () => {
    const { results, deployed } = runPhase('1\n1');
    expect(results.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    expect(results[0].stdout).toContain('wave-1: forge-vision-edge-plant-lyon');
    expect(deployed).toBe('cdktf deploy forge-vision-edge-plant-lyon --ignore-missing-stack-dependencies --parallelism 1 --auto-approve');
  });

  test('GIVEN the Deployment does not roll out THEN validation fails and the job summary carries the rollback plan', () => {
    const { results, summary } = runPhase('1\n1', 1);
    expect(results[3].status).not.toBe(0);
    expect(results[3].stdout).toContain('::error::validation failed: kubectl --context lyon-edge -n inference rollout status deployment/edge-inference');
    expect(summary).toContain('kubectl --context lyon-edge -n inference rollout undo deployment/edge-inference');
  });

  test('GIVEN a pre-flight check fails (one node where two are needed) THEN the step fails and names the check', () => {
    const { results } = runPhase('1');
    expect(results[1].status).not.toBe(0);
    expect(results[1].stdout).toContain('::error::pre-flight check failed: test "$(kubectl --context lyon-edge get nodes');
  });
});
