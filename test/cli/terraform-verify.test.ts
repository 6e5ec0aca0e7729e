import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { MIN_STACKS_PER_ROOT } from '../../cli/verify-runs';
import { NOT_STARTED, TerraformUnavailableError, missingFromMirror, mirrorCliConfig, requiredProviders, verifyStacks, type CommandRunner, type TerraformRun, type VerifyEvent } from '../../cli/terraform-verify';

const json = (providers: Record<string, string>) => ({
  terraform: { required_providers: Object.fromEntries(Object.entries(providers).map(([name, version]) => [name, { source: name, version }])) },
});

/** A stack that fits a combined root: one AWS provider configuration, AWS resources only. */
const awsStack = (name: string, extra: object = {}) => ({
  terraform: { backend: { local: { path: `../../../terraform.${name}.tfstate` } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { 'tracklayer:stack': name } }] }] },
  resource: { aws_iam_role: { role: { name } } },
  ...extra,
});

function outdirWith(stacks: Record<string, object>): string {
  const out = mkdtempSync(join(tmpdir(), 'verify-out-'));
  for (const [name, content] of Object.entries(stacks)) {
    mkdirSync(join(out, 'stacks', name), { recursive: true });
    writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), `${JSON.stringify(content, null, 2)}\n`);
  }
  return out;
}

const mirror = mkdtempSync(join(tmpdir(), 'mirror-'));
mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });

/** `terraform validate -json` output. */
const validateJson = (diagnostics: object[] = []) => JSON.stringify({ valid: diagnostics.length === 0, diagnostics });
/** `terraform test -json` output: the verdict of the rehearsal, its diagnostics, the teardown. */
const testJson = (status: 'pass' | 'fail' | 'error', diagnostics: object[] = []) =>
  [
    JSON.stringify({ type: 'test_run', test_run: { run: 'rehearse_apply', progress: 'complete', status } }),
    ...diagnostics.map((diagnostic) => JSON.stringify({ type: 'diagnostic', diagnostic })),
    JSON.stringify({ type: 'test_file', test_file: { progress: 'teardown' } }),
  ].join('\n');
const done = (output: string, status = 0): Promise<TerraformRun> => Promise.resolve({ status, output, seconds: 0.5, stopped: false });
const error = (summary: string, where: object = {}) => ({ severity: 'error', summary, detail: '', ...where });

