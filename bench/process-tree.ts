/**
 * Runs a command and measures it as the benchmark reports it: wall time, and the peak of the
 * resident memory of the command and everything it started, summed (verify runs Terraform and
 * its provider plugins beside node), sampled from /proc every `SAMPLE_MS` (Linux only; NaN
 * elsewhere).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** How often memory is sampled (a few /proc reads per process: no load worth measuring). */
export const SAMPLE_MS = 50;

/** One measured run. */
export interface Measured {
  readonly seconds: number;
  /** Peak summed RSS of the process tree, in MB; NaN where /proc is not available. */
  readonly peakRssMb: number;
  readonly status: number;
  readonly stderr: string;
}

/** The children of a process (from /proc/<pid>/task/<tid>/children, one file per thread). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM), or 0 when the process is gone. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The resident memory of `root` and its descendants now, summed, in bytes; the root counts
 * with its own peak so far (VmHWM), so its high-water mark is never missed between samples.
 */
export function treeRssBytes(root: number): number {
  let total = statusBytes(root, 'VmHWM');
  for (const queue = childrenOf(root); queue.length > 0; ) {
    const pid = queue.pop()!;
    total += statusBytes(pid, 'VmRSS');
    queue.push(...childrenOf(pid));
  }
  return total;
}

/** Runs `command` in `cwd` and measures it. */
export function measure(command: readonly string[], cwd: string): Promise<Measured> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peak = Number.NaN;
    const sample = () => {
      if (child.pid === undefined || process.platform !== 'linux') return;
      const rss = treeRssBytes(child.pid);
      peak = Number.isNaN(peak) ? rss : Math.max(peak, rss);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak / 1024 / 1024, status: code ?? 1, stderr });
    });
    sample();
  });
}
