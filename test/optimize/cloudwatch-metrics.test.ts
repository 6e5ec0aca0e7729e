import { readFileSync } from 'node:fs';
import { readMetrics } from '../../optimize/read-metrics';
import { constant, metricData, metricsProblems } from '../support/metrics';

const problems = metricsProblems;

const result = (extra: Record<string, unknown>) => ({ MetricDataResults: [{ Id: 'gpu', Label: 'node_gpu_utilization', Timestamps: ['2026-11-16T01:00:00+00:00', '2026-11-16T00:00:00+00:00'], Values: [10, 20], StatusCode: 'Complete', ...extra }] });

describe('aws cloudwatch get-metric-data output', () => {
  test('GIVEN the fixture (newest first, as the CLI prints it) THEN one series in time order, named by its Label', () => {
    const [series] = readMetrics(JSON.parse(readFileSync('test/optimize/fixtures/cloudwatch-node-gpu-utilization-week-12pct.json', 'utf8')), 'cw.json');
    expect(series.metric.name).toBe('node_gpu_utilization');
    expect(series.labels).toEqual({ Id: 'training_gpu', Label: 'node_gpu_utilization' });
    expect(series.points).toHaveLength(168);
    expect(series.points[0]).toEqual({ t: Date.UTC(2026, 10, 16), v: 12 });
    expect(series.points[1].t - series.points[0].t).toBe(3_600_000);
  });

  test('a result is named by its Label, else by a known name inside its Id', () => {
    const [byLabel, byId] = readMetrics(metricData([{ Id: 'a', Label: 'RequestCount app/acme', values: [1] }, { Id: 'inference_BytesDownloaded', Label: 'reads', values: [1] }]), 'm.json');
    expect([byLabel.metric.name, byId.metric.name]).toEqual(['RequestCount', 'BytesDownloaded']);
  });

  test('GIVEN no datapoints THEN refused with where to look', () => {
    expect(problems(result({ Timestamps: [], Values: [] }))).toEqual(['MetricDataResults.0.Values: MetricDataResults[0] (Id gpu): no datapoints in the time range (check the dimensions, the period and --start-time/--end-time)']);
    expect(problems({ MetricDataResults: [] })).toEqual(['MetricDataResults: no results: the metric-data queries matched nothing (check namespace, metric name, dimensions and the time range)']);
  });

  test('GIVEN Timestamps and Values of different lengths THEN refused', () => {
    expect(problems(result({ Values: [10] }))).toEqual(['MetricDataResults.0.Values: MetricDataResults[0] (Id gpu): 2 Timestamps but 1 Values; each value needs its timestamp']);
  });

  test('GIVEN NaN, null, a string, a negative or a percentage above 100 THEN each refused at its place', () => {
    expect(problems(result({ Values: ['NaN', null] }))).toEqual([
      'MetricDataResults.0.Values.0: MetricDataResults[0] (Id gpu): Values[0] is NaN: no measurement; drop the sample or fix the exporter (a NaN would poison every average)',
      'MetricDataResults.0.Values.1: MetricDataResults[0] (Id gpu): Values[1] must be a number, got null',
    ]);
    expect(problems(result({ Values: [-1, 140] }))).toEqual([
      'MetricDataResults.0.Values.0: MetricDataResults[0] (Id gpu): Values[0] is -1; node_gpu_utilization cannot be negative',
      'MetricDataResults.0.Values.1: MetricDataResults[0] (Id gpu): Values[1] is 140; node_gpu_utilization is a percentage from 0 to 100',
    ]);
    expect(problems(result({ Values: ['12%', 'Infinity'] }))).toEqual([
      'MetricDataResults.0.Values.0: MetricDataResults[0] (Id gpu): Values[0] must be a number, got "12%"',
      'MetricDataResults.0.Values.1: MetricDataResults[0] (Id gpu): Values[1] is +Infinity: not a measurement',
    ]);
  });

  test('GIVEN an unknown metric name THEN refused, listing the names read from CloudWatch', () => {
    expect(problems(result({ Id: 'cpu', Label: 'node_cpu_utilization' }))).toEqual([
      'MetricDataResults.0.Label: MetricDataResults[0] (Id cpu): unknown metric "node_cpu_utilization"; the Label (or Id) must name one of node_gpu_utilization, nvidia_smi_utilization_gpu, RequestCount, BytesDownloaded, GetRequests, BucketSizeBytes',
    ]);
  });

  test('GIVEN a partial result, a bad timestamp or a NextToken THEN refused', () => {
    expect(problems({ ...result({ StatusCode: 'PartialData', Timestamps: ['yesterday', '2026-11-16T00:00:00Z'] }), NextToken: 'abc' })).toEqual([
      'NextToken: the output is one page of several: run aws cloudwatch get-metric-data without --max-items or --no-paginate so the CLI fetches every page',
      'MetricDataResults.0.StatusCode: MetricDataResults[0] (Id gpu): StatusCode is "PartialData", not Complete: the data is incomplete (PartialData: rerun without --max-items/--no-paginate; InternalError/Forbidden: see Messages)',
      'MetricDataResults.0.Timestamps.0: MetricDataResults[0] (Id gpu): Timestamps[0] is not a date: "yesterday"',
    ]);
  });

  test('every problem of the file at once', () => {
    const file = metricData([{ Id: 'a', Label: 'node_gpu_utilization', values: constant(12, 3) }, { Id: 'b', Label: 'GPUUtil', values: [] }]);
    expect(problems(file)).toHaveLength(2);
  });
});