describe('terraform-verify', () => {
  test('requiredProviders and the mirror lookup', () => {
    const providers = requiredProviders(json({ aws: '5.100.0', kubernetes: '2.38.0' }));
    expect(providers).toEqual([{ name: 'aws', version: '5.100.0' }, { name: 'kubernetes', version: '2.38.0' }]);
    expect(missingFromMirror(providers, mirror)).toEqual([{ name: 'kubernetes', version: '2.38.0' }]);
  });

  test('the CLI configuration installs only from the mirror', () => {
    expect(mirrorCliConfig('/opt/m')).toBe('provider_installation {\n  filesystem_mirror {\n    path = "/opt/m"\n  }\n}\n');
  });

  test('stacks that do not fit a combined root run alone in their own directory: valid, invalid and skipped', async () => {
    const out = outdirWith({ good: json({ aws: '5.100.0' }), bad: json({ aws: '5.100.0' }), k8s: json({ aws: '5.100.0', kubernetes: '2.38.0' }) });
    const calls: string[] = [];
    const run: CommandRunner = (args, cwd, env) => {
      calls.push(`${basename(cwd)}:${args[0]}:${env.TF_CLI_CONFIG_FILE ? 'mirror' : 'none'}`);
      if (args[0] === 'validate') return done(cwd.endsWith('bad') ? validateJson([error('Unsupported argument')]) : validateJson(), cwd.endsWith('bad') ? 1 : 0);
      // terraform test validates first: a configuration error fails the run with the same error.
      if (args[0] === 'test' && cwd.endsWith('bad')) return done(testJson('error', [error('Unsupported argument')]), 1);
      // The rehearsal's verdict counts, not the exit code: teardown fails on prevent_destroy by design.
      return args[0] === 'test' ? done(testJson('pass', [error('Instance cannot be destroyed')]), 1) : done('');
    };
    const { outcomes } = await verifyStacks(out, ['good', 'bad', 'k8s'], { mirror, run, env: {} });
    expect(outcomes.map((o) => [o.stack, o.status, o.run])).toEqual([
      ['good', 'valid', 'alone-good'],
      ['bad', 'invalid', 'alone-bad'],
      ['k8s', 'skipped', undefined],
    ]);
    expect(outcomes[1].detail).toBe('Error: Unsupported argument');
    expect(outcomes[2].detail).toBe('provider hashicorp/kubernetes 2.38.0 not in the mirror');
    // init first in each directory, then the rehearsal, and validate only after a failed one; nothing for the skipped stack
    expect(calls.filter((c) => c.startsWith('good:'))).toEqual(['good:init:mirror', 'good:test:mirror']);
    expect(calls.filter((c) => c.startsWith('bad:'))).toEqual(['bad:init:mirror', 'bad:test:mirror', 'bad:validate:mirror']);
    expect(calls.filter((c) => c.startsWith('k8s:'))).toEqual([]);
    expect(readFileSync(join(out, 'stacks', 'good', 'tests', 'rehearsal.tftest.hcl'), 'utf8')).toContain('mock_provider "aws"');
  });

  test("a stack verified alone in its synthesized directory: an error's file is named as in the output, its line kept", async () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const unsupported = error('Unsupported argument', { range: { filename: 'cdk.tf.json', start: { line: 4 } } });
    const run: CommandRunner = (args) => (args[0] === 'validate' ? done(validateJson([unsupported]), 1) : args[0] === 'test' ? done(testJson('error', [unsupported]), 1) : done(''));
    const [outcome] = (await verifyStacks(out, ['s'], { run, env: {} })).outcomes;
    expect(outcome.detail).toBe('Error: Unsupported argument\n  on stacks/s/cdk.tf.json line 4');
  });

  test('a failing init is invalid with its output', async () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const { outcomes } = await verifyStacks(out, ['s'], { run: () => done('no provider', 1), env: {} });
    expect(outcomes).toEqual([{ stack: 's', status: 'invalid', detail: 'terraform init failed:\nno provider', run: 'alone-s' }]);
  });

  test('a failing rehearsed apply is invalid, with its errors', async () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const run: CommandRunner = (args) => (args[0] === 'test' ? done(testJson('fail', [error('invalid ARN', { address: 'aws_iam_role.r' })]), 1) : done(args[0] === 'validate' ? validateJson() : ''));
    const [outcome] = (await verifyStacks(out, ['s'], { run, env: {} })).outcomes;
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toBe('rehearsed apply failed:\nError: invalid ARN\n  with aws_iam_role.r');
  });

  test('an unreachable registry is not an invalid stack: Terraform cannot run', async () => {
    const out = outdirWith({ s: json({ aws: '5.100.0' }) });
    const output = '│ Error: Failed to query available provider packages\n│ Could not retrieve the list of available versions for provider hashicorp/aws: could not connect to registry.terraform.io: dial tcp: lookup registry.terraform.io: no such host';
    const verify = () => verifyStacks(out, ['s'], { run: () => done(output, 1), env: {} });
    await expect(verify()).rejects.toThrow(TerraformUnavailableError);
    await expect(verify()).rejects.toThrow(/could not reach a provider source for s \(no --mirror given, so the public registry\): Error: Failed to query available provider packages/);
  });

  test('no terraform binary: Terraform cannot run', async () => {
    const out = outdirWith({ a: json({ aws: '5.100.0' }), b: json({ aws: '5.100.0' }) });
    await expect(verifyStacks(out, ['a', 'b'], { run: () => done('terraform could not be run: spawn terraform ENOENT', NOT_STARTED), env: {} })).rejects.toThrow(/spawn terraform ENOENT; install Terraform 1\.10 or later/);
  });

  test('a mirror without a registry.terraform.io folder stops before any stack', async () => {
    const calls: string[] = [];
    const run: CommandRunner = (args) => (calls.push(args[0]), done(''));
    await expect(verifyStacks(outdirWith({ s: json({ aws: '5.100.0' }) }), ['s'], { mirror: '/nonexistent', run, env: {} })).rejects.toThrow(/the provider mirror \/nonexistent does not exist/);
    expect(calls).toEqual([]);
  });

  test('without a mirror, providers come from the registry into one plugin cache shared by every init', async () => {
    const caches = new Set<string | undefined>();
    const run: CommandRunner = (args, _cwd, env) => (caches.add(env.TF_PLUGIN_CACHE_DIR), done(args[0] === 'validate' ? validateJson() : args[0] === 'test' ? testJson('pass') : ''));
    await verifyStacks(outdirWith({ a: json({ aws: '5.100.0' }), b: json({ aws: '5.100.0' }) }), ['a', 'b'], { run, env: {} });
    expect(caches.size).toBe(1);
    expect([...caches][0]).toMatch(/plugin-cache$/);
  });
});

