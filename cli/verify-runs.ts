/**
 * The Terraform runs of `tracklayer verify` (./terraform-verify): which stacks go together,
 * in what order, how many at once, and how each verdict is reached.
 *
 * 1. Each stack is a unit: the whole stack when the mirror holds all its providers, else the
 *    part its available providers can verify (./verifiable-part), else it is skipped.
 * 2. Units that fit (./combined-root `isCombinable`) and share the AWS provider's settings
 *    are verified together in one combined root (more only with more cores and many stacks,
 *    {@link MIN_STACKS_PER_ROOT}); the others alone, in their own directory as synthesized.
 * 3. A run is `terraform init` (one at a time across all runs), then the rehearsed apply
 *    (`test -json`), stopped at its verdict (the teardown of the mock state decides nothing).
 *    `terraform test` validates the configuration first, as `terraform validate` does (the same
 *    schema and provider validators: an unknown argument or an out-of-range value fails the run
 *    with the same diagnostics), so a passing rehearsal proves what validate would; `validate
 *    -json` runs only after a failed rehearsal, to tell a configuration error from a failed
 *    apply. One Terraform process per run, not two side by side: each holds the AWS schema
 *    (about 200 MB, its provider plugin about 330 MB more), and two pairs put verify of the
 *    default needs above 1 GB for a second or so less. All processes share a pool of `jobs`
 *    slots.
 * 4. A combined root that passes makes each of its stacks valid (partial for a part). One that
 *    fails: every stack an error names is invalid with those errors; the rest are verified
 *    again without them; when an error names no stack (the root's own configuration), or a
 *    combined init fails, its stacks are verified alone.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { combinationKey, combinedRootFiles, isCombinable } from './combined-root';
import { jsonKeyLines } from './json-key-lines';
import { errorsOf, formatDiagnostics, inStackFile, memberOf, testDiagnostics, validateDiagnostics, type Diagnostic } from './terraform-diagnostics';
import { NOT_STARTED, type CommandRunner, type TerraformRun } from './terraform-process';
import { combinedRehearsalTest, rehearsalTest, rehearsalVerdict, teardownBegins } from './terraform-rehearsal';
import { TerraformUnavailableError, missingFromMirror, type Phase, type PhaseRecord, type RunRecord, type StackPart, type StackVerification, type VerifyEvent } from './terraform-verify';
import { TaskPool } from './task-pool';
import { verifiablePart, type StackDocument } from './verifiable-part';

/**
 * What `terraform init` prints when it cannot reach a provider source, as opposed to a
 * configuration it rejects (Terraform's installer errors: "Failed to query available provider
 * packages", "could not connect to registry.terraform.io", DNS and proxy failures).
 */
const UNREACHABLE_REGISTRY = /could not connect to|Failed to query available provider packages|no such host|dial tcp|i\/o timeout|connection refused|TLS handshake timeout|Failed to retrieve available versions/i;

/**
 * Stacks per combined root before a second root pays for itself. A root's rehearsal has a fixed
 * cost, provider starts and schema loads, of about 10 s of CPU; a member adds about 0.05 s.
 * Measured on 2 cores (one Terraform process per root): 203 stacks in one root 13.5 s, in two
 * roots side by side 14.6 s and twice the memory; 503 stacks in one root 35 s, in two 24 s.
 */
export const MIN_STACKS_PER_ROOT = 250;

/** A stack, or the part of it, to verify. */
interface Unit {
  readonly stack: string;
  readonly json: StackDocument;
  readonly part?: StackPart;
}

/** What the runs need. */
export interface VerifierSetup {
  readonly outdir: string;
  readonly scratch: string;
  readonly all: Readonly<Record<string, StackDocument>>;
  readonly env: NodeJS.ProcessEnv;
  readonly mirror: string | undefined;
  readonly run: CommandRunner;
  readonly jobs: number;
  readonly combine: boolean;
  readonly onEvent: (event: VerifyEvent) => void;
}

