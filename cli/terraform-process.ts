/**
 * Runs `terraform` as an asynchronous child process for `tracklayer verify`, so several run at
 * once (up to the cores), and so a run can be stopped as soon as its output says what verify
 * needs: `terraform test` goes on to tear down its mock state after the rehearsed apply's
 * verdict (three more starts of the AWS provider, about a third of the command), which decides
 * nothing, since the mock state lives only in the process's memory.
 *
 * Each run is its own process group (the provider plugins Terraform starts are in it), so
 * stopping a run stops its plugins too.
 */
import { spawn } from 'node:child_process';

/** The exit status a run reports when the binary cannot be started. */
export const NOT_STARTED = 127;

/** What a finished run reports. */
export interface TerraformRun {
  /** The exit status; {@link NOT_STARTED} when `terraform` could not be started; 0 when stopped on purpose. */
  readonly status: number;
  /** stdout followed by stderr. */
  readonly output: string;
  /** Wall time of the run, in seconds. */
  readonly seconds: number;
  /** True when {@link RunOptions.stopAfter} ended the run. */
  readonly stopped: boolean;
}

/** Options of a run. */
export interface RunOptions {
  /**
   * Called with each complete line of stdout; when it returns true the run is ended (its
   * process group is killed) and reported with status 0 and `stopped`.
   * @default - the run goes to its end
   */
  readonly stopAfter?: (line: string) => boolean;
  /** Ends the run (kills its process group) when aborted. @default - never aborted */
  readonly signal?: AbortSignal;
}

/** Runs a command in a directory; injectable so tests need no Terraform. */
export type CommandRunner = (args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, options?: RunOptions) => Promise<TerraformRun>;

/** Runs `terraform` for real. */
export const runTerraform: CommandRunner = (args, cwd, env, options = {}) =>
  new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const child = spawn('terraform', [...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let stopped = false;
    let settled = false;
    const onAbort = () => killGroup(child.pid);
    const finish = (run: TerraformRun) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolve(run);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!options.stopAfter || stopped) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (lines.some((line) => options.stopAfter!(line))) {
        stopped = true;
        killGroup(child.pid);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => finish({ status: NOT_STARTED, output: `terraform could not be run: ${error.message}`, seconds: seconds(), stopped: false }));
    child.on('close', (code) => finish({ status: stopped ? 0 : (code ?? 1), output: `${stdout}${stderr}`, seconds: seconds(), stopped }));
  });

/** Kills a run's process group: Terraform and the provider plugins it started. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
