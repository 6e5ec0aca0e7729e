/**
 * What `npm run bench` prints: per case, the median wall time of its runs, its ratio to the
 * floor (loading cdktf alone), and the peak memory. Each run of a case is paired with a run of
 * the floor just before it, and the ratio is the median of the pairs' ratios: on a shared
 * machine absolute times drift with the load, a ratio of neighbouring runs much less.
 */

/** The runs of one case. */
export interface CaseResult {
  readonly label: string;
  /** Wall seconds of each run. */
  readonly seconds: readonly number[];
  /** Wall seconds of the floor run paired with each run. */
  readonly floorSeconds: readonly number[];
  /** Peak memory of each run, in MB (NaN when not measured). */
  readonly peakRssMb: readonly number[];
  /** The target: a ratio to the floor, or a wall time in seconds (median). @default - none */
  readonly target?: { readonly ratio?: number; readonly seconds?: number };
  /** Why the case was not run. @default - it was run */
  readonly skipped?: string;
}

/** The median (the lower middle of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The median of the ratios of paired runs. */
export function pairedRatio(result: CaseResult): number {
  return median(result.seconds.map((s, i) => s / result.floorSeconds[i]));
}

/** Peak memory every case must stay under, in MB (the "under 1 GB throughout"). */
export const MEMORY_TARGET_MB = 1024;

/** `≤ 2.5× floor: met`, `≤ 180 s: missed`, and the memory target. */
function targets(r: CaseResult, ratio: number, peak: number): string {
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  return [
    ...(r.target?.ratio !== undefined ? [`≤ ${r.target.ratio}× floor: ${verdict(ratio <= r.target.ratio)}`] : []),
    ...(r.target?.seconds !== undefined ? [`≤ ${r.target.seconds} s: ${verdict(median(r.seconds) <= r.target.seconds)}`] : []),
    ...(Number.isFinite(peak) ? [`< 1 GB: ${verdict(peak < MEMORY_TARGET_MB)}`] : []),
  ].join('; ');
}

/** The Markdown table of the results. */
export function benchTable(results: readonly CaseResult[]): string {
  const rows = results.map((r) => {
    if (r.skipped) return `| ${r.label} | – | – | – | – | not run: ${r.skipped} |`;
    const ratio = pairedRatio(r);
    const peak = Math.max(...r.peakRssMb);
    return `| ${r.label} | ${r.seconds.length} | ${median(r.seconds).toFixed(2)} | ${ratio.toFixed(1)}× | ${Number.isFinite(peak) ? peak.toFixed(0) : 'n/a'} | ${targets(r, ratio, peak)} |`;
  });
  return ['| case | runs | median wall time (s) | × floor | peak RSS (MB) | targets |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
}