/** Splits `items` into `count` batches of nearly equal size, keeping their order. */
export function batchesOf<T>(items: readonly T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** The providers of `json` the mirror lacks: their local names and `hashicorp/<name> <version>`. */
function missingProviders(json: StackDocument, mirror: string | undefined): { names: string[]; labels: string[] } {
  const names: string[] = [];
  const labels: string[] = [];
  if (mirror === undefined) return { names, labels };
  for (const [local, spec] of Object.entries((json.terraform?.required_providers ?? {}) as Record<string, { source?: string; version?: string }>)) {
    const provider = { name: (spec.source ?? local).split('/').pop()!, version: spec.version ?? '' };
    if (missingFromMirror([provider], mirror).length > 0) {
      names.push(local);
      labels.push(`hashicorp/${provider.name} ${provider.version}`);
    }
  }
  return { names, labels };
}

/** `hashicorp/aws resources only: 3 of 14 resources verified; 11 not verified (…)`. */
function partDetail(part: StackPart): string {
  const total = part.verified.length + part.notVerified.length;
  return `${part.providers.join(', ')} resources only: ${part.verified.length} of ${total} resources verified; ${part.notVerified.length} not verified (provider ${part.missing.join(', ')} not in the mirror)`;
}

/** The runs of one `verify`. */
export class Verifier {
  private readonly pool: TaskPool;
  private readonly initLock = new TaskPool(1);
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly chains = new Set<Promise<void>>();
  private readonly outcomes = new Map<string, StackVerification>();
  private readonly runs: RunRecord[] = [];
  private unavailable: TerraformUnavailableError | undefined;
  private combinedCount = 0;
  private total = 0;

  constructor(private readonly setup: VerifierSetup) {
    this.pool = new TaskPool(setup.jobs);
  }

  /** Verifies `stacks`; outcomes in their order, and every run. */
  async verify(stacks: readonly string[]): Promise<{ outcomes: StackVerification[]; runs: RunRecord[] }> {
    this.total = stacks.length;
    const units: Unit[] = [];
    const skipped: StackVerification[] = [];
    for (const stack of stacks) {
      const unit = this.unitOf(stack);
      if ('status' in unit) skipped.push(unit);
      else units.push(unit);
    }
    this.setup.onEvent({ kind: 'start', stacks: stacks.length, toVerify: units.length, jobs: this.setup.jobs });
    for (const outcome of skipped) this.settle(outcome);
    try {
      await this.verifyUnits(units);
    } catch (error) {
      // Terraform cannot run: stop every run still going, wait until none is left, then say so.
      this.abort.abort();
      for (let size = -1; size !== this.chains.size + this.inFlight.size; ) {
        size = this.chains.size + this.inFlight.size;
        await Promise.allSettled([...this.chains, ...this.inFlight]);
      }
      throw error;
    }
    return { outcomes: stacks.map((stack) => this.outcomes.get(stack)!), runs: this.runs };
  }

  /** The stack or the part of it to verify, or its outcome when nothing of it can be verified. */
  private unitOf(stack: string): Unit | StackVerification {
    const json = this.setup.all[stack];
    const missing = missingProviders(json, this.setup.mirror);
    if (missing.names.length === 0) return { stack, json };
    const part = verifiablePart(json, missing.names);
    if (!part) return { stack, status: 'skipped', detail: `provider ${missing.labels.join(', ')} not in the mirror` };
    const providers = Object.entries((part.json.terraform?.required_providers ?? {}) as Record<string, { source?: string }>).map(([local, spec]) => `hashicorp/${(spec.source ?? local).split('/').pop()}`);
    return { stack, json: part.json, part: { providers, verified: part.verified, notVerified: part.notVerified, missing: missing.labels } };
  }

  private settle(outcome: StackVerification): void {
    this.outcomes.set(outcome.stack, outcome);
    this.setup.onEvent({ kind: 'stack', outcome, done: this.outcomes.size, total: this.total });
  }

  /** Valid, or partial for a part. */
  private passed(unit: Unit, run: string): void {
    if (unit.part) this.settle({ stack: unit.stack, status: 'partial', detail: partDetail(unit.part), run, part: unit.part });
    else this.settle({ stack: unit.stack, status: 'valid', detail: 'validate and a rehearsed apply against the mock provider passed', run });
  }

  /**
   * `errors` of the stack's run (in `copyFile`, as Terraform names it) told as of the stack's
   * synthesized file, so a line names what the user can open; `copyText` is the copy Terraform
   * checked, or undefined when it checked the synthesized file itself.
   */
  private located(stack: string, copyFile: string, copyText: string | undefined, errors: readonly Diagnostic[]): Diagnostic[] {
    const synthesized = jsonKeyLines(readFileSync(join(this.setup.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    const copy = copyText === undefined ? synthesized : jsonKeyLines(copyText);
    return errors.map((d) => inStackFile(d, stack, copyFile, copy, synthesized));
  }

  private rejected(unit: Unit, run: string, detail: string): void {
    this.settle({ stack: unit.stack, status: 'invalid', detail: unit.part ? `${unit.part.providers.join(', ')} resources only: ${detail}` : detail, run, ...(unit.part ? { part: unit.part } : {}) });
  }

  private async verifyUnits(units: readonly Unit[]): Promise<void> {
    const alone: Unit[] = [];
    const groups = new Map<string, Unit[]>();
    for (const unit of units) {
      if (!this.setup.combine || !isCombinable(unit.json)) alone.push(unit);
      else groups.set(combinationKey(unit.json), [...(groups.get(combinationKey(unit.json)) ?? []), unit]);
    }
    const batches: Unit[][] = [];
    for (const group of groups.values()) {
      if (group.length === 1) alone.push(group[0]);
      // One root per job at most, and only when each is well filled.
      else batches.push(...batchesOf(group, Math.max(1, Math.min(this.setup.jobs, Math.floor(group.length / MIN_STACKS_PER_ROOT)))));
    }
    await Promise.all([...batches.map((batch) => this.track(this.combined(batch))), ...alone.map((unit) => this.track(this.alone(unit)))]);
  }

  private track(chain: Promise<void>): Promise<void> {
    this.chains.add(chain);
    return chain;
  }

  /** Runs one Terraform command in a pool slot (init also under the init lock). */
  private terraform(record: RunRecord, phase: Phase, args: readonly string[], cwd: string, stopAfter?: (line: string) => boolean): Promise<TerraformRun> {
    const slot = () =>
      this.pool.run(async () => {
        if (this.unavailable) throw this.unavailable;
        if (this.abort.signal.aborted) throw new Error('verify was stopped');
        this.setup.onEvent({ kind: 'phase-start', run: record.id, stacks: record.stacks.length, phase });
        const result = await this.setup.run(args, cwd, this.setup.env, { stopAfter, signal: this.abort.signal });
        if (result.status === NOT_STARTED) throw (this.unavailable = new TerraformUnavailableError(`${result.output.trim()}; install Terraform 1.10 or later, or put it on PATH`));
        return result;
      });
    const running = phase === 'init' ? this.initLock.run(slot) : slot();
    this.inFlight.add(running);
    return running.finally(() => this.inFlight.delete(running));
  }

  private phaseDone(record: RunRecord, phase: Phase, seconds: number, passed: boolean): void {
    const phaseRecord: PhaseRecord = { seconds, passed };
    (record.phases as Partial<Record<Phase, PhaseRecord>>)[phase] = phaseRecord;
    this.setup.onEvent({ kind: 'phase-end', run: record.id, stacks: record.stacks.length, phase, record: phaseRecord });
  }

  /** `terraform init`; true when it passed. */
  private async init(record: RunRecord, dir: string): Promise<{ passed: boolean; output: string }> {
    const init = await this.terraform(record, 'init', ['init', '-backend=false', '-input=false', '-no-color'], dir);
    if (init.status !== 0 && UNREACHABLE_REGISTRY.test(init.output)) {
      throw (this.unavailable = new TerraformUnavailableError(
        `terraform init could not reach a provider source for ${record.stacks.join(', ')}${this.setup.mirror ? '' : ' (no --mirror given, so the public registry)'}: ${firstErrorLine(init.output)}; give an offline mirror with --mirror DIR or TRACKLAYER_TF_MIRROR`,
      ));
    }
    this.phaseDone(record, 'init', init.seconds, init.status === 0);
    return { passed: init.status === 0, output: init.output };
  }

  /**
   * The rehearsal, which validates the configuration before it applies; after a failed one,
   * validate on its own: a configuration error is reported as such, anything else as a failed
   * apply. Their error diagnostics (with the raw output for when there are none).
   */
  private async validateAndRehearse(record: RunRecord, dir: string): Promise<{ validate: Failure | undefined; rehearsal: Failure | undefined }> {
    const rehearsal = await this.terraform(record, 'rehearsal', ['test', '-json', '-no-color'], dir, stopAtVerdict()).then((run) => {
      const passed = run.output.split('\n').some((line) => rehearsalVerdict(line) === 'pass');
      this.phaseDone(record, 'rehearsal', run.seconds, passed);
      return passed ? undefined : { errors: errorsOf(testDiagnostics(run.output)), output: run.output };
    });
    if (!rehearsal) return { validate: undefined, rehearsal: undefined };
    const validate = await this.terraform(record, 'validate', ['validate', '-json', '-no-color'], dir).then((run) => {
      const errors = errorsOf(validateDiagnostics(run.output));
      const passed = run.status === 0 && errors.length === 0;
      this.phaseDone(record, 'validate', run.seconds, passed);
      return passed ? undefined : { errors, output: run.output };
    });
    return { validate, rehearsal };
  }

  /** One stack alone: the synthesized directory itself, or a directory of its part. */
  private async alone(unit: Unit): Promise<void> {
    const record: RunRecord = { id: `alone-${unit.stack}`, stacks: [unit.stack], phases: {} };
    const dir = unit.part ? join(this.setup.scratch, 'parts', unit.stack) : join(this.setup.outdir, 'stacks', unit.stack);
    const copyText = unit.part ? `${JSON.stringify(unit.json, null, 2)}\n` : undefined;
    if (copyText !== undefined) writeFiles(dir, { 'cdk.tf.json': copyText });
    writeFiles(dir, { 'tests/rehearsal.tftest.hcl': rehearsalTest(unit.json, this.setup.all) });
    try {
      const init = await this.init(record, dir);
      if (!init.passed) return this.rejected(unit, record.id, `terraform init failed:\n${init.output.trim()}`);
      const { validate, rehearsal } = await this.validateAndRehearse(record, dir);
      const located = (errors: readonly Diagnostic[]) => this.located(unit.stack, 'cdk.tf.json', copyText, errors);
      if (validate) return this.rejected(unit, record.id, formatDiagnostics(located(validate.errors), validate.output));
      if (rehearsal) return this.rejected(unit, record.id, `rehearsed apply failed:\n${formatDiagnostics(located(rehearsal.errors), rehearsal.output)}`);
      this.passed(unit, record.id);
    } finally {
      this.runs.push(record);
    }
  }

  /** Several stacks in one combined root (./combined-root). */
  private async combined(units: readonly Unit[]): Promise<void> {
    const record: RunRecord = { id: `combined-${++this.combinedCount}`, stacks: units.map((u) => u.stack), phases: {} };
    const dir = join(this.setup.scratch, record.id);
    const members = units.map((u) => ({ name: u.stack, json: u.json }));
    const files = combinedRootFiles(members);
    writeFiles(dir, { ...files, 'tests/rehearsal.tftest.hcl': combinedRehearsalTest(members, this.setup.all) });
    let next: { retry: readonly Unit[]; alone: readonly Unit[] };
    try {
      next = await this.combinedVerdicts(record, dir, units, files);
    } finally {
      this.runs.push(record);
    }
    await Promise.all([this.verifyUnits(next.retry), ...next.alone.map((unit) => this.track(this.alone(unit)))]);
  }

  /** Settles what the combined run proves; returns the stacks to verify again together, and alone. */
  private async combinedVerdicts(record: RunRecord, dir: string, units: readonly Unit[], files: Readonly<Record<string, string>>): Promise<{ retry: readonly Unit[]; alone: readonly Unit[] }> {
    const init = await this.init(record, dir);
    if (!init.passed) return { retry: [], alone: units };
    const { validate, rehearsal } = await this.validateAndRehearse(record, dir);
    const failure = validate ?? rehearsal;
    if (!failure) {
      for (const unit of units) this.passed(unit, record.id);
      return { retry: [], alone: [] };
    }
    // The errors each stack's module or folder shows are that stack's; the others are not proven.
    const byStack = new Map<string, Diagnostic[]>();
    let unplaced = false;
    for (const error of failure.errors) {
      const stack = memberOf(error, record.stacks);
      if (stack === undefined) unplaced = true;
      else byStack.set(stack, [...(byStack.get(stack) ?? []), error]);
    }
    for (const unit of units.filter((u) => byStack.has(u.stack))) {
      const copyFile = `${unit.stack}/cdk.tf.json`;
      const detail = formatDiagnostics(this.located(unit.stack, copyFile, files[copyFile], byStack.get(unit.stack)!), '');
      this.rejected(unit, record.id, validate ? detail : `rehearsed apply failed:\n${detail}`);
    }
    const rest = units.filter((u) => !byStack.has(u.stack));
    return unplaced || byStack.size === 0 ? { retry: [], alone: rest } : { retry: rest, alone: [] };
  }
}

/** A phase that failed: its errors, and its output for when Terraform gave none. */
interface Failure {
  readonly errors: readonly Diagnostic[];
  readonly output: string;
}

/** Stops `terraform test` at a passing verdict, or, after a failing one, once its errors are printed. */
function stopAtVerdict(): (line: string) => boolean {
  let failed = false;
  return (line) => {
    const verdict = rehearsalVerdict(line);
    if (verdict === 'pass') return true;
    if (verdict === 'fail') failed = true;
    return failed && teardownBegins(line);
  };
}

/** Writes files (path relative to `dir` → text). */
function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The first `Error: ...` line of Terraform's output (or its first line). */
function firstErrorLine(output: string): string {
  // Terraform's box-drawing margin (U+2502, U+2577, U+2575), escaped: the bundle stays ASCII (tools/build.js).
  const lines = output.split('\n').map((line) => line.replace(/^[\u2502\u2577\u2575\s]+/, '').trim()).filter(Boolean);
  return lines.find((line) => line.startsWith('Error:')) ?? lines[0] ?? 'no output';
}
