import { readFileSync } from 'node:fs';
import { METRICS_EXPECTED, readMetrics } from '../../optimize/read-metrics';
import { dcgmSeries, metricsProblems, queryRange } from '../support/metrics';

const problems = metricsProblems;

describe('Prometheus query_range and promtool', () => {
  test('GIVEN the DCGM fixture THEN one series per GPU with its labels (without __name__), in time order', () => {
    const series = readMetrics(JSON.parse(readFileSync('test/optimize/fixtures/prometheus-dcgm-h100-week-12pct.json', 'utf8')), 'p.json');
    expect(series).toHaveLength(8);
    expect(series[0].metric.name).toBe('DCGM_FI_DEV_GPU_UTIL');
    expect(series[0].labels.modelName).toBe('NVIDIA H100 80GB HBM3');
    expect(series[0].labels.__name__).toBeUndefined();
    expect(series[0].points[0]).toEqual({ t: Date.UTC(2026, 10, 16), v: 11 });
  });

  test('GIVEN promtool query range -o json (the bare result list) THEN the same series', () => {
    const list = [dcgmSeries('NVIDIA L4', () => 40, {}, 2)];
    const [series] = readMetrics(list, 'p.json');
    expect(series.points.map((p) => p.v)).toEqual([40, 40]);
  });

  test('GIVEN an instant query or an error answer THEN refused with what to run instead', () => {
    expect(problems({ status: 'success', data: { resultType: 'vector', result: [] } })).toEqual(['data.resultType: is "vector", not "matrix": this is an instant query; optimize needs samples over time: use /api/v1/query_range (or promtool query range)']);
    expect(problems({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query"' })).toEqual(['status: Prometheus answered status "error" (bad_data: invalid parameter "query"): no data to read; fix the query and export it again']);
  });

  test('GIVEN a series without __name__ (rate, avg) or with an unknown name THEN refused', () => {
    expect(problems(queryRange([{ metric: { gpu: '0' }, values: [[1, '1']] }, { metric: { __name__: 'DCGM_FI_DEV_FB_USED' }, values: [[1, '1']] }]))).toEqual([
      'data.result.0.metric: series 0 (no __name__): the series has no __name__, so it cannot be told what it measures: a function (rate, avg, sum, …) drops the name; export the raw metric (one of DCGM_FI_DEV_GPU_UTIL, vllm:request_success_total, tgi_request_success, tgi_request_success_total, nv_inference_request_success)',
      'data.result.1.metric.__name__: series 1 (DCGM_FI_DEV_FB_USED): unknown metric "DCGM_FI_DEV_FB_USED"; optimize reads DCGM_FI_DEV_GPU_UTIL, vllm:request_success_total, tgi_request_success, tgi_request_success_total, nv_inference_request_success from Prometheus',
    ]);
  });

  test('GIVEN no samples, NaN, +Inf or a broken sample THEN refused at the sample', () => {
    expect(problems(queryRange([dcgmSeries('NVIDIA L4', () => 1, {}, 0)]))).toEqual(['data.result.0.values: series 0 (DCGM_FI_DEV_GPU_UTIL on ip-10-0-17-42.ec2.internal): no datapoints in the time range']);
    expect(problems(queryRange([{ metric: { __name__: 'DCGM_FI_DEV_GPU_UTIL' }, values: [[1, 'NaN'], [2, '+Inf'], [3], ['x', '1']] }]))).toEqual([
      'data.result.0.values.0.1: series 0 (DCGM_FI_DEV_GPU_UTIL): values[0] is NaN: no measurement; drop the sample or fix the exporter (a NaN would poison every average)',
      'data.result.0.values.1.1: series 0 (DCGM_FI_DEV_GPU_UTIL): values[1] is +Infinity: not a measurement',
      'data.result.0.values.2: series 0 (DCGM_FI_DEV_GPU_UTIL): values[2] must be a [time, "value"] pair, got a list',
      'data.result.0.values.3.0: series 0 (DCGM_FI_DEV_GPU_UTIL): values[3] has no Unix time, got "x"',
    ]);
  });

  test('GIVEN no series THEN refused: the query matched nothing', () => {
    expect(problems(queryRange([]))).toEqual(['data.result: no series: the query matched nothing in the time range (check the metric name, the labels and start/end)']);
  });

  test('GIVEN something else THEN it names the three accepted formats', () => {
    expect(problems({ hello: 'world' })).toEqual([`: not a metrics file: expected ${METRICS_EXPECTED}, got an object`]);
    expect(problems([])).toEqual([`: not a metrics file: expected ${METRICS_EXPECTED}, got a list`]);
  });
});
