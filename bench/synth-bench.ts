/**
 * `npm run bench`: synthesizes the default needs, each example and a generated needs file with
 * 200 edge sites, several times each in fresh processes, and prints the median wall time and
 * the peak resident memory of each case. It measures; it never fails on speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLI = resolve(__dirname, '..', 'cli', 'main.js');
/** GNU time reports the peak RSS of the child; without it, memory shows as n/a. */
const GNU_TIME = '/usr/bin/time';

/** A needs file with `count` edge sites (the edge-centric scale case). */
export function edgeSitesNeeds(count: number): string {
  const hardware = ['jetson-orin', 'x86-l4', 'x86-cpu'];
  return stringify({
    apiVersion: 'tracklayer/v1',
    name: 'bench-edge',
    cloud: { region: 'eu-west-1' },
    workload: {
      training: { accelerator: 'l40s', gpus: 8 },
      inference: {
        accelerator: 'l4',
        latencyMs: 10,
        replicas: 0,
        sites: Array.from({ length: count }, (_, i) => ({ name: `site-${String(i).padStart(3, '0')}`, hardware: hardware[i % 3], nodes: 1 + (i % 4) })),
      },
    },
    // The bench measures synthesis. Full single-GPU sites cannot surge a pod with the default
    // rollout until the edge rollout strategy changes; a suppression that no longer matches is only a warning.
    guardrails: { suppress: [{ rule: 'SCHED_ROLLOUT', reason: 'the bench measures synthesis, not the edge rollout strategy' }] },
  });
}

interface Sample {
  readonly seconds: number;
  readonly peakRssMb: number;
}

/** One synth in a fresh process, timed, with its peak RSS from GNU time when available. */
function runOnce(needsFile: string, out: string): Sample {
  const started = process.hrtime.bigint();
  const command = [process.execPath, CLI, 'synth', '--needs', needsFile, '--out', out];
  const measured = existsSync(GNU_TIME);
  const result = measured
    ? spawnSync(GNU_TIME, ['-f', '%M', ...command], { encoding: 'utf8' })
    : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error || result.status !== 0) throw new Error(`synth of ${needsFile} failed:\n${result.stderr}`);
  const kilobytes = measured ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, peakRssMb: kilobytes / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-bench-'));
  const sitesFile = join(scratch, 'edge-200.yaml');
  writeFileSync(sitesFile, edgeSitesNeeds(200));
  const cases: [string, string][] = [
    ['default needs.yaml', 'needs.yaml'],
    ...readdirSync('examples').map((f): [string, string] => [`examples/${f}`, `examples/${f}`]),
    ['200 edge sites', sitesFile],
  ];
  process.stdout.write(`| case | median wall time (s) | peak RSS (MB) |\n|---|---|---|\n`);
  for (const [label, file] of cases) {
    const samples = Array.from({ length: RUNS }, (_, i) => runOnce(file, join(scratch, `out-${i}`)));
    const peak = Math.max(...samples.map((s) => s.peakRssMb));
    process.stdout.write(`| ${label} | ${median(samples.map((s) => s.seconds)).toFixed(2)} | ${Number.isFinite(peak) ? peak.toFixed(0) : 'n/a'} |\n`);
  }
  process.stdout.write(`(${RUNS} runs each, node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
  rmSync(scratch, { recursive: true, force: true });
}

if (require.main === module) main();