describe('terraform-verify: combined roots', () => {
  /** A runner that answers from the stack names each directory holds, recording what it was given. */
  function recordingRunner(answer: (command: string, members: string[]) => Promise<TerraformRun>) {
    const calls: { command: string; dir: string; members: string[]; files: Record<string, string> }[] = [];
    const run: CommandRunner = (args, cwd) => {
      const members = existsSync(join(cwd, 'main.tf.json')) ? Object.keys(JSON.parse(readFileSync(join(cwd, 'main.tf.json'), 'utf8')).module) : [basename(cwd)];
      const read = (file: string) => (existsSync(join(cwd, file)) ? readFileSync(join(cwd, file), 'utf8') : '');
      calls.push({ command: args[0], dir: basename(cwd), members, files: { main: read('main.tf.json'), test: read('tests/rehearsal.tftest.hcl') } });
      return answer(args[0], members);
    };
    return { run, calls };
  }
  const passing = (command: string) => done(command === 'validate' ? validateJson() : command === 'test' ? testJson('pass') : '');

  test('GIVEN stacks that fit THEN one init and one rehearsal (which validates first) verify them all, and each records that run', async () => {
    const producer = awsStack('net', { output: { vpc_id: { value: '${aws_vpc.vpc.id}' } } });
    const consumer = awsStack('app', { data: { terraform_remote_state: { 'cross-stack-reference-input-net': { backend: 'local' } } } });
    const out = outdirWith({ net: producer, app: consumer, data: awsStack('data') });
    const { run, calls } = recordingRunner(passing);
    const events: VerifyEvent[] = [];
    const result = await verifyStacks(out, ['net', 'app', 'data'], { mirror, run, env: {}, onEvent: (e) => events.push(e) });
    expect(result.outcomes.map((o) => [o.stack, o.status, o.run])).toEqual([
      ['net', 'valid', 'combined-1'],
      ['app', 'valid', 'combined-1'],
      ['data', 'valid', 'combined-1'],
    ]);
    expect(calls.map((c) => c.command)).toEqual(['init', 'test']);
    const root = JSON.parse(calls[0].files.main);
    expect(Object.keys(root.module)).toEqual(['net', 'app', 'data']);
    expect(root.provider.aws).toHaveLength(1);
    const test = calls.find((c) => c.command === 'test')!.files.test;
    expect(test.match(/mock_provider "aws"/g)).toHaveLength(1);
    expect(test).toContain('target = module.app.data.terraform_remote_state.cross-stack-reference-input-net');
    expect(result.runs).toEqual([{ id: 'combined-1', stacks: ['net', 'app', 'data'], phases: { init: { seconds: 0.5, passed: true }, rehearsal: { seconds: 0.5, passed: true } } }]);
    expect(events.filter((e) => e.kind === 'stack').map((e) => (e.kind === 'stack' ? `${e.done}/${e.total}` : ''))).toEqual(['1/3', '2/3', '3/3']);
  });

  test('GIVEN a combined root Terraform rejects THEN the stacks its errors name are invalid, the rest are verified again without them', async () => {
    const out = outdirWith({ a: awsStack('a'), b: awsStack('b'), c: awsStack('c') });
    // Line 5 of the module's copy (no backend, no provider block) is the role's name: "name": "b".
    const cidr = error('expected name to be valid', { address: 'module.b.aws_iam_role.role', range: { filename: 'b/cdk.tf.json', start: { line: 5 } } });
    const { run, calls } = recordingRunner((command, members) => {
      if (!members.includes('b')) return passing(command);
      return command === 'validate' ? done(validateJson([cidr]), 1) : command === 'test' ? done(testJson('error', [cidr]), 1) : passing(command);
    });
    const result = await verifyStacks(out, ['a', 'b', 'c'], { mirror, run, env: {} });
    expect(result.outcomes.map((o) => [o.stack, o.status, o.run])).toEqual([
      ['a', 'valid', 'combined-2'],
      ['b', 'invalid', 'combined-1'],
      ['c', 'valid', 'combined-2'],
    ]);
    // Told as of the stack's synthesized file, where the name is on another line, without the module prefix.
    const nameLine = readFileSync(join(out, 'stacks', 'b', 'cdk.tf.json'), 'utf8').split('\n').findIndex((line) => line.includes('"name": "b"')) + 1;
    expect(nameLine).toBeGreaterThan(5);
    expect(result.outcomes[1].detail).toBe(`Error: expected name to be valid\n  with aws_iam_role.role\n  on stacks/b/cdk.tf.json line ${nameLine}`);
    expect(calls.filter((c) => c.command === 'test').map((c) => c.members)).toEqual([['a', 'b', 'c'], ['a', 'c']]);
    // validate ran once, after the failed rehearsal, to tell a configuration error from a failed apply
    expect(calls.filter((c) => c.command === 'validate').map((c) => c.members)).toEqual([['a', 'b', 'c']]);
    expect(result.runs.find((r) => r.id === 'combined-1')!.phases.validate).toEqual({ seconds: 0.5, passed: false });
  });

  test(`GIVEN fewer than 2 × ${MIN_STACKS_PER_ROOT} stacks that fit THEN one root; with more, one root per job`, async () => {
    const roots = async (count: number, jobs: number) => {
      const names = Array.from({ length: count }, (_, i) => `s${i}`);
      const { run, calls } = recordingRunner(passing);
      await verifyStacks(outdirWith(Object.fromEntries(names.map((n) => [n, awsStack(n)]))), names, { mirror, run, env: {}, jobs });
      return calls.filter((c) => c.command === 'test').map((c) => c.members.length);
    };
    expect(await roots(2 * MIN_STACKS_PER_ROOT - 1, 2)).toEqual([2 * MIN_STACKS_PER_ROOT - 1]);
    expect((await roots(2 * MIN_STACKS_PER_ROOT, 2)).sort()).toEqual([MIN_STACKS_PER_ROOT, MIN_STACKS_PER_ROOT]);
    expect(await roots(2 * MIN_STACKS_PER_ROOT, 1)).toEqual([2 * MIN_STACKS_PER_ROOT]);
  });

  test('GIVEN a combined rehearsal fails with an error that names no stack THEN each stack is verified alone', async () => {
    const out = outdirWith({ a: awsStack('a'), b: awsStack('b') });
    const { run, calls } = recordingRunner((command, members) => (command === 'test' && members.length > 1 ? done(testJson('fail', [error('No valid credential sources found')]), 1) : passing(command)));
    const result = await verifyStacks(out, ['a', 'b'], { mirror, run, env: {} });
    expect(result.outcomes.map((o) => [o.stack, o.status, o.run])).toEqual([
      ['a', 'valid', 'alone-a'],
      ['b', 'valid', 'alone-b'],
    ]);
    expect(calls.filter((c) => c.command === 'init').map((c) => c.dir)).toEqual(['combined-1', expect.any(String), expect.any(String)]);
  });

  test('GIVEN a stack with a provider the mirror lacks THEN its AWS part is verified with the others and it is partially verified, never valid', async () => {
    const edge = {
      terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' }, kubernetes: { source: 'kubernetes', version: '2.38.0' } } },
      provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { 'tracklayer:stack': 'edge' } }] }], kubernetes: [{ config_context: 'site' }] },
      resource: {
        aws_iam_role: { role: { name: 'edge' } },
        kubernetes_deployment_v1: { server: { metadata: { name: 'triton' }, spec: { env: '${aws_iam_role.role.arn}' } } },
      },
    };
    const out = outdirWith({ net: awsStack('net'), edge });
    const { run, calls } = recordingRunner(passing);
    const result = await verifyStacks(out, ['net', 'edge'], { mirror, run, env: {} });
    expect(result.outcomes[1]).toEqual({
      stack: 'edge',
      status: 'partial',
      detail: 'hashicorp/aws resources only: 1 of 2 resources verified; 1 not verified (provider hashicorp/kubernetes 2.38.0 not in the mirror)',
      run: 'combined-1',
      part: { providers: ['hashicorp/aws'], verified: ['aws_iam_role.role'], notVerified: ['kubernetes_deployment_v1.server'], missing: ['hashicorp/kubernetes 2.38.0'] },
    });
    expect(calls[0].members).toEqual(['net', 'edge']);
  });

  test('GIVEN many stacks THEN inits run one at a time and never more than `jobs` processes at once', async () => {
    const out = outdirWith(Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [n, json({ aws: '5.100.0' })])));
    let running = 0;
    let inits = 0;
    let most = 0;
    let mostInits = 0;
    const run: CommandRunner = async (args) => {
      running++;
      if (args[0] === 'init') inits++;
      most = Math.max(most, running);
      mostInits = Math.max(mostInits, inits);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (args[0] === 'init') inits--;
      return { status: 0, output: args[0] === 'validate' ? validateJson() : args[0] === 'test' ? testJson('pass') : '', seconds: 0.005, stopped: false };
    };
    const result = await verifyStacks(out, ['a', 'b', 'c', 'd', 'e'], { run, env: {}, jobs: 3 });
    expect(result.outcomes.every((o) => o.status === 'valid')).toBe(true);
    expect(result.jobs).toBe(3);
    expect(most).toBe(3);
    expect(mostInits).toBe(1);
  });

  test('the rehearsal is stopped at a passing verdict, and after a failing one only once its errors are out', async () => {
    const stops: ((line: string) => boolean)[] = [];
    const run: CommandRunner = (args, _cwd, _env, options) => {
      if (args[0] === 'test') stops.push(options!.stopAfter!);
      return done(args[0] === 'validate' ? validateJson() : args[0] === 'test' ? testJson('pass') : '');
    };
    await verifyStacks(outdirWith({ s: json({ aws: '5.100.0' }) }), ['s'], { run, env: {} });
    const [pass] = stops;
    expect(pass(JSON.stringify({ type: 'test_run', test_run: { run: 'rehearse_apply', progress: 'complete', status: 'pass' } }))).toBe(true);
    stops.length = 0;
    await verifyStacks(outdirWith({ s: json({ aws: '5.100.0' }) }), ['s'], { run, env: {} });
    const [fail] = stops;
    expect(fail(JSON.stringify({ type: 'test_run', test_run: { run: 'rehearse_apply', progress: 'complete', status: 'fail' } }))).toBe(false);
    expect(fail(JSON.stringify({ type: 'diagnostic', diagnostic: error('invalid ARN') }))).toBe(false);
    expect(fail(JSON.stringify({ type: 'test_file', test_file: { progress: 'teardown' } }))).toBe(true);
  });
});
