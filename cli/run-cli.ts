/**
 * The `tracklayer` command line: `select` and `synth` (NEEDS-v1 "Command line"), `check` (the
 * guardrail rules without writing anything), `preview` (the PR comment) and `verify` (Terraform).
 * Exit codes (./exit-codes): 0 success, 2 bad input (located messages, nothing written), 3 a
 * guardrail error, 4 a stack Terraform rejects, 5 Terraform cannot run, 6 verification
 * incomplete, 1 a bug. `verify` runs asynchronously (runCliAsync).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { GuardrailError, hasErrors, type GuardrailReport } from '../guardrails/evaluate';
import { RULES } from '../guardrails/registry';
import type { Rule } from '../guardrails/rule';
import type { LoadedNeeds } from '../needs/load-needs';
import { PreviewInputError } from '../preview/preview-error';
import { NeedsFileError, formatProblem, type LocatedProblem } from '../needs/problem';
import { selectStrategy } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';
import { EXIT } from './exit-codes';
import { checkJson, checkText, findingLine, unmatchedProblem } from './format-findings';
import { formatSelection } from './format-selection';
import { selectionReport } from './selection-report';
import { tracklayerVersion } from './tracklayer-version';
import { OutputDirectoryError, assertReplaceable } from './output-directory';
import { needsFilePath, readNeedsFile } from './read-needs-file';
import { toSarif } from './sarif';
import { previewComment } from './preview-command';
import { runRolloutCommand } from './rollout-command';
import { parseJobs, runVerification } from './verify-command';
import { synthesizeForCheck, synthesizeTo, type SynthResult } from './synthesize';
import { defineAuditCommand } from './audit-command';
import { defineOptimizeCommand } from './optimize-command';

/** Where the command writes; injectable so tests can capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const DEFAULT_OUT = 'cdktf.out';

/** Ends a command with an exit code after it has printed what it had to say. */
class CommandExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function printWarnings(io: CliIo, warnings: readonly LocatedProblem[]): void {
  for (const warning of warnings) io.stderr(`${formatProblem(warning)} (warning)\n`);
}

/** Suppressions that matched nothing, as located warnings on the needs file. */
function printUnmatchedSuppressions(io: CliIo, loaded: LoadedNeeds, report: GuardrailReport): void {
  printWarnings(io, report.unmatched.map((unmatched) => loaded.sourceMap.place(unmatchedProblem(unmatched))));
}

/** Findings that remain after suppressions, one `stack/path: RULE_ID: message` line each, on stderr. */
function printFindings(io: CliIo, loaded: LoadedNeeds, report: GuardrailReport): void {
  for (const finding of report.findings) io.stderr(`${findingLine(finding)}\n`);
  printUnmatchedSuppressions(io, loaded, report);
}

function printMissing(io: CliIo, missing: readonly StackRef[], note: string): void {
  for (const stack of missing) io.stderr(`missing role: ${stack.name} (${stack.role}) is not built yet; ${note}\n`);
}

/** Runs a synthesis; on a guardrail error prints the findings and ends the command with exit 3. */
function synthesizeOrExit(io: CliIo, loaded: LoadedNeeds, synthesize: () => SynthResult): SynthResult {
  try {
    return synthesize();
  } catch (error) {
    if (!(error instanceof GuardrailError)) throw error;
    printFindings(io, loaded, error.report);
    io.stderr(`guardrails: ${error.message}; nothing was written (accept a finding with guardrails.suppress in the needs file)\n`);
    throw new CommandExit(EXIT.guardrails);
  }
}

/** Where a command that runs asynchronously (verify) leaves its work; only runCliAsync awaits it. */
interface AsyncWork {
  readonly allowed: boolean;
  pending?: Promise<void>;
}

