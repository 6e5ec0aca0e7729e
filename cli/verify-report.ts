/**
 * How `tracklayer verify` reports its outcomes, and the exit code they add up to: text lines for
 * people, or exactly one JSON object (`--json`), and the progress on stderr while it runs.
 */
import { EXIT } from './exit-codes';
import type { CliIo } from './run-cli';
import type { Phase, PhaseRecord, StackVerification, VerifyEvent, VerifyResult } from './terraform-verify';

type Io = Pick<CliIo, 'stdout' | 'stderr'>;

/** What a status is called in the text report. */
const STATUS_TEXT: Readonly<Record<StackVerification['status'], string>> = { valid: 'valid', partial: 'partially verified', invalid: 'invalid', skipped: 'skipped' };

function countOf(outcomes: readonly StackVerification[], status: StackVerification['status']): number {
  return outcomes.filter((o) => o.status === status).length;
}

/**
 * The exit code of a verification. A skipped stack, or one verified only in part, is never
 * counted as verified: either fails the command unless accepted with --allow-skipped, and a run
 * that verified no stack in full fails even then.
 */
export function verificationExitCode(outcomes: readonly StackVerification[], allowSkipped: boolean): number {
  if (countOf(outcomes, 'invalid') > 0) return EXIT.verifyFailed;
  if (countOf(outcomes, 'valid') === 0) return EXIT.verifyIncomplete;
  if (countOf(outcomes, 'skipped') + countOf(outcomes, 'partial') > 0 && !allowSkipped) return EXIT.verifyIncomplete;
  return EXIT.ok;
}

/** Why the exit code is not 0, on stderr (nothing when it is, or when a stack is invalid: its lines say why). */
function explain(io: Io, outcomes: readonly StackVerification[], allowSkipped: boolean): void {
  const skipped = outcomes.filter((o) => o.status === 'skipped').map((o) => o.stack);
  const partial = outcomes.filter((o) => o.status === 'partial').map((o) => o.stack);
  if (countOf(outcomes, 'invalid') > 0) return;
  if (countOf(outcomes, 'valid') === 0) {
    io.stderr(`verify: no stack was verified${partial.length > 0 ? ` in full (${partial.length} only in part)` : ''}; nothing here can be called valid\n`);
    return;
  }
  if (allowSkipped || skipped.length + partial.length === 0) return;
  if (partial.length === 0) {
    io.stderr(`verify: ${skipped.length} stack(s) were skipped and not verified (${skipped.join(', ')}); provide their providers, or pass --allow-skipped to accept that\n`);
    return;
  }
  const parts = [`${partial.length} verified only in part (${partial.join(', ')})`, ...(skipped.length > 0 ? [`${skipped.length} skipped (${skipped.join(', ')})`] : [])];
  io.stderr(`verify: ${partial.length + skipped.length} stack(s) were not verified in full: ${parts.join(', ')}; provide their providers, or pass --allow-skipped to accept that\n`);
}

/** Prints each stack's outcome and the tally; returns the exit code. */
export function reportVerification(io: Io, outcomes: readonly StackVerification[], allowSkipped: boolean): number {
  for (const outcome of outcomes) io.stdout(`${outcome.stack}: ${STATUS_TEXT[outcome.status]}${outcome.status === 'valid' ? '' : ` (${outcome.detail})`}\n`);
  const partial = countOf(outcomes, 'partial');
  const notInFull = countOf(outcomes, 'skipped') + partial;
  io.stdout(
    `verified ${outcomes.length} stack(s): ${countOf(outcomes, 'valid')} valid, ${partial > 0 ? `${partial} partially verified, ` : ''}${countOf(outcomes, 'invalid')} invalid, ${countOf(outcomes, 'skipped')} skipped${notInFull > 0 && allowSkipped ? ' (accepted with --allow-skipped)' : ''}\n`,
  );
  explain(io, outcomes, allowSkipped);
  return verificationExitCode(outcomes, allowSkipped);
}

/** Seconds, to the tenth. */
const tenths = (seconds: number) => Math.round(seconds * 10) / 10;

