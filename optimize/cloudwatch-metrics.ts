/**
 * Reads the output of `aws cloudwatch get-metric-data`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
 * `{ "MetricDataResults": [{ "Id", "Label", "Timestamps": [ISO 8601], "Values": [number],
 * "StatusCode": "Complete" | "PartialData" | "InternalError" | "Forbidden" }], "Messages": [] }`.
 * Timestamps come newest first by default (ScanBy TimestampDescending); they are sorted here.
 *
 * Refused, with the place in the file: a result with no datapoints, Timestamps and Values of
 * different lengths, a value that is not a finite number (NaN, Infinity, null, a string), a
 * timestamp that is not a date, a Label/Id naming no recognised metric, a StatusCode other than
 * Complete (PartialData means the CLI was stopped before the last page: rerun without
 * --max-items/--no-paginate), and a NextToken left in the file (same cause).
 */
import type { FieldPath, Problem } from '../needs/problem';
import { KNOWN_METRICS, knownNames, type KnownMetric } from './known-metrics';
import type { MetricSeries, Point } from './metric-series';
import { checkedValue, describe, isObject } from './metric-values';

/** The CloudWatch metric a result is, by its Label, else by its Id. */
function recognise(id: string, label: string): KnownMetric | undefined {
  const cloudwatch = KNOWN_METRICS.filter((m) => m.source === 'cloudwatch');
  const byLabel = cloudwatch.find((m) => label === m.name || label.startsWith(`${m.name} `));
  if (byLabel) return byLabel;
  return cloudwatch.find((m) => id.includes(m.name));
}

/**
 * The series of a get-metric-data output (`root` already known to hold MetricDataResults).
 * Problems are pushed to `problems`; a result with a problem gives no series.
 */
export function cloudWatchSeries(root: Record<string, unknown>, file: string, problems: Problem[]): MetricSeries[] {
  const results = root.MetricDataResults;
  if (!Array.isArray(results)) {
    problems.push({ path: ['MetricDataResults'], message: `must be a list of results, got ${describe(results)}` });
    return [];
  }
  if (typeof root.NextToken === 'string' && root.NextToken !== '') {
    problems.push({ path: ['NextToken'], message: 'the output is one page of several: run aws cloudwatch get-metric-data without --max-items or --no-paginate so the CLI fetches every page' });
  }
  if (results.length === 0) problems.push({ path: ['MetricDataResults'], message: 'no results: the metric-data queries matched nothing (check namespace, metric name, dimensions and the time range)' });
  return results.flatMap((result, index) => {
    const series = oneResult(result, ['MetricDataResults', index], file, problems);
    return series ? [series] : [];
  });
}

function oneResult(result: unknown, path: FieldPath, file: string, problems: Problem[]): MetricSeries | undefined {
  if (!isObject(result)) {
    problems.push({ path, message: `must be a result object with Id, Label, Timestamps and Values, got ${describe(result)}` });
    return undefined;
  }
  const id = typeof result.Id === 'string' ? result.Id : '';
  const label = typeof result.Label === 'string' ? result.Label : '';
  const name = `MetricDataResults[${path[1]}] (Id ${id || '?'})`;
  const before = problems.length;
  const metric = recognise(id, label);
  if (!metric) {
    problems.push({ path: [...path, label ? 'Label' : 'Id'], message: `${name}: unknown metric ${JSON.stringify(label || id)}; the Label (or Id) must name one of ${knownNames('cloudwatch')}` });
  }
  if (result.StatusCode !== undefined && result.StatusCode !== 'Complete') {
    problems.push({ path: [...path, 'StatusCode'], message: `${name}: StatusCode is ${describe(result.StatusCode)}, not Complete: the data is incomplete (PartialData: rerun without --max-items/--no-paginate; InternalError/Forbidden: see Messages)` });
  }
  const timestamps = result.Timestamps;
  const values = result.Values;
  if (!Array.isArray(timestamps)) problems.push({ path: [...path, 'Timestamps'], message: `${name}: Timestamps must be a list, got ${describe(timestamps)}` });
  if (!Array.isArray(values)) problems.push({ path: [...path, 'Values'], message: `${name}: Values must be a list, got ${describe(values)}` });
  if (!Array.isArray(timestamps) || !Array.isArray(values)) return undefined;
  if (timestamps.length !== values.length) {
    problems.push({ path: [...path, 'Values'], message: `${name}: ${timestamps.length} Timestamps but ${values.length} Values; each value needs its timestamp` });
    return undefined;
  }
  if (values.length === 0) {
    problems.push({ path: [...path, 'Values'], message: `${name}: no datapoints in the time range (check the dimensions, the period and --start-time/--end-time)` });
    return undefined;
  }
  const points: Point[] = [];
  timestamps.forEach((stamp, i) => {
    const t = typeof stamp === 'string' ? Date.parse(stamp) : typeof stamp === 'number' ? stamp * 1000 : Number.NaN;
    if (!Number.isFinite(t)) problems.push({ path: [...path, 'Timestamps', i], message: `${name}: Timestamps[${i}] is not a date: ${describe(stamp)}` });
    const v = checkedValue(values[i], metric, `${name}: Values[${i}]`, [...path, 'Values', i], problems);
    if (Number.isFinite(t) && v !== undefined) points.push({ t, v });
  });
  if (!metric || problems.length > before) return undefined;
  return { metric, labels: { Id: id, Label: label }, name, file, path, points: points.sort((a, b) => a.t - b.t) };
}
