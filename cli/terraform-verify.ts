/**
 * `tracklayer verify`: proves synthesized stacks against the real Terraform and provider
 * schemas. For every stack whose providers are all available (in the offline provider mirror
 * when one is given): `terraform init -backend=false`, `terraform validate`, and a rehearsed
 * apply (`terraform test` against `mock_provider "aws"`, ./terraform-rehearsal). Stacks with a
 * provider the mirror lacks are reported as skipped, never as passed.
 *
 * When Terraform cannot run at all — no `terraform` binary, a mirror that does not exist, a
 * registry that cannot be reached — nothing is verified and {@link TerraformUnavailableError}
 * says why; that is never reported as an invalid stack.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rehearsalPassed, rehearsalTest } from './terraform-rehearsal';

/** One stack's outcome. */
export interface StackVerification {
  readonly stack: string;
  /** valid: init, validate and the rehearsed apply passed. */
  readonly status: 'valid' | 'invalid' | 'skipped';
  /** Why it was skipped or what Terraform said. */
  readonly detail: string;
}

/** A provider a stack requires: `registry.terraform.io/hashicorp/<name>` at `version`. */
export interface RequiredProvider {
  readonly name: string;
  readonly version: string;
}

/** Terraform cannot run here at all; no stack was verified. */
export class TerraformUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformUnavailableError';
  }
}

/** The exit status {@link runTerraform} reports when the binary cannot be started. */
export const NOT_STARTED = 127;

/**
 * What `terraform init` prints when it cannot reach a provider source, as opposed to a
 * configuration it rejects (Terraform's installer errors: "Failed to query available provider
 * packages", "could not connect to registry.terraform.io", DNS and proxy failures).
 */
const UNREACHABLE_REGISTRY = /could not connect to|Failed to query available provider packages|no such host|dial tcp|i\/o timeout|connection refused|TLS handshake timeout|Failed to retrieve available versions/i;

/** Runs a command in a directory; injectable so tests need no Terraform. */
export type CommandRunner = (args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) => { status: number; output: string };

/** Runs `terraform` for real. */
export const runTerraform: CommandRunner = (args, cwd, env) => {
  const result = spawnSync('terraform', [...args], { cwd, env, encoding: 'utf8' });
  if (result.error) return { status: NOT_STARTED, output: `terraform could not be run: ${result.error.message}` };
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
};

/** The providers a synthesized stack requires (from `terraform.required_providers`). */
export function requiredProviders(json: { terraform?: { required_providers?: Record<string, { source?: string; version?: string }> } }): RequiredProvider[] {
  return Object.entries(json.terraform?.required_providers ?? {}).map(([name, spec]) => ({ name: (spec.source ?? name).split('/').pop()!, version: spec.version ?? '' }));
}

/** Providers missing from a filesystem mirror (`<mirror>/registry.terraform.io/hashicorp/<name>/<version>`). */
export function missingFromMirror(providers: readonly RequiredProvider[], mirror: string): RequiredProvider[] {
  return providers.filter((p) => !existsSync(join(mirror, 'registry.terraform.io', 'hashicorp', p.name, p.version)));
}

/** A Terraform CLI configuration that installs providers only from the mirror (no network). */
export function mirrorCliConfig(mirror: string): string {
  return `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`;
}

/**
 * Verifies each stack directory `<outdir>/stacks/<stack>`.
 * @throws TerraformUnavailableError when Terraform cannot run at all (no binary, no mirror, no registry).
 */
export function verifyStacks(outdir: string, stacks: readonly string[], options: { mirror?: string; run?: CommandRunner; env?: NodeJS.ProcessEnv } = {}): StackVerification[] {
  const run = options.run ?? runTerraform;
  if (options.mirror !== undefined && !existsSync(join(options.mirror, 'registry.terraform.io'))) {
    throw new TerraformUnavailableError(`the provider mirror ${options.mirror} does not exist or holds no registry.terraform.io/ folder; give the directory of an offline filesystem mirror (terraform providers mirror DIR)`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-verify-'));
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  if (options.mirror) {
    const config = join(scratch, 'terraformrc');
    writeFileSync(config, mirrorCliConfig(options.mirror));
    env.TF_CLI_CONFIG_FILE = config;
  }
  try {
    const all = Object.fromEntries(stacks.map((stack) => [stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'))]));
    return stacks.map((stack) => verifyStack(join(outdir, 'stacks', stack), stack, all, options.mirror, run, env));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function verifyStack(dir: string, stack: string, all: Record<string, object>, mirror: string | undefined, run: CommandRunner, env: NodeJS.ProcessEnv): StackVerification {
  const json = all[stack];
  const missing = mirror ? missingFromMirror(requiredProviders(json), mirror) : [];
  if (missing.length > 0) {
    return { stack, status: 'skipped', detail: `provider ${missing.map((p) => `hashicorp/${p.name} ${p.version}`).join(', ')} not in the mirror` };
  }
  const init = run(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
  if (init.status === NOT_STARTED) throw new TerraformUnavailableError(`${init.output.trim()}; install Terraform 1.10 or later, or put it on PATH`);
  if (init.status !== 0 && UNREACHABLE_REGISTRY.test(init.output)) {
    throw new TerraformUnavailableError(`terraform init could not reach a provider source for ${stack}${mirror ? '' : ' (no --mirror given, so the public registry)'}: ${firstErrorLine(init.output)}; give an offline mirror with --mirror DIR or TRACKLAYER_TF_MIRROR`);
  }
  if (init.status !== 0) return { stack, status: 'invalid', detail: `terraform init failed:\n${init.output.trim()}` };
  const validate = run(['validate', '-no-color'], dir, env);
  if (validate.status !== 0) return { stack, status: 'invalid', detail: validate.output.trim() };
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(join(dir, 'tests', 'rehearsal.tftest.hcl'), rehearsalTest(json, all));
  const rehearsal = run(['test', '-no-color'], dir, env);
  if (!rehearsalPassed(rehearsal.output)) return { stack, status: 'invalid', detail: `rehearsed apply failed:\n${rehearsal.output.trim()}` };
  return { stack, status: 'valid', detail: 'validate and a rehearsed apply against the mock provider passed' };
}

/** The first `Error: ...` line of Terraform's output (or its first line). */
function firstErrorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
  return lines.find((line) => line.startsWith('Error:')) ?? lines[0] ?? 'no output';
}
