/**
 * GPU utilization of the cloud node groups, and whether it is "sustained" low.
 *
 * Which workload a GPU-utilization series is about, in this order:
 * 1. it says so: a Prometheus label `workload`, `tracklayer_dev_workload` or
 *    `label_tracklayer_dev_workload` (tracklayer's node label `tracklayer.dev/workload`, as
 *    kube-state-metrics or a relabelling names it), or `namespace` / `exported_namespace`
 *    `training` or `inference` (tracklayer's workload namespaces; the DCGM exporter adds the
 *    pod's namespace while a pod holds the GPU); for CloudWatch, a query Id or Label whose first
 *    word is `training` or `inference` (`training_gpu`);
 * 2. its GPU model: the DCGM exporter's `modelName` (e.g. `NVIDIA H100 80GB HBM3`) is the
 *    accelerator of exactly one of the needs' cloud workloads;
 * 3. the needs have one cloud GPU workload only: that one.
 * A series none of these places is left out, with a note saying how to label it.
 *
 * Sustained: the series of one workload are averaged at each timestamp (the fleet's mean
 * utilization at that moment; Prometheus aligns range-query samples to the step and CloudWatch
 * to the period, so the timestamps line up), and the workload is "sustained under X%" when
 * - the samples cover at least {@link SUSTAINED_WINDOW_HOURS} (a week: every weekday and the
 *   weekend, so a weekly batch is in it), and
 * - the 95th percentile of the fleet mean is under X: at least 95% of the time the fleet was
 *   that idle; the busiest 5% (spikes, a nightly job) may be above, the rest may not.
 */
import { acceleratorOfGpuProduct } from '../catalog/gpu-product';
import type { Needs } from '../needs/schema';
import { spanHours, stepSeconds, type MetricSeries, type Point } from './metric-series';

/** The cloud GPU workloads a needs file sizes. */
export type GpuWorkload = 'training' | 'inference';

/** How long utilization must be observed to call it sustained: one week. */
export const SUSTAINED_WINDOW_HOURS = 168;
/** The percentile that must stay under the threshold. */
export const SUSTAINED_PERCENTILE = 95;

/** Labels that name the workload outright. */
const WORKLOAD_LABELS = ['workload', 'tracklayer_dev_workload', 'label_tracklayer_dev_workload', 'namespace', 'exported_namespace'];

/** One workload's utilization over the window. */
export interface WorkloadUtilization {
  readonly workload: GpuWorkload;
  /** The series that went into it. */
  readonly series: number;
  /** Fleet mean at each timestamp, in time order. */
  readonly fleet: readonly Point[];
  /** Hours covered, first sample to the end of the last one's step. */
  readonly hours: number;
  /** The step or period of the samples, in seconds. */
  readonly stepSeconds: number;
  /** 95th percentile of the fleet mean, percent. */
  readonly p95: number;
  /** Mean of the fleet mean, percent. */
  readonly mean: number;
}

/** Utilization per workload, and notes on what could not be used. */
export interface UtilizationReading {
  readonly workloads: readonly WorkloadUtilization[];
  readonly notes: readonly string[];
}

function isWorkload(value: string | undefined): value is GpuWorkload {
  return value === 'training' || value === 'inference';
}

/** The cloud GPU workloads of the needs (training; inference with cloud replicas). */
export function cloudGpuWorkloads(needs: Needs): GpuWorkload[] {
  const { training, inference } = needs.workload;
  return [...(training ? ['training' as const] : []), ...(inference && inference.replicas > 0 ? ['inference' as const] : [])];
}

/** The workload a series is about, by the rules above; undefined when it cannot be told. */
export function workloadOf(series: MetricSeries, needs: Needs): GpuWorkload | undefined {
  const workloads = cloudGpuWorkloads(needs);
  for (const label of WORKLOAD_LABELS) if (isWorkload(series.labels[label])) return series.labels[label] as GpuWorkload;
  for (const label of ['Id', 'Label']) {
    const first = series.labels[label]?.split(/[^A-Za-z]+/)[0]?.toLowerCase();
    if (isWorkload(first)) return first;
  }
  const model = series.labels.modelName ?? series.labels.modelname;
  const accelerator = model ? acceleratorOfGpuProduct(model) : undefined;
  if (accelerator) {
    const matching = workloads.filter((w) => needs.workload[w]?.accelerator === accelerator);
    if (matching.length === 1) return matching[0];
  }
  return workloads.length === 1 ? workloads[0] : undefined;
}

/** The `percentile`-th percentile of `values` by the nearest-rank method. */
export function percentile(values: readonly number[], percentileRank: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentileRank / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The mean across series at each timestamp. */
function fleetMean(series: readonly MetricSeries[]): Point[] {
  const sums = new Map<number, { sum: number; count: number }>();
  for (const s of series) {
    for (const p of s.points) {
      const at = sums.get(p.t) ?? { sum: 0, count: 0 };
      sums.set(p.t, { sum: at.sum + p.v, count: at.count + 1 });
    }
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([t, { sum, count }]) => ({ t, v: sum / count }));
}

/** Reads the GPU-utilization series of the metrics against the needs. */
export function readUtilization(all: readonly MetricSeries[], needs: Needs): UtilizationReading {
  const gpuSeries = all.filter((s) => s.metric.kind === 'gpu-utilization');
  const notes: string[] = [];
  const byWorkload = new Map<GpuWorkload, MetricSeries[]>();
  const workloads = cloudGpuWorkloads(needs);
  for (const series of gpuSeries) {
    const workload = workloadOf(series, needs);
    if (!workload) {
      notes.push(`${series.file}: ${series.name}: cannot tell whether it is training or inference; label it (Prometheus: workload="training"; CloudWatch: an Id starting training_ or inference_): left out`);
    } else if (!workloads.includes(workload)) {
      notes.push(`${series.file}: ${series.name}: is ${workload}, but the needs file has no cloud ${workload} GPUs: left out`);
    } else {
      byWorkload.set(workload, [...(byWorkload.get(workload) ?? []), series]);
    }
  }
  const result: WorkloadUtilization[] = [];
  for (const workload of workloads) {
    const series = byWorkload.get(workload);
    if (!series) continue;
    const fleet = fleetMean(series);
    const values = fleet.map((p) => p.v);
    result.push({
      workload,
      series: series.length,
      fleet,
      hours: spanHours(fleet),
      stepSeconds: stepSeconds(fleet),
      p95: percentile(values, SUSTAINED_PERCENTILE),
      mean: values.reduce((sum, v) => sum + v, 0) / values.length,
    });
  }
  return { workloads: result, notes };
}

/** True when `reading` is sustained under `thresholdPercent` by the definition above. */
export function sustainedUnder(reading: WorkloadUtilization, thresholdPercent: number): boolean {
  return reading.hours >= SUSTAINED_WINDOW_HOURS && reading.p95 < thresholdPercent;
}
