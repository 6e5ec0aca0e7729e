/**
 * From a parsed metrics file to its series, whichever of the accepted formats it is:
 *
 * | the file is                                   | recognised by                         | read by                  |
 * |-----------------------------------------------|---------------------------------------|--------------------------|
 * | `aws cloudwatch get-metric-data` output       | an object with `MetricDataResults`    | ./cloudwatch-metrics     |
 * | a Prometheus `/api/v1/query_range` answer     | an object with `status` and `data`    | ./prometheus-metrics     |
 * | `promtool query range -o json` output         | a list of `{ metric, values }` series | ./prometheus-metrics     |
 *
 * Anything else is refused with what was expected.
 */
import type { Problem } from '../needs/problem';
import { cloudWatchSeries } from './cloudwatch-metrics';
import type { MetricSeries } from './metric-series';
import { describe, isObject } from './metric-values';
import { MetricsInputError } from './metrics-input-error';
import { matrixSeries, prometheusApiSeries } from './prometheus-metrics';

/** What a metrics file should be, for messages. */
export const METRICS_EXPECTED =
  'the JSON output of aws cloudwatch get-metric-data (an object with MetricDataResults), a Prometheus /api/v1/query_range answer (status and data.result) or promtool query range -o json (a list of series)';

/**
 * The series of one parsed metrics file (named `file` in the series).
 * @throws MetricsInputError with every problem of the file.
 */
export function readMetrics(value: unknown, file: string): MetricSeries[] {
  const problems: Problem[] = [];
  let series: MetricSeries[];
  if (isObject(value) && 'MetricDataResults' in value) series = cloudWatchSeries(value, file, problems);
  else if (isObject(value) && 'status' in value && ('data' in value || 'error' in value)) series = prometheusApiSeries(value, file, problems);
  else if (Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && 'metric' in item)) series = matrixSeries(value, [], file, problems);
  else throw new MetricsInputError([{ path: [], message: `not a metrics file: expected ${METRICS_EXPECTED}, got ${describe(value)}` }]);
  if (problems.length > 0) throw new MetricsInputError(problems);
  return series;
}
