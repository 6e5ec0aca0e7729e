import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformUnavailableError, missingFromMirror, mirrorCliConfig, requiredProviders, verifyStacks, type CommandRunner } from '../../cli/terraform-verify';

const json = (providers: Record<string, string>) => ({
  terraform: { required_providers: Object.fromEntries(Object.entries(providers).map(([name, version]) => [name, { source: name, version }])) },
});

function outdirWith(stacks: Record<string, object>): string {
  const out = mkdtempSync(join(tmpdir(), 'verify-out-'));
  for (const [name, content] of Object.entries(stacks)) {
    mkdirSync(join(out, 'stacks', name), { recursive: true });
    writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(content));
  }
  return out;
}

const mirror = mkdtempSync(join(tmpdir(), 'mirror-'));
mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });

describe('terraform-verify', () => {
  test('requiredProviders and the mirror lookup', () => {
    const providers = requiredProviders(json({ aws: '5.100.0', kubernetes: '2.38.0' }));
    expect(providers).toEqual([{ name: 'aws', version: '5.100.0' }, { name: 'kubernetes', version: '2.38.0' }]);
    expect(missingFromMirror(providers, mirror)).toEqual([{ name: 'kubernetes', version: '2.38.0' }]);
  });

  test('the CLI configuration installs only from the mirror', () => {
    expect(mirrorCliConfig('/opt/m')).toBe('provider_installation {\n  filesystem_mirror {\n    path = "/opt/m"\n  }\n}\n');
  });

  test('valid, invalid and skipped stacks; init and validate run in the stack directory with the mirror config', () => {
    const out = outdirWith({ good: json({ aws: '5.100.0' }), bad: json({ aws: '5.100.0' }), k8s: json({ aws: '5.100.0', kubernetes: '2.38.0' }) });
    const calls: string[] = [];
    const run: CommandRunner = (args, cwd, env) => {
      calls.push(`${cwd.split('/').pop()}:${args[0]}:${env.TF_CLI_CONFIG_FILE ? 'mirror' : 'none'}`);
      if (cwd.endsWith('bad') && args[0] === 'validate') return { status: 1, output: 'Error: Unsupported argument' };
      // The rehearsal verdict counts, not the exit code: teardown fails on prevent_destroy by design.
      return args[0] === 'test' ? { status: 1, output: 'run "rehearse_apply"... pass\nError: Instance cannot be destroyed' } : { status: 0, output: '' };
    };
    const outcomes = verifyStacks(out, ['good', 'bad', 'k8s'], { mirror, run, env: {} });
    expect(outcomes.map((o) => [o.stack, o.status])).toEqual([
      ['good', 'valid'],
      ['bad', 'invalid'],
      ['k8s', 'skipped'],
    ]);
    expect(outcomes[1].detail).toBe('Error: Unsupported argument');
    expect(outcomes[2].detail).toBe('provider hashicorp/kubernetes 2.38.0 not in the mirror');
    expect(calls).toEqual(['good:init:mirror', 'good:validate:mirror', 'good:test:mirror', 'bad:init:mirror', 'bad:validate:mirror']);
    expect(readFileSync(join(out, 'stacks', 'good', 'tests', 'rehearsal.tftest.hcl'), 'utf8')).toContain('mock_provider "aws"');
  });

  test('a failing init is invalid with its output', () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const [outcome] = verifyStacks(out, ['s'], { run: () => ({ status: 1, output: 'no provider' }), env: {} });
    expect(outcome).toEqual({ stack: 's', status: 'invalid', detail: 'terraform init failed:\nno provider' });
  });

  test('a failing rehearsed apply is invalid', () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const run: CommandRunner = (args) => (args[0] === 'test' ? { status: 1, output: 'run "rehearse_apply"... fail\nError: invalid ARN' } : { status: 0, output: '' });
    const [outcome] = verifyStacks(out, ['s'], { run, env: {} });
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toMatch(/^rehearsed apply failed:\n.*invalid ARN/s);
  });

  test('an unreachable registry is not an invalid stack: Terraform cannot run', () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const output = '│ Error: Failed to query available provider packages\n│ Could not retrieve the list of available versions for provider hashicorp/aws: could not connect to registry.terraform.io: dial tcp: lookup registry.terraform.io: no such host';
    expect(() => verifyStacks(out, ['s'], { run: () => ({ status: 1, output }), env: {} })).toThrow(TerraformUnavailableError);
    expect(() => verifyStacks(out, ['s'], { run: () => ({ status: 1, output }), env: {} })).toThrow(/could not reach a provider source for s \(no --mirror given, so the public registry\): Error: Failed to query available provider packages/);
  });

  test('a mirror without a registry.terraform.io folder stops before any stack', () => {
    const calls: string[] = [];
    expect(() => verifyStacks(outdirWith({ s: json({ aws: '5.100.0' }) }), ['s'], { mirror: '/nonexistent', run: (args) => (calls.push(args[0]), { status: 0, output: '' }), env: {} })).toThrow(
      /the provider mirror \/nonexistent does not exist/,
    );
    expect(calls).toEqual([]);
  });
});
