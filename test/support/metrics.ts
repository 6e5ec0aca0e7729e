/** Metrics exports for optimize tests, in the shapes the real tools print. */
import type { MetricSeries } from '../../optimize/metric-series';
import { MetricsInputError } from '../../optimize/metrics-input-error';
import { readMetrics } from '../../optimize/read-metrics';

/** Monday 2026-11-16 00:00 UTC, in Unix seconds. */
export const WEEK_START = Date.UTC(2026, 10, 16) / 1000;
/** Hours in a week: the window "sustained" needs. */
export const WEEK_HOURS = 168;

/** `hours` hourly samples starting at WEEK_START, value `value(i)`, as Prometheus [time, "value"] pairs. */
export function hourly(value: (i: number) => number | string, hours = WEEK_HOURS): [number, string][] {
  return Array.from({ length: hours }, (_, i) => [WEEK_START + i * 3600, String(value(i))]);
}

/** A Prometheus /api/v1/query_range answer. */
export function queryRange(series: { metric: Record<string, string>; values: unknown[] }[]): object {
  return { status: 'success', data: { resultType: 'matrix', result: series } };
}

/** One DCGM_FI_DEV_GPU_UTIL series of a GPU of `model` at `value` percent for a week. */
export function dcgmSeries(model: string, value: (i: number) => number | string, labels: Record<string, string> = {}, hours = WEEK_HOURS): { metric: Record<string, string>; values: [number, string][] } {
  return { metric: { __name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: '0', Hostname: 'ip-10-0-17-42.ec2.internal', modelName: model, ...labels }, values: hourly(value, hours) };
}

/** An `aws cloudwatch get-metric-data` output with one result per entry, newest first like the CLI. */
export function metricData(results: { Id: string; Label: string; values: number[]; hours?: number }[]): object {
  return {
    MetricDataResults: results.map((r) => {
      const stamps = r.values.map((_, i) => new Date((WEEK_START + i * 3600) * 1000).toISOString().replace('.000Z', '+00:00'));
      return { Id: r.Id, Label: r.Label, Timestamps: [...stamps].reverse(), Values: [...r.values].reverse(), StatusCode: 'Complete' };
    }),
    Messages: [],
  };
}

/** The series of a parsed export. */
export function seriesOf(value: object, file = 'metrics.json'): MetricSeries[] {
  return readMetrics(value, file);
}

/** `n` copies of `value`. */
export function constant(value: number, n = WEEK_HOURS): number[] {
  return Array.from({ length: n }, () => value);
}

/** The problems `readMetrics` finds in `value`, as `path: message` lines; fails the test when there are none. */
export function metricsProblems(value: unknown): string[] {
  try {
    readMetrics(value, 'm.json');
  } catch (error) {
    if (!(error instanceof MetricsInputError)) throw error;
    return error.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  }
  throw new Error('expected a MetricsInputError');
}
