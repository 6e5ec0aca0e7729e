import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/exit-codes';
import type { StackVerification, VerifyResult } from '../../cli/terraform-verify';
import { reportVerification, verificationJson, verifyProgress } from '../../cli/verify-report';
import { cli, cliAsync } from '../support/run-cli';

function report(outcomes: StackVerification[], allowSkipped = false) {
  let stdout = '';
  let stderr = '';
  const code = reportVerification({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, outcomes, allowSkipped);
  return { code, stdout, stderr };
}

const valid = (stack: string): StackVerification => ({ stack, status: 'valid', detail: 'passed' });
const skipped = (stack: string): StackVerification => ({ stack, status: 'skipped', detail: 'provider hashicorp/kubernetes not in the mirror' });
const invalid = (stack: string): StackVerification => ({ stack, status: 'invalid', detail: 'Error: Unsupported argument' });
const partial = (stack: string): StackVerification => ({ stack, status: 'partial', detail: 'hashicorp/aws resources only: 3 of 14 resources verified; 11 not verified (provider hashicorp/kubernetes 2.38.0 not in the mirror)' });

describe('verify: never reports unverified as verified', () => {
  test('everything valid: exit 0', () => {
    expect(report([valid('a'), valid('b')])).toMatchObject({ code: EXIT.ok, stdout: 'a: valid\nb: valid\nverified 2 stack(s): 2 valid, 0 invalid, 0 skipped\n' });
  });

  test('skipped stacks fail the run unless --allow-skipped accepts them, and the log names them either way', () => {
    const outcomes = [valid('net'), skipped('k8s')];
    const strict = report(outcomes);
    expect(strict.code).toBe(EXIT.verifyIncomplete);
    expect(strict.stderr).toBe('verify: 1 stack(s) were skipped and not verified (k8s); provide their providers, or pass --allow-skipped to accept that\n');
    const lenient = report(outcomes, true);
    expect(lenient.code).toBe(EXIT.ok);
    expect(lenient.stdout).toContain('k8s: skipped (provider hashicorp/kubernetes not in the mirror)');
    expect(lenient.stdout).toContain('1 valid, 0 invalid, 1 skipped (accepted with --allow-skipped)');
  });

  test('nothing verified is a failure even with --allow-skipped', () => {
    expect(report([skipped('a'), skipped('b')], true).code).toBe(EXIT.verifyIncomplete);
    expect(report([], true).code).toBe(EXIT.verifyIncomplete);
  });

  test('an invalid stack is exit 4, whatever else happened', () => {
    expect(report([valid('a'), invalid('b'), skipped('c')], true).code).toBe(EXIT.verifyFailed);
  });

  test('a stack verified only in part counts as skipped: never valid, accepted only with --allow-skipped', () => {
    const outcomes = [valid('net'), partial('edge-a'), skipped('k8s')];
    const strict = report(outcomes);
    expect(strict.code).toBe(EXIT.verifyIncomplete);
    expect(strict.stdout).toContain('edge-a: partially verified (hashicorp/aws resources only: 3 of 14 resources verified; 11 not verified');
    expect(strict.stdout).toContain('verified 3 stack(s): 1 valid, 1 partially verified, 0 invalid, 1 skipped\n');
    expect(strict.stderr).toBe('verify: 2 stack(s) were not verified in full: 1 verified only in part (edge-a), 1 skipped (k8s); provide their providers, or pass --allow-skipped to accept that\n');
    expect(report(outcomes, true).code).toBe(EXIT.ok);
    // Parts alone are no verified stack.
    const onlyParts = report([partial('edge-a'), partial('edge-b')], true);
    expect(onlyParts.code).toBe(EXIT.verifyIncomplete);
    expect(onlyParts.stderr).toBe('verify: no stack was verified in full (2 only in part); nothing here can be called valid\n');
  });
});

describe('verify --json', () => {
  const result: VerifyResult = {
    outcomes: [
      { ...valid('net'), run: 'combined-1' },
      { ...partial('edge-a'), run: 'combined-1', part: { providers: ['hashicorp/aws'], verified: ['aws_iam_role.r'], notVerified: ['helm_release.h'], missing: ['hashicorp/helm 3.1.1'] } },
      skipped('k8s'),
    ],
    runs: [{ id: 'combined-1', stacks: ['net', 'edge-a'], phases: { init: { seconds: 1.04, passed: true }, validate: { seconds: 9.33, passed: true }, rehearsal: { seconds: 13.12, passed: true } } }],
    jobs: 2,
    seconds: 15.27,
  };

  test('one object: the result and exit code, the counts, every stack with the phases of the run that decided it, every run', () => {
    expect(verificationJson(result, true)).toEqual({
      result: 'passed',
      exitCode: 0,
      allowSkipped: true,
      seconds: 15.3,
      jobs: 2,
      counts: { stacks: 3, valid: 1, partial: 1, invalid: 0, skipped: 1 },
      stacks: [
        { stack: 'net', status: 'valid', detail: 'passed', run: 'combined-1', phases: { init: { seconds: 1, passed: true }, validate: { seconds: 9.3, passed: true }, rehearsal: { seconds: 13.1, passed: true } } },
        {
          stack: 'edge-a',
          status: 'partial',
          detail: partial('edge-a').detail,
          run: 'combined-1',
          phases: { init: { seconds: 1, passed: true }, validate: { seconds: 9.3, passed: true }, rehearsal: { seconds: 13.1, passed: true } },
          part: { providers: ['hashicorp/aws'], verified: ['aws_iam_role.r'], notVerified: ['helm_release.h'], missing: ['hashicorp/helm 3.1.1'] },
        },
        { stack: 'k8s', status: 'skipped', detail: skipped('k8s').detail, run: null, phases: {} },
      ],
      runs: [{ id: 'combined-1', stacks: ['net', 'edge-a'], phases: { init: { seconds: 1, passed: true }, validate: { seconds: 9.3, passed: true }, rehearsal: { seconds: 13.1, passed: true } } }],
    });
    expect(verificationJson(result, false)).toMatchObject({ result: 'incomplete', exitCode: EXIT.verifyIncomplete });
  });
});

describe('verify progress on stderr', () => {
  test('which run and phase ended, which stack was decided and how many are, and the time since the start', () => {
    let now = 100;
    let text = '';
    const progress = verifyProgress((t) => (text += t), { now: () => now });
    progress.onEvent({ kind: 'start', stacks: 3, toVerify: 2, jobs: 2 });
    now = 101.2;
    progress.onEvent({ kind: 'phase-start', run: 'combined-1', stacks: 2, phase: 'validate' });
    progress.onEvent({ kind: 'phase-end', run: 'combined-1', stacks: 2, phase: 'validate', record: { seconds: 9.34, passed: true } });
    now = 165;
    progress.onEvent({ kind: 'stack', outcome: valid('net'), done: 2, total: 3 });
    progress.stop();
    expect(text).toBe(
      [
        'verify: [0:00] 3 stack(s), 2 to verify with Terraform, 2 process(es) at a time',
        'verify: [0:01] combined-1 (2 stacks): validate passed in 9.3 s',
        'verify: [1:05] 2/3 net: valid',
        '',
      ].join('\n'),
    );
  });
});

describe('tracklayer verify when Terraform cannot run (exit 5, never "invalid")', () => {
  test('--mirror /nonexistent', async () => {
    const run = await cliAsync(['verify', '--needs', 'needs.yaml', '--mirror', '/nonexistent']);
    expect(run.code).toBe(EXIT.terraformUnavailable);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('verify: Terraform cannot run here, so no stack was verified: the provider mirror /nonexistent does not exist');
  });

  test('no terraform binary on PATH', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'verify-mirror-'));
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });
    const run = await cliAsync(['verify', '--needs', 'needs.yaml', '--mirror', mirror], { PATH: '/nonexistent-bin' });
    expect(run.code).toBe(EXIT.terraformUnavailable);
    expect(run.stderr).toMatch(/verify: Terraform cannot run here, so no stack was verified: terraform could not be run: .*ENOENT.*; install Terraform 1\.10 or later/);
    expect(run.stdout).not.toMatch(/invalid/);
  });

  test('a mirror that holds none of the providers: every stack skipped, exit 6 even with --allow-skipped', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'verify-empty-mirror-'));
    mkdirSync(join(mirror, 'registry.terraform.io'), { recursive: true });
    const run = await cliAsync(['verify', '--needs', 'needs.yaml', '--mirror', mirror, '--allow-skipped']);
    expect(run.code).toBe(EXIT.verifyIncomplete);
    expect(run.stdout).toMatch(/verified 5 stack\(s\): 0 valid, 0 invalid, 5 skipped/);
    expect(run.stderr).toContain('no stack was verified');
  });

  test('--json when Terraform cannot run: still exactly one JSON object, saying so', async () => {
    const run = await cliAsync(['verify', '--needs', 'needs.yaml', '--mirror', '/nonexistent', '--json']);
    expect(run.code).toBe(EXIT.terraformUnavailable);
    expect(JSON.parse(run.stdout)).toEqual({ result: 'unavailable', exitCode: EXIT.terraformUnavailable, error: expect.stringContaining('the provider mirror /nonexistent does not exist') });
  });
});

describe('tracklayer verify on the command line', () => {
  test('--jobs takes a whole number of at least 1', async () => {
    const run = await cliAsync(['verify', '--needs', 'needs.yaml', '--jobs', '0']);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toContain("option '--jobs <n>' argument '0' is invalid. give a whole number of at least 1");
  });

  test('through the synchronous runCli it is refused as a bug, not half run', () => {
    const run = cli(['verify', '--needs', 'needs.yaml', '--mirror', '/nonexistent']);
    expect(run.code).toBe(EXIT.bug);
    expect(run.stderr).toContain('verify runs Terraform asynchronously: run it through runCliAsync');
  });
});
