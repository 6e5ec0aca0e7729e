/**
 * `tracklayer verify`: proves synthesized stacks against the real Terraform and provider
 * schemas. For every stack whose providers are all available (in the offline provider mirror
 * when one is given): `terraform init -backend=false`, `terraform validate`, and a rehearsed
 * apply (`terraform test` against `mock_provider "aws"`, ./terraform-rehearsal). A stack with a
 * provider the mirror lacks is verified in part when its available providers' resources stand
 * on their own (./verifiable-part: the AWS resources of an edge-<site> stack), and reported as
 * partially verified; with nothing of it verifiable, it is skipped. Neither is ever valid.
 *
 * At fleet scale (./verify-runs): stacks that fit are verified together in combined roots
 * (./combined-root), so each Terraform command runs once for many stacks; runs go in parallel
 * up to the cores; `terraform init` runs one at a time, into a shared plugin cache when
 * providers come from a registry (parallel init into one cache is unsafe, hashicorp/terraform
 * #31964); a combined root Terraform rejects is split by the stacks its errors name, and what
 * cannot be told apart is verified alone, so every verdict is a Terraform verdict on that stack.
 *
 * When Terraform cannot run at all — no `terraform` binary, a mirror that does not exist, a
 * registry that cannot be reached — nothing is verified and {@link TerraformUnavailableError}
 * says why; that is never reported as an invalid stack.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTerraform, type CommandRunner } from './terraform-process';
import type { StackDocument } from './verifiable-part';
import { Verifier } from './verify-runs';

export { NOT_STARTED, runTerraform, type CommandRunner, type TerraformRun } from './terraform-process';

/** One stack's outcome. */
export interface StackVerification {
  readonly stack: string;
  /**
   * valid: init, validate and the rehearsed apply passed for the whole stack. partial: they
   * passed for the part of it its available providers can verify; the rest was not verified.
   * invalid: Terraform rejected it (or its part). skipped: nothing of it could be verified.
   */
  readonly status: 'valid' | 'partial' | 'invalid' | 'skipped';
  /** Why it was skipped, what was verified of it, or what Terraform said. */
  readonly detail: string;
  /** The id of the Terraform run that decided it (see {@link VerifyResult.runs}); absent when skipped. */
  readonly run?: string;
  /** For a stack verified in part: the resources verified and not, and the providers missing. */
  readonly part?: StackPart;
}

/** What of a stack was verified in part. */
export interface StackPart {
  /** Providers whose resources were verified (`hashicorp/aws`). */
  readonly providers: readonly string[];
  /** Addresses of the resources verified. */
  readonly verified: readonly string[];
  /** Addresses of the resources not verified. */
  readonly notVerified: readonly string[];
  /** The providers not in the mirror (`hashicorp/kubernetes 2.38.0`). */
  readonly missing: readonly string[];
}

/** The phases of a Terraform run. */
export type Phase = 'init' | 'validate' | 'rehearsal';

/** The time and outcome of one phase of one run. */
export interface PhaseRecord {
  readonly seconds: number;
  readonly passed: boolean;
}

/** One Terraform run: a combined root of several stacks, or one stack alone. */
export interface RunRecord {
  /** `combined-<n>`, or `alone-<stack>`. */
  readonly id: string;
  readonly stacks: readonly string[];
  /** The phases it ran: init, the rehearsal (which validates first), and validate only after a failed rehearsal. */
  readonly phases: Partial<Record<Phase, PhaseRecord>>;
}

/** What `verify` did. */
export interface VerifyResult {
  /** One per stack, in the order the stacks were given. */
  readonly outcomes: readonly StackVerification[];
  /** Every Terraform run, in the order they finished. */
  readonly runs: readonly RunRecord[];
  /** How many Terraform processes ran at once at most. */
  readonly jobs: number;
  /** Wall time, in seconds. */
  readonly seconds: number;
}

/** Progress, as it happens. */
export type VerifyEvent =
  | { readonly kind: 'start'; readonly stacks: number; readonly toVerify: number; readonly jobs: number }
  | { readonly kind: 'phase-start'; readonly run: string; readonly stacks: number; readonly phase: Phase }
  | { readonly kind: 'phase-end'; readonly run: string; readonly stacks: number; readonly phase: Phase; readonly record: PhaseRecord }
  | { readonly kind: 'stack'; readonly outcome: StackVerification; readonly done: number; readonly total: number };

/** Options of {@link verifyStacks}. */
export interface VerifyOptions {
  /** An offline filesystem mirror (unpacked layout) to install providers from. @default - the registry */
  readonly mirror?: string;
  /** Runs Terraform. @default runTerraform */
  readonly run?: CommandRunner;
  /** The environment Terraform runs in. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Terraform processes at once. @default os.availableParallelism() */
  readonly jobs?: number;
  /** Verify stacks that fit together in combined roots; false verifies every stack alone. @default true */
  readonly combine?: boolean;
  /** Receives progress. @default - none */
  readonly onEvent?: (event: VerifyEvent) => void;
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
export async function verifyStacks(outdir: string, stacks: readonly string[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const started = process.hrtime.bigint();
  if (options.mirror !== undefined && !existsSync(join(options.mirror, 'registry.terraform.io'))) {
    throw new TerraformUnavailableError(`the provider mirror ${options.mirror} does not exist or holds no registry.terraform.io/ folder; give the directory of an offline filesystem mirror (terraform providers mirror DIR)`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-verify-'));
  // Provider plugins put their sockets in TMPDIR; a run stopped early leaves them here, removed below.
  mkdirSync(join(scratch, 'tmp'));
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TMPDIR: join(scratch, 'tmp') };
  if (options.mirror) {
    // The mirror is unpacked: init links each stack to it, so every stack shares that one copy.
    const config = join(scratch, 'terraformrc');
    writeFileSync(config, mirrorCliConfig(options.mirror));
    env.TF_CLI_CONFIG_FILE = config;
  } else {
    // From a registry: the first init downloads into the cache, the next ones link to it (inits run one at a time).
    env.TF_PLUGIN_CACHE_DIR = join(scratch, 'plugin-cache');
    mkdirSync(env.TF_PLUGIN_CACHE_DIR);
  }
  try {
    const all = Object.fromEntries(stacks.map((stack) => [stack, JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackDocument]));
    const jobs = options.jobs ?? availableParallelism();
    const verifier = new Verifier({ outdir, scratch, all, env, mirror: options.mirror, run: options.run ?? runTerraform, jobs, combine: options.combine ?? true, onEvent: options.onEvent ?? (() => undefined) });
    const { outcomes, runs } = await verifier.verify(stacks);
    return { outcomes, runs, jobs, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
