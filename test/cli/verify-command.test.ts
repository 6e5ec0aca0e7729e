import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/exit-codes';
import type { StackVerification } from '../../cli/terraform-verify';
import { reportVerification } from '../../cli/verify-report';
import { cli } from '../support/run-cli';

function report(outcomes: StackVerification[], allowSkipped = false) {
  let stdout = '';
  let stderr = '';
  const code = reportVerification({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, outcomes, allowSkipped);
  return { code, stdout, stderr };
}

const valid = (stack: string): StackVerification => ({ stack, status: 'valid', detail: 'passed' });
const skipped = (stack: string): StackVerification => ({ stack, status: 'skipped', detail: 'provider hashicorp/kubernetes not in the mirror' });
const invalid = (stack: string): StackVerification => ({ stack, status: 'invalid', detail: 'Error: Unsupported argument' });

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
});

describe('tracklayer verify when Terraform cannot run (exit 5, never "invalid")', () => {
  test('--mirror /nonexistent', () => {
    const run = cli(['verify', '--needs', 'needs.yaml', '--mirror', '/nonexistent']);
    expect(run.code).toBe(EXIT.terraformUnavailable);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('verify: Terraform cannot run here, so no stack was verified: the provider mirror /nonexistent does not exist');
  });

  test('no terraform binary on PATH', () => {
    const mirror = mkdtempSync(join(tmpdir(), 'verify-mirror-'));
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });
    const run = cli(['verify', '--needs', 'needs.yaml', '--mirror', mirror], { PATH: '/nonexistent-bin' });
    expect(run.code).toBe(EXIT.terraformUnavailable);
    expect(run.stderr).toMatch(/verify: Terraform cannot run here, so no stack was verified: terraform could not be run: .*ENOENT.*; install Terraform 1\.10 or later/);
    expect(run.stdout).not.toMatch(/invalid/);
  });

  test('a mirror that holds none of the providers: every stack skipped, exit 6 even with --allow-skipped', () => {
    const mirror = mkdtempSync(join(tmpdir(), 'verify-empty-mirror-'));
    mkdirSync(join(mirror, 'registry.terraform.io'), { recursive: true });
    const run = cli(['verify', '--needs', 'needs.yaml', '--mirror', mirror, '--allow-skipped']);
    expect(run.code).toBe(EXIT.verifyIncomplete);
    expect(run.stdout).toMatch(/verified 5 stack\(s\): 0 valid, 0 invalid, 5 skipped/);
    expect(run.stderr).toContain('no stack was verified');
  });
});
