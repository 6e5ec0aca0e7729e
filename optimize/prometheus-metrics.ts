/**
 * Reads a Prometheus range query: the HTTP API's answer to `/api/v1/query_range`
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries:
 * `{ "status": "success", "data": { "resultType": "matrix", "result": [{ "metric": {labels},
 * "values": [[unix seconds, "value"], ...] }] } }`), or what `promtool query range -o json`
 * prints, which is the bare `result` list (prometheus/prometheus cmd/promtool/main.go,
 * jsonPrinter: the model.Matrix encoded as is).
 *
 * Refused, with the place in the file: an error answer, an instant query (resultType vector or
 * scalar), a series without `__name__` (a function such as rate() or avg() dropped it: export
 * the raw metric), an unknown name, a series with no samples, a value that is not a finite
 * number (Prometheus writes "NaN", "+Inf", "-Inf" as strings), a sample that is not a pair.
 */
import type { FieldPath, Problem } from '../needs/problem';
import { KNOWN_METRICS, knownNames } from './known-metrics';
import type { MetricSeries, Point } from './metric-series';
import { checkedValue, describe, isObject } from './metric-values';

/** The series of an HTTP API answer (`root` already known to hold status and data). */
export function prometheusApiSeries(root: Record<string, unknown>, file: string, problems: Problem[]): MetricSeries[] {
  if (root.status !== 'success') {
    const said = [root.errorType, root.error].filter((part) => typeof part === 'string').join(': ');
    problems.push({ path: ['status'], message: `Prometheus answered status ${describe(root.status)}${said ? ` (${said})` : ''}: no data to read; fix the query and export it again` });
    return [];
  }
  const data = root.data;
  if (!isObject(data)) {
    problems.push({ path: ['data'], message: `must be an object with resultType and result, got ${describe(data)}` });
    return [];
  }
  if (data.resultType !== 'matrix') {
    problems.push({ path: ['data', 'resultType'], message: `is ${describe(data.resultType)}, not "matrix": this is an instant query; optimize needs samples over time: use /api/v1/query_range (or promtool query range)` });
    return [];
  }
  return matrixSeries(data.result, ['data', 'result'], file, problems);
}

/** The series of a matrix (`/api/v1/query_range` data.result, or promtool's list). */
export function matrixSeries(result: unknown, path: FieldPath, file: string, problems: Problem[]): MetricSeries[] {
  if (!Array.isArray(result)) {
    problems.push({ path, message: `must be a list of series, got ${describe(result)}` });
    return [];
  }
  if (result.length === 0) problems.push({ path, message: 'no series: the query matched nothing in the time range (check the metric name, the labels and start/end)' });
  return result.flatMap((series, index) => {
    const one = oneSeries(series, [...path, index], file, problems);
    return one ? [one] : [];
  });
}

function oneSeries(series: unknown, path: FieldPath, file: string, problems: Problem[]): MetricSeries | undefined {
  if (!isObject(series) || !isObject(series.metric)) {
    problems.push({ path, message: `must be a series { "metric": {labels}, "values": [[time, "value"], ...] }, got ${describe(series)}` });
    return undefined;
  }
  const labels = Object.fromEntries(Object.entries(series.metric).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const metricName = labels.__name__;
  delete labels.__name__;
  const name = `series ${String(path[path.length - 1])} (${metricName ?? 'no __name__'}${labels.Hostname ? ` on ${labels.Hostname}` : ''})`;
  const before = problems.length;
  const metric = KNOWN_METRICS.find((m) => m.source === 'prometheus' && m.name === metricName);
  if (metricName === undefined) {
    problems.push({ path: [...path, 'metric'], message: `${name}: the series has no __name__, so it cannot be told what it measures: a function (rate, avg, sum, …) drops the name; export the raw metric (one of ${knownNames('prometheus')})` });
  } else if (!metric) {
    problems.push({ path: [...path, 'metric', '__name__'], message: `${name}: unknown metric ${JSON.stringify(metricName)}; optimize reads ${knownNames('prometheus')} from Prometheus` });
  }
  if (!Array.isArray(series.values)) {
    const other = Array.isArray(series.histograms) ? ' (native histograms are not read)' : '';
    problems.push({ path: [...path, 'values'], message: `${name}: values must be a list of [time, "value"] samples, got ${describe(series.values)}${other}` });
    return undefined;
  }
  if (series.values.length === 0) {
    problems.push({ path: [...path, 'values'], message: `${name}: no datapoints in the time range` });
    return undefined;
  }
  const points: Point[] = [];
  series.values.forEach((sample, i) => {
    const at: FieldPath = [...path, 'values', i];
    if (!Array.isArray(sample) || sample.length !== 2) {
      problems.push({ path: at, message: `${name}: values[${i}] must be a [time, "value"] pair, got ${describe(sample)}` });
      return;
    }
    const seconds = typeof sample[0] === 'number' ? sample[0] : Number.NaN;
    if (!Number.isFinite(seconds)) problems.push({ path: [...at, 0], message: `${name}: values[${i}] has no Unix time, got ${describe(sample[0])}` });
    const v = checkedValue(sample[1], metric, `${name}: values[${i}]`, [...at, 1], problems);
    if (Number.isFinite(seconds) && v !== undefined) points.push({ t: Math.round(seconds * 1000), v });
  });
  if (!metric || problems.length > before) return undefined;
  return { metric, labels, name, file, path, points: points.sort((a, b) => a.t - b.t) };
}
