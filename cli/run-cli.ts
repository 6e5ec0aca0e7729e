/**
 * The `tracklayer` command line: `select` and `synth` (NEEDS-v1 "Command line").
 * Exit codes: 0 success, 2 bad input (located messages, nothing written), 1 a bug.
 */
import { Command, CommanderError } from 'commander';
import { NeedsFileError, formatProblem, type LocatedProblem } from '../needs/problem';
import { selectStrategy } from '../strategy/select';
import { EXIT } from './exit-codes';
import { formatSelection } from './format-selection';
import { needsFilePath, readNeedsFile } from './read-needs-file';
import { synthesizeTo } from './synthesize';

/** Where the command writes; injectable so tests can capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const DEFAULT_OUT = 'cdktf.out';

function printWarnings(io: CliIo, warnings: readonly LocatedProblem[]): void {
  for (const warning of warnings) io.stderr(`${formatProblem(warning)} (warning)\n`);
}

function program(io: CliIo): Command {
  const cli = new Command('tracklayer')
    .description('Provision AI infrastructure from a needs file: validate it, select a strategy, synthesize CDK for Terraform stacks.')
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
      io.stdout(options.json ? `${JSON.stringify(selection)}\n` : formatSelection(needs, selection));
    });

  cli
    .command('synth')
    .description('Write DIR/stacks/<stack>/cdk.tf.json for every stack of the selected strategy')
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--out <dir>', 'the output directory', DEFAULT_OUT)
    .action((options: { needs?: string; out: string }) => {
      const { needs, warnings } = readNeedsFile(needsFilePath(options.needs, io.env));
      const selection = selectStrategy(needs);
      printWarnings(io, warnings);
      for (const warning of selection.warnings) io.stderr(`warning: ${warning}\n`);
      const result = synthesizeTo(needs, selection, options.out);
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      for (const stack of result.missing) {
        io.stderr(`missing role: ${stack.name} (${stack.role}) is not built yet; the other stacks were written\n`);
      }
      io.stdout(`${selection.strategy}: wrote ${result.written.length} stack(s) to ${options.out}/stacks: ${result.written.map((s) => s.name).join(', ')}\n`);
    });
  return cli;
}

/** Runs the command line and returns its exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    program(io).parse([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof NeedsFileError) {
      for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    io.stderr(`tracklayer: internal error (a bug; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.bug;
  }
}
