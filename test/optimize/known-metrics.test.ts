import { KNOWN_METRICS, knownMetric, knownNames } from '../../optimize/known-metrics';

describe('KNOWN_METRICS', () => {
  test('names are unique; utilization is a 0..100 gauge; Prometheus amounts are counters, CloudWatch amounts sums per period', () => {
    expect(new Set(KNOWN_METRICS.map((m) => m.name)).size).toBe(KNOWN_METRICS.length);
    for (const metric of KNOWN_METRICS) {
      if (metric.kind === 'gpu-utilization') expect([metric.shape, metric.max]).toEqual(['gauge', 100]);
      if (metric.kind === 'requests' || metric.kind === 'bytes-read' || metric.kind === 'get-requests') {
        expect(metric.shape).toBe(metric.source === 'prometheus' ? 'counter' : 'sum-per-period');
      }
    }
  });

  test('the names of each source, for messages', () => {
    expect(knownNames('prometheus')).toBe('DCGM_FI_DEV_GPU_UTIL, vllm:request_success_total, tgi_request_success, tgi_request_success_total, nv_inference_request_success');
    expect(knownMetric('DCGM_FI_DEV_GPU_UTIL')?.source).toBe('prometheus');
    expect(knownMetric('dcgm_fi_dev_gpu_util')).toBeUndefined();
  });
});
