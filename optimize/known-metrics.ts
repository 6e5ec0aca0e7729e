/**
 * The metrics optimize recognises, by name, and what each means. A series with any other name
 * is an error (the file is not what the rules read), never silently skipped.
 *
 * | name                          | where it comes from                                                                                             | kind             | values                          |
 * |-------------------------------|-----------------------------------------------------------------------------------------------------------------|------------------|---------------------------------|
 * | node_gpu_utilization          | CloudWatch Container Insights with enhanced observability, namespace ContainerInsights (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-enhanced-EKS.html) | GPU utilization | percent 0..100, Stat Average |
 * | nvidia_smi_utilization_gpu    | CloudWatch agent `nvidia_gpu` section, namespace CWAgent (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-NVIDIA-GPU.html) | GPU utilization | percent 0..100 |
 * | DCGM_FI_DEV_GPU_UTIL          | NVIDIA DCGM exporter, one series per GPU (https://github.com/NVIDIA/dcgm-exporter, default counters)            | GPU utilization  | percent 0..100                  |
 * | vllm:request_success_total    | vLLM's /metrics (https://docs.vllm.ai/en/stable/usage/metrics/)                                                 | requests         | Prometheus counter              |
 * | tgi_request_success(_total)   | Hugging Face Text Generation Inference /metrics                                                                 | requests         | Prometheus counter              |
 * | nv_inference_request_success  | NVIDIA Triton Inference Server /metrics                                                                         | requests         | Prometheus counter              |
 * | RequestCount                  | AWS/ApplicationELB, the load balancer in front of the model servers                                             | requests         | CloudWatch Sum per period       |
 * | BytesDownloaded               | AWS/S3 request metrics of the lakehouse bucket (a metrics configuration must be enabled on it)                 | bytes read       | CloudWatch Sum per period       |
 * | GetRequests                   | AWS/S3 request metrics                                                                                          | GET requests     | CloudWatch Sum per period       |
 * | BucketSizeBytes               | AWS/S3 daily storage metrics, one series per StorageType                                                        | bytes stored     | CloudWatch Average, daily       |
 *
 * A CloudWatch result is named by its Label (CloudWatch's default Label is the metric name; a
 * Label may add words after it, `node_gpu_utilization training`), else by a known name inside
 * its Id (`training_node_gpu_utilization`). A Prometheus series is named by `__name__`, which
 * a raw selector keeps (`DCGM_FI_DEV_GPU_UTIL`, or several with `{__name__=~"a|b"}`); an
 * expression with a function (`rate(...)`, `avg(...)`) drops it, so export raw series.
 */

/** What a metric measures, i.e. which rule reads it. */
export type MetricKind = 'gpu-utilization' | 'requests' | 'bytes-read' | 'get-requests' | 'stored-bytes';

/** How the values of a series add up over time. */
export type MetricShape =
  /** A level at each time (utilization percent, bytes stored). */
  | 'gauge'
  /** Prometheus counter: cumulative, may reset to 0 on restart. */
  | 'counter'
  /** CloudWatch Sum statistic: the amount within each period. */
  | 'sum-per-period';

/** One recognised metric. */
export interface KnownMetric {
  readonly name: string;
  readonly kind: MetricKind;
  readonly shape: MetricShape;
  /** The export format it is read from. */
  readonly source: 'cloudwatch' | 'prometheus';
  /** Largest valid value (percentages). @default - no upper bound */
  readonly max?: number;
}

/** The table above. */
export const KNOWN_METRICS: readonly KnownMetric[] = [
  { name: 'node_gpu_utilization', kind: 'gpu-utilization', shape: 'gauge', source: 'cloudwatch', max: 100 },
  { name: 'nvidia_smi_utilization_gpu', kind: 'gpu-utilization', shape: 'gauge', source: 'cloudwatch', max: 100 },
  { name: 'DCGM_FI_DEV_GPU_UTIL', kind: 'gpu-utilization', shape: 'gauge', source: 'prometheus', max: 100 },
  { name: 'vllm:request_success_total', kind: 'requests', shape: 'counter', source: 'prometheus' },
  { name: 'tgi_request_success', kind: 'requests', shape: 'counter', source: 'prometheus' },
  { name: 'tgi_request_success_total', kind: 'requests', shape: 'counter', source: 'prometheus' },
  { name: 'nv_inference_request_success', kind: 'requests', shape: 'counter', source: 'prometheus' },
  { name: 'RequestCount', kind: 'requests', shape: 'sum-per-period', source: 'cloudwatch' },
  { name: 'BytesDownloaded', kind: 'bytes-read', shape: 'sum-per-period', source: 'cloudwatch' },
  { name: 'GetRequests', kind: 'get-requests', shape: 'sum-per-period', source: 'cloudwatch' },
  { name: 'BucketSizeBytes', kind: 'stored-bytes', shape: 'gauge', source: 'cloudwatch' },
];

/** The recognised metric names of a source, for messages. */
export function knownNames(source: KnownMetric['source']): string {
  return KNOWN_METRICS.filter((m) => m.source === source)
    .map((m) => m.name)
    .join(', ');
}

/** The metric named exactly `name`, from any source. */
export function knownMetric(name: string): KnownMetric | undefined {
  return KNOWN_METRICS.find((m) => m.name === name);
}
