/**
 * `tracklayer optimize --metrics FILE [--metrics FILE ...] [--needs FILE] [--json] [--write]
 * [--request-cost-threshold USD]` (NEEDS-v1 Amendments v1.1): reads observed metrics (a
 * CloudWatch get-metric-data output, a Prometheus query_range answer or promtool's JSON; the
 * flag repeats to combine them), applies the optimization rules (optimize/optimize.ts) to the
 * needs file, prints the recommendations, and with `--write` applies their changes
 * (./write-needs: comments and key order kept, validated first, written atomically).
 *
 * Exit codes: 0 done (with or without recommendations), 2 bad input: an invalid needs file, a
 * metrics file that is not one of the accepted formats or holds unusable values (then no
 * recommendation at all), a write that would make the needs file invalid. Notes (why a rule
 * recommended nothing) go to stderr, so `--json` stays one object on stdout.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { NeedsFileError, formatProblem, type LocatedProblem } from '../needs/problem';
import { MetricsInputError } from '../optimize/metrics-input-error';
import type { MetricSeries } from '../optimize/metric-series';
import { optimize, optimizeJson, type OptimizeResult } from '../optimize/optimize';
import { QUANTIZE_USD_PER_1K_REQUESTS } from '../optimize/quantize-rule';
import { METRICS_EXPECTED, readMetrics } from '../optimize/read-metrics';
import { EXIT } from './exit-codes';
import { InputFileError, readJsonFile } from './json-input';
import { needsFilePath } from './read-needs-file';
import type { CliIo } from './run-cli';
import { writeNeeds } from './write-needs';

/** The command's options. */
export interface OptimizeOptions {
  /** Metrics files, one or more. */
  readonly metrics: readonly string[];
  /** The needs file. @default - $TRACKLAYER_NEEDS, else needs.yaml */
  readonly needs?: string;
  /** Print exactly one JSON object. @default false */
  readonly json?: boolean;
  /** Apply the recommended changes to the needs file. @default false */
  readonly write?: boolean;
  /** Serving cost per 1,000 requests above which quantize fires. @default QUANTIZE_USD_PER_1K_REQUESTS */
  readonly requestCostThreshold?: number;
}

/** Every series of every file, or every problem of every file. */
function readAllMetrics(files: readonly string[]): MetricSeries[] {
  const problems: LocatedProblem[] = [];
  const series: MetricSeries[] = [];
  for (const file of files) {
    try {
      const input = readJsonFile(file, METRICS_EXPECTED);
      try {
        series.push(...readMetrics(input.value, file));
      } catch (error) {
        if (!(error instanceof MetricsInputError)) throw error;
        problems.push(...error.problems.map((p) => input.place(p)));
      }
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InputFileError(problems);
  return series;
}

function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The recommendations for people. */
export function optimizeText(result: OptimizeResult): string {
  const recs = result.recommendations;
  if (recs.length === 0) return 'optimize: no recommendation\n';
  const total = recs.reduce((sum, r) => sum + r.monthlySavingsUsd, 0);
  const lines = [`optimize: ${recs.length} recommendation(s), ${usd(total)} a month in all (catalog prices, planned scale)`];
  for (const r of recs) {
    lines.push(`- ${r.rule}${r.monthlySavingsUsd > 0 ? ` (${usd(r.monthlySavingsUsd)} a month)` : ''}: ${r.detail}`);
    if (r.change) lines.push(`    change: ${r.change.path}: ${String(r.change.from)} → ${String(r.change.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the command; returns the exit code. */
export function runOptimize(options: OptimizeOptions, io: CliIo): number {
  if (options.metrics.length === 0) {
    io.stderr('optimize: give the observed metrics with --metrics FILE (see README "optimize" for the export commands)\n');
    return EXIT.badInput;
  }
  const file = needsFilePath(options.needs, io.env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.stderr(`${file}:1:1: (root): cannot read the needs file: ${reason}\n`);
    return EXIT.badInput;
  }
  let result: OptimizeResult;
  try {
    const series = readAllMetrics(options.metrics);
    result = optimize({ text, file, series, requestCostThresholdUsdPer1k: options.requestCostThreshold });
  } catch (error) {
    if (error instanceof InputFileError || error instanceof NeedsFileError) {
      for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
      if (error instanceof InputFileError) io.stderr('optimize: no recommendation from metrics with problems; fix the export and run again\n');
      return EXIT.badInput;
    }
    throw error;
  }
  for (const warning of result.loaded.warnings) io.stderr(`${formatProblem(warning)} (warning)\n`);
  for (const note of result.notes) io.stderr(`optimize: ${note}\n`);
  io.stdout(options.json ? `${JSON.stringify(optimizeJson(result))}\n` : optimizeText(result));
  if (!options.write) return EXIT.ok;
  const say = (line: string) => (options.json ? io.stderr : io.stdout)(`${line}\n`);
  if (result.edits.length === 0) {
    say(`${file}: no recommendation changes the needs file; nothing written`);
    return EXIT.ok;
  }
  return writeNeeds(file, () => result.edits, say);
}

/** `--request-cost-threshold`: a positive number of dollars. */
function positiveUsd(value: string): number {
  const amount = Number(value);
  if (!Number.isFinite(amount) || amount <= 0) throw new InvalidArgumentError(`must be a positive number of US dollars per 1,000 requests, got "${value}"`);
  return amount;
}

/** Adds `optimize` to the program; `exit` ends the command with a code other than 0. */
export function defineOptimizeCommand(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('optimize')
    .description('Apply the optimization rules (scale-down, spot, quantize, cache) to the needs file from observed metrics (--write applies the changes)')
    .option('--metrics <file>', 'aws cloudwatch get-metric-data output, a Prometheus query_range answer or promtool query range -o json; repeat to combine', (file: string, files: string[]) => [...files, file], [] as string[])
    .option('--needs <file>', 'the needs file (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--json', 'print exactly one JSON object (NEEDS-v1.1)')
    .option('--write', 'apply the recommended changes to the needs file, keeping its comments and key order')
    .option('--request-cost-threshold <usd>', `serving cost per 1,000 requests above which quantize is recommended (default ${QUANTIZE_USD_PER_1K_REQUESTS})`, positiveUsd)
    .action((options: OptimizeOptions) => exit(runOptimize(options, io)));
}
