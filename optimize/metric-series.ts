/**
 * One time series read from a metrics file, whatever the format: a recognised metric, the
 * labels that identify it, and its points in time order. The parsers (./cloudwatch-metrics,
 * ./prometheus-metrics) produce it; the rules read only this.
 */
import type { FieldPath } from '../needs/problem';
import type { KnownMetric } from './known-metrics';

/** One sample. */
export interface Point {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly v: number;
}

/** One series. */
export interface MetricSeries {
  readonly metric: KnownMetric;
  /**
   * What identifies the series: Prometheus labels (without `__name__`); for CloudWatch,
   * `Id` and `Label` of the result.
   */
  readonly labels: Readonly<Record<string, string>>;
  /** How messages name it, e.g. `MetricDataResults[2] (Id training_gpu)`. */
  readonly name: string;
  /** Where it is in its file. */
  readonly file: string;
  readonly path: FieldPath;
  /** At least one point, in time order. */
  readonly points: readonly Point[];
}

/** The median spacing of the points in seconds (the query's step or period); 0 for a single point. */
export function stepSeconds(points: readonly Point[]): number {
  const gaps = points.slice(1).map((p, i) => p.t - points[i].t).filter((gap) => gap > 0).sort((a, b) => a - b);
  return gaps.length === 0 ? 0 : gaps[Math.floor(gaps.length / 2)] / 1000;
}

/** Hours from the first point to the end of the last one's period. */
export function spanHours(points: readonly Point[]): number {
  if (points.length === 0) return 0;
  return (points[points.length - 1].t - points[0].t) / 3_600_000 + stepSeconds(points) / 3600;
}
