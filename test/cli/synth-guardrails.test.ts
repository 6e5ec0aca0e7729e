import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run-cli';
import type { Rule } from '../../guardrails/rule';
import { MINIMAL_YAML } from '../support/needs-fixtures';
import { cli } from '../support/run-cli';

const work = mkdtempSync(join(tmpdir(), 'tracklayer-synth-guardrails-'));

/** A rule that reports one error on the VPC of every network stack. */
const injected: Rule = {
  id: 'IAM_NO_ADMIN',
  level: 'error',
  rationale: 'An injected rule for tests of the synth path.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) => (stack.name.endsWith('-network') ? [{ address: 'aws_vpc.vpc', path: `${stack.name}/vpc`, message: 'an injected error' }] : []),
};

function run(args: string[], rules: readonly Rule[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} }, rules);
  return { code, stdout, stderr };
}

function needsFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('tracklayer synth runs the guardrails on the final JSON', () => {
  test('GIVEN a rule that reports an error WHEN synth runs THEN exit 3, `stack/path: RULE_ID: message` on stderr, nothing on stdout, nothing written', () => {
    const out = join(work, 'keep');
    expect(run(['synth', '--needs', 'needs.yaml', '--out', out], []).code).toBe(0);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    const stacks = readdirSync(join(out, 'stacks'));
    const result = run(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out], [injected]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toContain('lumen-research-network/vpc: IAM_NO_ADMIN: an injected error');
    expect(result.stderr).toMatch(/^guardrails: 1 guardrail error\(s\); nothing was written/m);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readdirSync(join(out, 'stacks'))).toEqual(stacks);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('GIVEN the same error suppressed at its construct path in the needs file THEN synth writes the stacks', () => {
    const needs = needsFile('suppressed.yaml', `${MINIMAL_YAML}guardrails:\n  suppress:\n    - rule: IAM_NO_ADMIN\n      resource: acme-ml-network/vpc\n      reason: "a break-glass exception, reviewed"\n`);
    const out = join(work, 'suppressed-out');
    const result = run(['synth', '--needs', needs, '--out', out], [injected]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('IAM_NO_ADMIN');
    expect(existsSync(join(out, 'stacks', 'acme-ml-network', 'cdk.tf.json'))).toBe(true);
  });

  test('GIVEN real rules that only warn THEN the warnings are printed and synth passes', () => {
    const out = join(work, 'warnings');
    const result = cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toContain(
      'warning: lumen-research-network: STATE_BACKEND: keeps state in a local file, unencrypted and unshared; set state.bucket in the needs file for an encrypted, locked S3 backend',
    );
    expect(result.stdout).toMatch(/^cloud-first: wrote \d+ stack\(s\)/);
  });

  test('GIVEN a suppression that matches nothing THEN a located warning names it and synth passes', () => {
    const needs = needsFile('stale.yaml', `${MINIMAL_YAML}guardrails:\n  suppress:\n    - rule: IAM_NO_ADMIN\n      reason: "left over from an old role"\n`);
    const result = cli(['synth', '--needs', needs, '--out', join(work, 'stale-out')]);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toContain(
      `${needs}:7:7: guardrails.suppress[0]: suppresses IAM_NO_ADMIN anywhere, but the rule found nothing there; remove the entry or correct its construct path (warning)`,
    );
  });

  test('GIVEN the hybrid example THEN its suppressed EKS_ENDPOINT warning is neither printed nor fatal', () => {
    const result = cli(['synth', '--needs', 'examples/hybrid.yaml', '--out', join(work, 'hybrid')]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('EKS_ENDPOINT');
  });
});