function phasesJson(phases: Partial<Record<Phase, PhaseRecord>>): Partial<Record<Phase, PhaseRecord>> {
  return Object.fromEntries(Object.entries(phases).map(([phase, record]) => [phase, { seconds: tenths(record.seconds), passed: record.passed }]));
}

/** `verify --json`: the one JSON object (its shape is in the README, "verify --json"). */
export function verificationJson(result: VerifyResult, allowSkipped: boolean): object {
  const exitCode = verificationExitCode(result.outcomes, allowSkipped);
  const runs = new Map(result.runs.map((run) => [run.id, run]));
  return {
    result: exitCode === EXIT.ok ? 'passed' : exitCode === EXIT.verifyFailed ? 'failed' : 'incomplete',
    exitCode,
    allowSkipped,
    seconds: tenths(result.seconds),
    jobs: result.jobs,
    counts: {
      stacks: result.outcomes.length,
      valid: countOf(result.outcomes, 'valid'),
      partial: countOf(result.outcomes, 'partial'),
      invalid: countOf(result.outcomes, 'invalid'),
      skipped: countOf(result.outcomes, 'skipped'),
    },
    stacks: result.outcomes.map((o) => ({
      stack: o.stack,
      status: o.status,
      detail: o.detail,
      run: o.run ?? null,
      phases: o.run ? phasesJson(runs.get(o.run)?.phases ?? {}) : {},
      ...(o.part ? { part: o.part } : {}),
    })),
    runs: result.runs.map((run) => ({ id: run.id, stacks: run.stacks, phases: phasesJson(run.phases) })),
  };
}

/** `verify --json` when Terraform cannot run: the one JSON object says so. */
export function unavailableJson(message: string): object {
  return { result: 'unavailable', exitCode: EXIT.terraformUnavailable, error: message };
}

/** `m:ss` */
function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Progress on stderr: which run and phase finished, which stack was decided and how many are,
 * the elapsed time; and, when nothing was said for `heartbeatSeconds`, what is still running.
 * Call `stop` when done.
 */
export function verifyProgress(stderr: (text: string) => void, options: { heartbeatSeconds?: number; now?: () => number } = {}): { onEvent: (event: VerifyEvent) => void; stop: () => void } {
  const now = options.now ?? (() => performance.now() / 1000);
  const started = now();
  let lastLine = started;
  const running = new Map<string, string>();
  const say = (text: string) => {
    lastLine = now();
    stderr(`verify: [${clock(lastLine - started)}] ${text}\n`);
  };
  const onEvent = (event: VerifyEvent) => {
    switch (event.kind) {
      case 'start':
        return say(`${event.stacks} stack(s), ${event.toVerify} to verify with Terraform, ${event.jobs} process(es) at a time`);
      case 'phase-start':
        running.set(`${event.run}/${event.phase}`, `${event.phase} of ${event.run}`);
        return;
      case 'phase-end':
        running.delete(`${event.run}/${event.phase}`);
        return say(`${event.run}${event.stacks > 1 ? ` (${event.stacks} stacks)` : ''}: ${event.phase} ${event.record.passed ? 'passed' : 'failed'} in ${event.record.seconds.toFixed(1)} s`);
      case 'stack':
        return say(`${event.done}/${event.total} ${event.outcome.stack}: ${STATUS_TEXT[event.outcome.status]}`);
    }
  };
  const heartbeatSeconds = options.heartbeatSeconds ?? 15;
  const timer = setInterval(() => {
    if (running.size > 0 && now() - lastLine >= heartbeatSeconds) say(`running: ${[...running.values()].join(', ')}`);
  }, 1000);
  timer.unref();
  return { onEvent, stop: () => clearInterval(timer) };
}

/** Prints the outcome of a verification (text, or the JSON object) and returns the exit code. */
export function printVerification(io: Io, result: VerifyResult, options: { readonly allowSkipped: boolean; readonly json: boolean }): number {
  if (!options.json) return reportVerification(io, result.outcomes, options.allowSkipped);
  io.stdout(`${JSON.stringify(verificationJson(result, options.allowSkipped))}\n`);
  explain(io, result.outcomes, options.allowSkipped);
  return verificationExitCode(result.outcomes, options.allowSkipped);
}
