import { findInstanceType } from '../../catalog/choose-instance';
import { HOURS_PER_MONTH } from '../../catalog/pricing';
import { QUANTIZED_THROUGHPUT_GAIN, quantizeRule, requestRate } from '../../optimize/quantize-rule';
import { needsWith } from '../support/needs-fixtures';
import { WEEK_HOURS, hourly, metricData, queryRange, seriesOf } from '../support/metrics';

const needs = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 4 } } });

/** A vLLM counter rising `perHour` an hour, restarted (reset to 0) at hour 100. */
function vllm(perHour: number, hours = WEEK_HOURS) {
  return seriesOf(queryRange([{ metric: { __name__: 'vllm:request_success_total', finished_reason: 'stop', model_name: 'acme-chat' }, values: hourly((i) => (i < 100 ? i * perHour : (i - 100) * perHour), hours) }]));
}

describe('quantize', () => {
  test('requestRate: counter increases, resets counted from 0; CloudWatch sums per period', () => {
    const rate = requestRate(vllm(360));
    // 167 hourly increases of 360, except the reset hour, which counts the value after the restart (0)
    expect(rate?.hours).toBe(168);
    expect(rate?.perSecond).toBeCloseTo((166 * 360) / (167 * 3600), 10);
    const alb = requestRate(seriesOf(metricData([{ Id: 'alb', Label: 'RequestCount', values: Array.from({ length: WEEK_HOURS }, () => 3600) }])));
    expect(alb).toEqual({ perSecond: 1, hours: 168, names: 'RequestCount' });
  });

  test('GIVEN serving above $1 per 1,000 requests THEN quantize, change null, with the evidence and the replica count to set', () => {
    const result = quantizeRule(needs, vllm(360), 1, false);
    const price = findInstanceType('g6.xlarge')?.onDemandUsdPerHour ?? 0;
    const monthly = Math.round(price * HOURS_PER_MONTH * 4 * 100) / 100;
    const perSecond = (166 * 360) / (167 * 3600);
    const perK = (monthly / (perSecond * 3600 * HOURS_PER_MONTH)) * 1000;
    expect(result.proposal?.rule).toBe('quantize');
    expect(result.proposal?.edit).toBeUndefined();
    expect(result.proposal?.pricedAs).toEqual({ path: ['workload', 'inference', 'replicas'], value: Math.ceil(4 / QUANTIZED_THROUGHPUT_GAIN) });
    expect(result.proposal?.detail).toContain(`serving costs $${perK.toFixed(2)} per 1,000 requests (threshold $1.00): 4 × g6.xlarge at $${monthly.toFixed(2)}/month for ${perSecond.toFixed(2)} requests/s over 168 h (vllm:request_success_total)`);
    expect(result.proposal?.detail).toContain('FP8 (W8A8; the NVIDIA L4 has FP8 tensor cores), up to 1.6× the throughput');
    expect(result.proposal?.detail).toContain('set workload.inference.replicas 4 → 3');
  });

  test('GIVEN cheap serving (a busy fleet) or a higher threshold THEN nothing', () => {
    expect(quantizeRule(needs, vllm(360_000), 1, false)).toEqual({});
    expect(quantizeRule(needs, vllm(360), 100, false)).toEqual({});
  });

  test('GIVEN no request metrics THEN a note says what is missing; GIVEN less than a week THEN a note', () => {
    expect(quantizeRule(needs, [], 1, false).note).toBe("quantize: no request counts in the metrics (vllm:request_success_total, tgi_request_success, nv_inference_request_success or the load balancer's RequestCount), so the serving cost per request is unknown: not evaluated");
    expect(quantizeRule(needs, vllm(360, 48), 1, false).note).toBe('quantize: 48 h of request counts; the rule reads a week (168 h)');
  });

  test('GIVEN the inference GPUs scaled down first THEN quantize waits; GIVEN no cloud inference THEN nothing', () => {
    expect(quantizeRule(needs, vllm(360), 1, true).note).toBe('quantize: the inference GPUs are idle enough to scale down first; evaluate quantization after that');
    expect(quantizeRule(needsWith({}), vllm(360), 1, false)).toEqual({});
  });

  test('on an Ampere accelerator the detail names INT8, not FP8', () => {
    const a10g = needsWith({ workload: { inference: { accelerator: 'a10g', latencyMs: 50, replicas: 4 } } });
    expect(quantizeRule(a10g, vllm(360), 1, false).proposal?.detail).toContain('INT8 W8A8 or FP8 weight-only (the NVIDIA A10G has no FP8 tensor cores)');
  });
});
