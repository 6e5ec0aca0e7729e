/**
 * Rule `quantize`: serving that costs more than a threshold per 1,000 requests
 * (default {@link QUANTIZE_USD_PER_1K_REQUESTS}) while its GPUs are not idle is a candidate for an
 * 8-bit model: FP8 (W8A8) on Ada and Hopper GPUs (l4, l40s, h100, h200), INT8 W8A8 or FP8
 * weight-only on Ampere (a100, a10g). vLLM's FP8 documentation states "a 2x reduction in model
 * memory requirements and up to a 1.6x improvement in throughput with minimal impact on
 * accuracy" (https://docs.vllm.ai/en/stable/features/quantization/fp8/); the rule takes that
 * upper bound, {@link QUANTIZED_THROUGHPUT_GAIN}, as the estimate: the same requests on
 * ⌈replicas ÷ 1.6⌉ replicas.
 *
 * Reads: the request counters of ./known-metrics (vLLM, TGI, Triton in Prometheus; the load
 * balancer's RequestCount in CloudWatch) over at least a week, and the inference node group's
 * catalog price (stacks/gpu-capacity-plan). Cost per 1,000 requests = the group's monthly cost ÷
 * (requests per second × 3600 × 730) × 1000. Without request metrics the rule says what is
 * missing and recommends nothing; when the inference GPUs are sustained under the scale-down
 * threshold, scale-down comes first (fewer replicas is cheaper and needs no model change).
 *
 * The change is null: the needs file cannot quantize a model. The detail names the replica
 * count to set once the quantized model serves, and monthlySavingsUsd prices that count.
 */
import { ACCELERATOR_SPECS, type Accelerator } from '../catalog/accelerator';
import { HOURS_PER_MONTH } from '../catalog/pricing';
import type { Needs } from '../needs/schema';
import { spanHours, type MetricSeries } from './metric-series';
import { inferenceFleet } from './plan-cost';
import type { Proposal } from './recommendation';
import { SUSTAINED_WINDOW_HOURS } from './utilization';

/** Above this serving cost per 1,000 requests, quantization is worth a look (an assumption; `--request-cost-threshold` overrides it). */
export const QUANTIZE_USD_PER_1K_REQUESTS = 1;
/** Throughput of an 8-bit model over 16-bit: vLLM's "up to 1.6x" (upper bound). */
export const QUANTIZED_THROUGHPUT_GAIN = 1.6;

/** Accelerators with FP8 tensor cores (compute capability 8.9 and up: Ada, Hopper). */
const FP8_ACCELERATORS: readonly Accelerator[] = ['h100', 'h200', 'l40s', 'l4'];

/**
 * Requests in a series, the hours they were counted over, and the hours the series covers (as
 * for utilization: first sample to the end of the last one's step). A counter's increases run
 * from its first sample to its last; a per-period sum counts every period in full.
 */
function requestsOf(series: MetricSeries): { readonly requests: number; readonly countedHours: number; readonly coveredHours: number } {
  const points = series.points;
  const coveredHours = spanHours(points);
  if (series.metric.shape === 'counter') {
    let requests = 0;
    for (let i = 1; i < points.length; i++) {
      const delta = points[i].v - points[i - 1].v;
      requests += delta >= 0 ? delta : points[i].v; // a reset: the counter restarted from 0
    }
    return { requests, countedHours: (points[points.length - 1].t - points[0].t) / 3_600_000, coveredHours };
  }
  return { requests: points.reduce((sum, p) => sum + p.v, 0), countedHours: coveredHours, coveredHours };
}

/** The observed request rate, per second, and the hours covered; undefined without request series. */
export function requestRate(series: readonly MetricSeries[]): { readonly perSecond: number; readonly hours: number; readonly names: string } | undefined {
  const requestSeries = series.filter((s) => s.metric.kind === 'requests');
  if (requestSeries.length === 0) return undefined;
  const counted = requestSeries.map(requestsOf);
  const countedHours = Math.max(...counted.map((c) => c.countedHours));
  const requests = counted.reduce((sum, c) => sum + c.requests, 0);
  return {
    perSecond: countedHours > 0 ? requests / (countedHours * 3600) : 0,
    hours: Math.max(...counted.map((c) => c.coveredHours)),
    names: [...new Set(requestSeries.map((s) => s.metric.name))].join(', '),
  };
}

/** The 8-bit format the accelerator runs fast. */
function eightBitFormat(accelerator: Accelerator): string {
  const model = ACCELERATOR_SPECS[accelerator].model;
  return FP8_ACCELERATORS.includes(accelerator) ? `FP8 (W8A8; the ${model} has FP8 tensor cores)` : `INT8 W8A8 or FP8 weight-only (the ${model} has no FP8 tensor cores)`;
}

/** The rule's proposal, or a note saying why there is none. */
export function quantizeRule(needs: Needs, series: readonly MetricSeries[], thresholdUsdPer1k: number, scaledDown: boolean): { readonly proposal?: Proposal; readonly note?: string } {
  const inference = needs.workload.inference;
  const fleet = inferenceFleet(needs);
  if (!inference || !fleet) return {};
  const rate = requestRate(series);
  if (!rate) return { note: 'quantize: no request counts in the metrics (vllm:request_success_total, tgi_request_success, nv_inference_request_success or the load balancer\'s RequestCount), so the serving cost per request is unknown: not evaluated' };
  if (rate.hours < SUSTAINED_WINDOW_HOURS) return { note: `quantize: ${Math.round(rate.hours)} h of request counts; the rule reads a week (${SUSTAINED_WINDOW_HOURS} h)` };
  if (scaledDown) return { note: 'quantize: the inference GPUs are idle enough to scale down first; evaluate quantization after that' };
  const monthlyRequests = rate.perSecond * 3600 * HOURS_PER_MONTH;
  const usdPer1k = monthlyRequests > 0 ? (fleet.usd / monthlyRequests) * 1000 : Number.POSITIVE_INFINITY;
  if (usdPer1k <= thresholdUsdPer1k) return {};
  const replicas = Math.max(1, Math.ceil(inference.replicas / QUANTIZED_THROUGHPUT_GAIN));
  const perK = Number.isFinite(usdPer1k) ? `$${usdPer1k.toFixed(2)}` : 'an unbounded amount (no requests)';
  const evidence = `serving costs ${perK} per 1,000 requests (threshold $${thresholdUsdPer1k.toFixed(2)}): ${fleet.nodes} × ${fleet.instance} at $${fleet.usd.toFixed(2)}/month for ${rate.perSecond.toFixed(2)} requests/s over ${Math.round(rate.hours)} h (${rate.names})`;
  if (replicas >= inference.replicas) {
    return { note: `quantize: ${evidence}; but ${inference.replicas} replica(s) cannot shrink by a ${QUANTIZED_THROUGHPUT_GAIN}× throughput gain` };
  }
  return {
    proposal: {
      rule: 'quantize',
      detail: `${evidence}. Serve an 8-bit model: ${eightBitFormat(inference.accelerator)}, up to ${QUANTIZED_THROUGHPUT_GAIN}× the throughput (vLLM FP8 docs); check accuracy on your evaluation set, then set workload.inference.replicas ${inference.replicas} → ${replicas}`,
      pricedAs: { path: ['workload', 'inference', 'replicas'], value: replicas },
    },
  };
}