function program(io: CliIo, rules: readonly Rule[], work: AsyncWork = { allowed: false }): Command {
  const cli = new Command('tracklayer')
    .description('Provision AI infrastructure from a needs file: validate it, select a strategy, synthesize CDK for Terraform stacks.')
    .version(tracklayerVersion(), '--version', 'print the tracklayer version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  cli
    .command('select')
    .description('Print the strategy, why it was chosen, warnings and the stacks to build')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--json', 'print exactly one JSON object (NEEDS-v1)')
    .action((options: { needs?: string; json?: boolean }) => {
      const { needs, warnings } = readNeedsFile(needsFilePath(options.needs, io.env));
      const selection = selectStrategy(needs);
      printWarnings(io, warnings);
      const report = selectionReport(needs, selection);
      io.stdout(options.json ? `${JSON.stringify(report)}\n` : formatSelection(needs, report));
    });

  cli
    .command('synth')
    .description('Write DIR/stacks/<stack>/cdk.tf.json for every stack of the selected strategy')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--out <dir>', 'the output directory', DEFAULT_OUT)
    .action((options: { needs?: string; out: string }) => {
      const loaded = readNeedsFile(needsFilePath(options.needs, io.env));
      // A directory that may not be replaced is refused in one line, before anything else is said.
      assertReplaceable(options.out);
      const { needs, warnings } = loaded;
      const selection = selectStrategy(needs);
      printWarnings(io, warnings);
      for (const warning of selection.warnings) io.stderr(`warning: ${warning}\n`);
      const result = synthesizeOrExit(io, loaded, () => synthesizeTo({ needs, selection, needsText: loaded.text }, options.out, { rules }));
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      printFindings(io, loaded, result.guardrails);
      printMissing(io, result.missing, 'the other stacks were written');
      io.stdout(`${selection.strategy}: wrote ${result.written.length} stack(s) to ${options.out}/stacks: ${result.written.map((s) => s.name).join(', ')}\n`);
    });

  cli
    .command('check')
    .description('Synthesize in a scratch directory and report what the guardrail rules find (exit 3 when an error remains)')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .addOption(new Option('--json', 'print exactly one JSON object').conflicts('sarif'))
    .addOption(new Option('--sarif', 'print SARIF 2.1.0 for GitHub code scanning').conflicts('json'))
    .action((options: { needs?: string; json?: boolean; sarif?: boolean }) => {
      const loaded = readNeedsFile(needsFilePath(options.needs, io.env));
      const { needs, warnings } = loaded;
      const selection = selectStrategy(needs);
      printWarnings(io, warnings);
      for (const warning of selection.warnings) io.stderr(`warning: ${warning}\n`);
      const result = synthesizeForCheck(needs, selection, rules);
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      printMissing(io, result.missing, 'it was not checked');
      printUnmatchedSuppressions(io, loaded, result.guardrails);
      if (options.sarif) io.stdout(`${JSON.stringify(toSarif(result.guardrails, rules, result.stacks), null, 2)}\n`);
      else if (options.json) io.stdout(`${JSON.stringify(checkJson(result.guardrails, selection.strategy, result.missing))}\n`);
      else io.stdout(checkText(result.guardrails, rules.length));
      if (hasErrors(result.guardrails)) throw new CommandExit(EXIT.guardrails);
    });

  cli
    .command('preview')
    .description('Print the Markdown PR comment: what the change does, what it costs, what it could destroy')
    .option('--needs <file>', 'the head needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--out <dir>', 'the head synth output (synthesized there when it holds none)')
    .option('--base <dir>', 'the base synth output (tracklayer synth --out of the base commit)')
    .option('--base-needs <file>', 'the base needs file (synthesized when --base is not given)')
    .option('--plan-dir <dir>', 'per-stack terraform show -json files, DIR/<stack>.json')
    .option('--full-log <url>', 'where the full output is, named when the comment is cut')
    .action((options: { needs?: string; out?: string; base?: string; baseNeeds?: string; planDir?: string; fullLog?: string }) => {
      const comment = previewComment(
        { needsFile: needsFilePath(options.needs, io.env), out: options.out, base: options.base, baseNeedsFile: options.baseNeeds, planDir: options.planDir, fullLogUrl: options.fullLog },
        rules,
        (line) => io.stderr(`${line}\n`),
      );
      io.stdout(comment.endsWith('\n') ? comment : `${comment}\n`);
    });

  cli
    .command('rollout')
    .description('Print the ordered phases of the migration: stacks, pre-flight checks, deploy command, validation, rollback')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--json', 'print exactly one JSON object (NEEDS-v1.1)')
    .action((options: { needs?: string; json?: boolean }) => runRolloutCommand(options, io));

  cli
    .command('verify')
    .description('Synthesize, then terraform init, validate and a rehearsed apply (mock provider) of every stack whose providers are available, stacks in parallel and combined where they fit (exit 4 a stack fails, 5 Terraform cannot run, 6 nothing verified, or stacks skipped or verified only in part)')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--mirror <dir>', 'an offline provider mirror to install from (default: $TRACKLAYER_TF_MIRROR; none: the registry)')
    .option('--allow-skipped', 'accept stacks whose providers the mirror lacks (listed as skipped or partially verified, never as valid)')
    .option('--json', 'print exactly one JSON object: every stack with its status and the times of its run (README "verify --json")')
    .option('--jobs <n>', 'Terraform processes at once (default: the number of cores)', parseJobs)
    .action((options: { needs?: string; mirror?: string; allowSkipped?: boolean; json?: boolean; jobs?: number }) => {
      if (!work.allowed) throw new Error('verify runs Terraform asynchronously: run it through runCliAsync (cli/main.ts does)');
      const loaded = readNeedsFile(needsFilePath(options.needs, io.env));
      const { needs, warnings } = loaded;
      const selection = selectStrategy(needs);
      printWarnings(io, warnings);
      const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-verify-out-'));
      const cleanUp = () => rmSync(scratch, { recursive: true, force: true });
      try {
        const result = synthesizeOrExit(io, loaded, () => synthesizeTo({ needs, selection, needsText: loaded.text }, join(scratch, 'out'), { rules }));
        work.pending = runVerification(io, result.outdir, result.written.map((s) => s.name), options)
          .finally(cleanUp)
          .then((code) => {
            throw new CommandExit(code);
          });
      } catch (error) {
        cleanUp();
        throw error;
      }
    });

  // audit, optimize (NEEDS-v1.1): each command's file defines it and returns its exit code.
  const exitWith = (code: number) => {
    if (code !== EXIT.ok) throw new CommandExit(code);
  };
  defineAuditCommand(cli, io, exitWith);
  defineOptimizeCommand(cli, io, exitWith);
  return cli;
}

/** The exit code of a command that ended with `error` (printing what the user needs to know). */
function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommandExit) return error.code;
  if (error instanceof NeedsFileError) {
    for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
    return EXIT.badInput;
  }
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof PreviewInputError || error instanceof OutputDirectoryError) {
    io.stderr(`${error.message}\n`);
    return EXIT.badInput;
  }
  io.stderr(`tracklayer: internal error (a bug; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
  return EXIT.bug;
}

/**
 * Runs the command line and returns its exit code. `rules` are the guardrail rules synth and
 * check run (tests inject their own). `verify` needs {@link runCliAsync}.
 */
export function runCli(argv: readonly string[], io: CliIo, rules: readonly Rule[] = RULES): number {
  try {
    program(io, rules).parse([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

/** Runs the command line, every command included (verify runs Terraform processes in parallel). */
export async function runCliAsync(argv: readonly string[], io: CliIo, rules: readonly Rule[] = RULES): Promise<number> {
  const work: AsyncWork = { allowed: true };
  try {
    program(io, rules, work).parse([...argv], { from: 'user' });
    await work.pending;
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}
