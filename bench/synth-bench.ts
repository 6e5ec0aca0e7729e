/**
 * `npm run bench`: what tracklayer costs, each case run several times in fresh processes
 * through bin/tracklayer.js (what `npx tracklayer` runs: the bundle through its loader), each
 * run paired with a run of the floor, loading cdktf alone (`node -e "require('cdktf')"` in the
 * project):
 *
 * - synth of the default needs.yaml, and of generated edge fleets of 50, 200 and 500 sites;
 * - verify of the default needs and of 50- and 200-site fleets, with the offline mirror
 *   (BENCH_MIRROR, default /opt/tf-plugins): the AWS stacks, and the AWS part of each
 *   edge-<site> stack (the mirror holds no Kubernetes or Helm provider; --allow-skipped).
 *
 * It prints the median wall time, the ratio to the floor and the peak memory of each case (the
 * whole process tree: verify runs Terraform and its provider plugins), with the targets of
 * issue 18, and the machine's load before and after. It measures; it never fails on speed.
 * BENCH_RUNS (default 5) and BENCH_VERIFY_RUNS (default 3) set the runs per case.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { benchTable, median, type CaseResult } from './bench-report';
import { measure } from './process-tree';

/** The project root (dist/bench/ → ../..). */
const ROOT = resolve(__dirname, '..', '..');
const CLI = resolve(ROOT, 'bin', 'tracklayer.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 3);
const MIRROR = process.env.BENCH_MIRROR ?? '/opt/tf-plugins';

/** Today's verify of the default needs when issue 18 was filed (s); the target is half of it. */
const VERIFY_DEFAULT_BEFORE_SECONDS = 37;

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
  });
}

interface Case {
  readonly label: string;
  readonly args: () => string[];
  readonly runs: number;
  readonly target?: CaseResult['target'];
  readonly skipped?: string;
}

/** Why verify cannot be benchmarked here, or undefined when it can. */
function verifyUnavailable(): string | undefined {
  if (!existsSync(join(MIRROR, 'registry.terraform.io'))) return `no provider mirror at ${MIRROR} (set BENCH_MIRROR)`;
  const path = (process.env.PATH ?? '').split(':').find((dir) => existsSync(join(dir, 'terraform')));
  return path ? undefined : 'terraform is not on PATH';
}

/** Runs each case `runs` times, each run after a run of the floor. */
async function runCase(c: Case): Promise<CaseResult> {
  if (c.skipped) return { label: c.label, seconds: [], floorSeconds: [], peakRssMb: [], skipped: c.skipped };
  const seconds: number[] = [];
  const floorSeconds: number[] = [];
  const peakRssMb: number[] = [];
  for (let i = 0; i < c.runs; i++) {
    const floor = await measure([process.execPath, '-e', "require('cdktf')"], ROOT);
    const run = await measure([process.execPath, CLI, ...c.args()], ROOT);
    if (floor.status !== 0) throw new Error(`loading cdktf failed:\n${floor.stderr}`);
    if (run.status !== 0) throw new Error(`${c.label} failed (exit ${run.status}):\n${run.stderr}`);
    floorSeconds.push(floor.seconds);
    seconds.push(run.seconds);
    peakRssMb.push(run.peakRssMb);
    process.stderr.write(`bench: ${c.label} run ${i + 1}/${c.runs}: ${run.seconds.toFixed(2)} s (floor ${floor.seconds.toFixed(2)} s)\n`);
  }
  return { label: c.label, seconds, floorSeconds, peakRssMb, target: c.target };
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-bench-'));
  const fleet = (sites: number) => {
    const file = join(scratch, `edge-${sites}.yaml`);
    if (!existsSync(file)) writeFileSync(file, edgeSitesNeeds(sites));
    return file;
  };
  // A fresh output directory for every run: replacing an earlier output would add its removal.
  let outputs = 0;
  const synth = (needs: string) => () => ['synth', '--needs', needs, '--out', join(scratch, `out-${++outputs}`)];
  const verify = (needs: string, ...options: string[]) => () => ['verify', '--needs', needs, '--mirror', MIRROR, '--allow-skipped', ...options];
  const noVerify = verifyUnavailable();
  const cases: Case[] = [
    { label: 'synth: default needs.yaml', args: synth('needs.yaml'), runs: RUNS, target: { ratio: 2.5 } },
    { label: 'synth: 50 edge sites', args: synth(fleet(50)), runs: RUNS },
    { label: 'synth: 200 edge sites', args: synth(fleet(200)), runs: RUNS, target: { ratio: 10 } },
    { label: 'synth: 500 edge sites', args: synth(fleet(500)), runs: RUNS },
    { label: 'verify: default needs.yaml', args: verify('needs.yaml'), runs: VERIFY_RUNS, target: { seconds: VERIFY_DEFAULT_BEFORE_SECONDS / 2 }, skipped: noVerify },
    { label: 'verify: 50 edge sites (AWS stacks and AWS parts)', args: verify(fleet(50)), runs: VERIFY_RUNS, target: { seconds: 180 }, skipped: noVerify },
    { label: 'verify: 200 edge sites (AWS stacks and AWS parts)', args: verify(fleet(200)), runs: VERIFY_RUNS, skipped: noVerify },
  ];
  const loadBefore = loadavg()[0];
  const results: CaseResult[] = [];
  try {
    for (const c of cases) results.push(await runCase(c));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const floors = results.flatMap((r) => r.floorSeconds);
  process.stdout.write(benchTable(results));
  process.stdout.write(
    `\nfloor (node -e "require('cdktf')"): median ${median(floors).toFixed(2)} s over ${floors.length} runs; node ${process.version}, ${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after; ${new Date().toISOString().slice(0, 10)}\n`,
  );
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
