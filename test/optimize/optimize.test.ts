import { readFileSync } from 'node:fs';
import { findInstanceType, largestInstance } from '../../catalog/choose-instance';
import { HOURS_PER_MONTH, SPOT_DISCOUNT } from '../../catalog/pricing';
import { optimize, optimizeJson } from '../../optimize/optimize';
import { TARGET_UTILIZATION_PERCENT } from '../../optimize/scale-down-rule';
import { constant, dcgmSeries, hourly, metricData, queryRange, seriesOf } from '../support/metrics';

const NEEDS = readFileSync('needs.yaml', 'utf8');
const dcgmWeek = () => seriesOf(JSON.parse(readFileSync('test/optimize/fixtures/prometheus-dcgm-h100-week-12pct.json', 'utf8')), 'dcgm.json');

describe('optimize', () => {
  test('GIVEN a week of 12% on the 64 training H100s of needs.yaml THEN scale-down to whole nodes, saving what the catalog says the removed nodes cost', () => {
    const result = optimize({ text: NEEDS, file: 'needs.yaml', series: dcgmWeek() });
    expect(result.recommendations).toHaveLength(1);
    const [rec] = result.recommendations;
    // Independently of the rule's code: 12% of 64 GPUs at a 60% target, in whole p5.48xlarge nodes.
    const instance = largestInstance('h100');
    expect(instance.name).toBe('p5.48xlarge');
    const gpus = Math.ceil(Math.ceil((64 * 12) / TARGET_UTILIZATION_PERCENT) / instance.chips) * instance.chips;
    const removedNodes = 64 / instance.chips - gpus / instance.chips;
    const price = findInstanceType('p5.48xlarge')?.onDemandUsdPerHour as number;
    expect(rec.rule).toBe('scale-down');
    expect(rec.change).toEqual({ path: 'workload.training.gpus', from: 64, to: gpus });
    expect(rec.monthlySavingsUsd).toBeCloseTo(price * HOURS_PER_MONTH * removedNodes, 2);
    expect(rec.monthlySavingsUsd).toBe(241075.2);
    expect(result.edits).toEqual([{ path: ['workload', 'training', 'gpus'], value: 16 }]);
  });

  test('the notes say which rules lacked inputs; --json has exactly recommendations', () => {
    const result = optimize({ text: NEEDS, file: 'needs.yaml', series: dcgmWeek() });
    expect(result.notes).toEqual([
      "quantize: no request counts in the metrics (vllm:request_success_total, tgi_request_success, nv_inference_request_success or the load balancer's RequestCount), so the serving cost per request is unknown: not evaluated",
      'cache: no S3 BytesDownloaded in the metrics (enable request metrics on the lakehouse bucket and export them), so repeated reads cannot be seen: not evaluated',
    ]);
    expect(Object.keys(optimizeJson(result))).toEqual(['recommendations']);
    expect(Object.keys(result.recommendations[0])).toEqual(['rule', 'detail', 'change', 'monthlySavingsUsd']);
  });

  test('the rules apply in order, each priced on what the previous left: scale-down, then spot on the smaller group', () => {
    const text = NEEDS.replace('    interruptible: false\n', '    interruptible: true\n    capacity: on-demand\n');
    const result = optimize({ text, file: 'needs.yaml', series: dcgmWeek() });
    expect(result.recommendations.map((r) => [r.rule, r.change])).toEqual([
      ['scale-down', { path: 'workload.training.gpus', from: 64, to: 16 }],
      ['spot', { path: 'workload.training.capacity', from: 'on-demand', to: 'spot' }],
    ]);
    const price = findInstanceType('p5.48xlarge')?.onDemandUsdPerHour as number;
    expect(result.recommendations[1].monthlySavingsUsd).toBeCloseTo(price * HOURS_PER_MONTH * 2 * SPOT_DISCOUNT, 2);
  });

  test('GIVEN no metric a rule needs THEN only the spot rule, which reads the needs file alone', () => {
    const text = NEEDS.replace('    interruptible: false\n', '    interruptible: true\n    capacity: on-demand\n');
    const result = optimize({ text, file: 'needs.yaml', series: seriesOf(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', () => 80)])) });
    expect(result.recommendations.map((r) => r.rule)).toEqual(['spot']);
  });

  test('GIVEN inference at 12% and busy training THEN fewer replicas; quantize waits for the scale-down', () => {
    const series = seriesOf(queryRange([dcgmSeries('NVIDIA L4', () => 12), dcgmSeries('NVIDIA H100 80GB HBM3', () => 70), { metric: { __name__: 'vllm:request_success_total' }, values: hourly((i) => i * 10) }]));
    const result = optimize({ text: NEEDS, file: 'needs.yaml', series });
    expect(result.recommendations.map((r) => [r.rule, r.change])).toEqual([['scale-down', { path: 'workload.inference.replicas', from: 4, to: 2 }]]);
    const g6 = findInstanceType('g6.xlarge')?.onDemandUsdPerHour as number;
    const cents = (usd: number) => Math.round(usd * 100) / 100;
    expect(result.recommendations[0].monthlySavingsUsd).toBeCloseTo(cents(g6 * HOURS_PER_MONTH * 4) - cents(g6 * HOURS_PER_MONTH * 2), 2);
    expect(result.notes).toContain('quantize: the inference GPUs are idle enough to scale down first; evaluate quantization after that');
  });

  test('GIVEN busy GPUs, expensive requests and hot data THEN quantize (priced) and cache (0), both without a change', () => {
    const series = [
      ...seriesOf(queryRange([dcgmSeries('NVIDIA L4', () => 55), dcgmSeries('NVIDIA H100 80GB HBM3', () => 70), { metric: { __name__: 'vllm:request_success_total' }, values: hourly((i) => i * 10) }])),
      ...seriesOf(metricData([{ Id: 'reads', Label: 'BytesDownloaded', values: constant((700 * 1e12) / 168) }]), 's3.json'),
    ];
    const result = optimize({ text: NEEDS, file: 'needs.yaml', series });
    expect(result.recommendations.map((r) => [r.rule, r.change])).toEqual([
      ['quantize', null],
      ['cache', null],
    ]);
    const g6 = findInstanceType('g6.xlarge')?.onDemandUsdPerHour as number;
    const cents = (usd: number) => Math.round(usd * 100) / 100; // the catalog prices each group to the cent
    expect(result.recommendations[0].monthlySavingsUsd).toBeCloseTo(cents(g6 * HOURS_PER_MONTH * 4) - cents(g6 * HOURS_PER_MONTH * 3), 2);
    expect(result.recommendations[1].monthlySavingsUsd).toBe(0);
    expect(result.edits).toEqual([]);
  });
});

describe('optimize in a hybrid', () => {
  const HYBRID = readFileSync('examples/hybrid.yaml', 'utf8');

  test('GIVEN a hybrid whose on-prem GPUs carry the training and no cloud cluster is built THEN a scale-down would save nothing: left out with a note', () => {
    const onPremOnly = HYBRID.replace(/    gpus: 256 .*\n/, '    gpus: 64\n').replace('  inference:\n    accelerator: l40s\n    latencyMs: 120\n    replicas: 2\n', '').replace('  pattern: scheduled\n', '  pattern: steady\n');
    const result = optimize({ text: onPremOnly, file: 'hybrid.yaml', series: dcgmWeek() });
    expect(result.recommendations).toEqual([]);
    expect(result.notes).toContain('scale-down: left out: workload.training.gpus → 16 saves nothing at catalog prices (the selected strategy builds no cloud node group for it)');
  });
});
