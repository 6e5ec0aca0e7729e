/**
 * Runs `kubectl get nodes -o json` for `audit --kube-context`. The binary is `kubectl` on the
 * PATH, or TRACKLAYER_KUBECTL (tests point it at a stand-in script; a user at a wrapper).
 * Runs without a shell (arguments are passed as a list), with the context as `--context=CTX`
 * so a context name can never be read as another flag, and with a request timeout so an
 * unreachable API server fails instead of hanging.
 */
import { spawnSync } from 'node:child_process';

/** What one kubectl run gave. */
export interface KubectlResult {
  /** Exit status; null when it did not run or was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not start (ENOENT: no kubectl) or timed out. */
  readonly error?: NodeJS.ErrnoException;
}

/** Runs kubectl with arguments; injectable so tests need no cluster. */
export type Kubectl = (args: readonly string[]) => KubectlResult;

/** Why the node list could not be fetched; the CLI prints it and exits 2. */
export class KubectlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** The API server's timeout for the request (kubectl --request-timeout). */
const REQUEST_TIMEOUT = '60s';
/** How long the whole run may take before it is killed. */
const RUN_TIMEOUT_MS = 120_000;
/** A node list of a few thousand nodes is tens of megabytes. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** The kubectl binary named by TRACKLAYER_KUBECTL, else `kubectl` on the PATH. */
export function kubectlFrom(env: NodeJS.ProcessEnv): { readonly binary: string; readonly run: Kubectl } {
  const binary = env.TRACKLAYER_KUBECTL || 'kubectl';
  return {
    binary,
    run: (args) => {
      const result = spawnSync(binary, [...args], { encoding: 'utf8', env, timeout: RUN_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true });
      return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error as NodeJS.ErrnoException | undefined };
    },
  };
}

/** The arguments of the node-list request. */
export function getNodesArgs(context: string): string[] {
  return ['get', 'nodes', '--output=json', `--context=${context}`, `--request-timeout=${REQUEST_TIMEOUT}`];
}

/**
 * The node list of `context`, as kubectl prints it.
 * @throws KubectlError when kubectl is missing, times out or fails; the message says what to do.
 */
export function fetchNodeList(kubectl: { readonly binary: string; readonly run: Kubectl }, context: string): string {
  const args = getNodesArgs(context);
  const command = `${kubectl.binary} ${args.join(' ')}`;
  const result = kubectl.run(args);
  if (result.error?.code === 'ENOENT') {
    throw new KubectlError(
      `audit: cannot run ${kubectl.binary}: not found on the PATH. Install kubectl (https://kubernetes.io/docs/tasks/tools/), ` +
        'or export the nodes where kubectl works (kubectl get nodes -o json > nodes.json) and run tracklayer audit --nodes nodes.json',
    );
  }
  if (result.error?.code === 'ETIMEDOUT') throw new KubectlError(`audit: ${command} did not finish within ${RUN_TIMEOUT_MS / 1000} s; check that the API server of context ${context} is reachable`);
  if (result.error) throw new KubectlError(`audit: cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const said = result.stderr.trim().split('\n').slice(0, 5).join('\n  ');
    throw new KubectlError(`audit: ${command} failed (exit ${result.status ?? 'killed'})${said ? `:\n  ${said}` : ''}`);
  }
  return result.stdout;
}
