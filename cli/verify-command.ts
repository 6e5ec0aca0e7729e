/**
 * `tracklayer verify [--needs FILE] [--mirror DIR] [--allow-skipped] [--json] [--jobs N]`, after
 * synthesis (cli/run-cli.ts): runs Terraform over the synthesized stacks (./terraform-verify)
 * with progress on stderr, and reports (./verify-report).
 *
 * Exit codes: 0 every stack verified (or the rest accepted with --allow-skipped), 4 a stack
 * Terraform rejects, 5 Terraform cannot run, 6 nothing verified in full, or stacks skipped or
 * verified only in part without --allow-skipped.
 */
import { InvalidArgumentError } from 'commander';
import { EXIT } from './exit-codes';
import type { CliIo } from './run-cli';
import { TerraformUnavailableError, verifyStacks, type VerifyOptions } from './terraform-verify';
import { printVerification, unavailableJson, verifyProgress } from './verify-report';

/** The command's options (after synthesis). */
export interface VerifyCommandOptions {
  /** The offline provider mirror. @default - $TRACKLAYER_TF_MIRROR, else the registry */
  readonly mirror?: string;
  /** Accept stacks skipped or verified only in part. @default false */
  readonly allowSkipped?: boolean;
  /** Print exactly one JSON object on stdout. @default false */
  readonly json?: boolean;
  /** Terraform processes at once (`--jobs`). @default - the number of cores */
  readonly jobs?: number;
}

/** Parses `--jobs`: a whole number of at least 1 (else commander reports it, exit 2). */
export function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!/^\d+$/.test(value) || jobs < 1) throw new InvalidArgumentError('give a whole number of at least 1 (Terraform processes at once).');
  return jobs;
}

/**
 * Verifies the synthesized stacks of `outdir` and prints the report; returns the exit code.
 * `verifyOptions` reach verifyStacks as they are (tests inject the Terraform runner).
 */
export async function runVerification(io: CliIo, outdir: string, stacks: readonly string[], options: VerifyCommandOptions, verifyOptions: VerifyOptions = {}): Promise<number> {
  const progress = verifyProgress(io.stderr);
  try {
    const result = await verifyStacks(outdir, stacks, { mirror: options.mirror ?? io.env.TRACKLAYER_TF_MIRROR, env: io.env, jobs: options.jobs, onEvent: progress.onEvent, ...verifyOptions });
    return printVerification(io, result, { allowSkipped: options.allowSkipped ?? false, json: options.json ?? false });
  } catch (error) {
    if (!(error instanceof TerraformUnavailableError)) throw error;
    if (options.json) io.stdout(`${JSON.stringify(unavailableJson(error.message))}\n`);
    io.stderr(`verify: Terraform cannot run here, so no stack was verified: ${error.message}\n`);
    return EXIT.terraformUnavailable;
  } finally {
    progress.stop();
  }
}
