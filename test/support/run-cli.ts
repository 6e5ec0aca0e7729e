/** Runs the CLI in process and captures what it prints. */
import { runCli, runCliAsync } from '../../cli/run-cli';

/** Exit code and output of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tracklayer <args>` in process with the given environment. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

/** Runs `tracklayer <args>` in process through runCliAsync (verify runs Terraform asynchronously). */
export async function cliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}
