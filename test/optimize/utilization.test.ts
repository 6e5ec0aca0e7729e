import { cloudGpuWorkloads, percentile, readUtilization, sustainedUnder, workloadOf } from '../../optimize/utilization';
import { needsWith } from '../support/needs-fixtures';
import { constant, dcgmSeries, metricData, queryRange, seriesOf } from '../support/metrics';

const both = needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 4 } } });
const sameKind = needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'h100', latencyMs: 50, replicas: 2 } } });
const trainingOnly = needsWith({ workload: { training: { accelerator: 'h100', gpus: 16 } } });

describe('workloadOf', () => {
  const one = (labels: Record<string, string>, model = 'NVIDIA H100 80GB HBM3') => seriesOf(queryRange([dcgmSeries(model, () => 10, labels, 2)]))[0];

  test('GIVEN a workload, node-label or namespace label THEN that workload', () => {
    expect(workloadOf(one({ workload: 'inference' }), both)).toBe('inference');
    expect(workloadOf(one({ label_tracklayer_dev_workload: 'training' }, 'NVIDIA L4'), both)).toBe('training');
    expect(workloadOf(one({ exported_namespace: 'inference' }), both)).toBe('inference');
  });

  test('GIVEN the DCGM modelName of one workload\'s accelerator THEN that workload', () => {
    expect(workloadOf(one({}), both)).toBe('training');
    expect(workloadOf(one({}, 'NVIDIA L4'), both)).toBe('inference');
  });

  test('GIVEN both workloads on the same accelerator and no label THEN it cannot be told', () => {
    expect(workloadOf(one({}), sameKind)).toBeUndefined();
  });

  test('GIVEN one cloud GPU workload THEN that one; GIVEN a CloudWatch Id training_… THEN training', () => {
    expect(workloadOf(one({}, 'NVIDIA A10G'), trainingOnly)).toBe('training');
    expect(workloadOf(seriesOf(metricData([{ Id: 'inference_gpu', Label: 'node_gpu_utilization', values: [1] }]))[0], both)).toBe('inference');
    expect(cloudGpuWorkloads(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 0 } } }))).toEqual([]);
  });
});

describe('readUtilization and sustainedUnder', () => {
  test('averages the series at each timestamp (the fleet mean) and takes the 95th percentile over a week', () => {
    const series = seriesOf(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', () => 10, { gpu: '0' }), dcgmSeries('NVIDIA H100 80GB HBM3', (i) => (i < 10 ? 90 : 20), { gpu: '1' })]));
    const [training] = readUtilization(series, both).workloads;
    expect(training.workload).toBe('training');
    expect(training.series).toBe(2);
    expect(training.hours).toBe(168);
    expect(training.stepSeconds).toBe(3600);
    expect(training.fleet[0].v).toBe(50);
    expect(training.fleet[20].v).toBe(15);
    // 10 of 168 hours at 50%: more than 5% of the time (8.4 h), so the 95th percentile is 50
    expect(training.p95).toBe(50);
    expect(sustainedUnder(training, 30)).toBe(false);
  });

  test('GIVEN spikes in at most 5% of the hours THEN still sustained under 30%', () => {
    const series = seriesOf(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', (i) => (i < 8 ? 100 : 12))]));
    const [training] = readUtilization(series, both).workloads;
    expect(training.p95).toBe(12);
    expect(sustainedUnder(training, 30)).toBe(true);
  });

  test('GIVEN less than a week THEN not sustained, however low', () => {
    const series = seriesOf(metricData([{ Id: 'training_gpu', Label: 'node_gpu_utilization', values: constant(5, 100) }]));
    const [training] = readUtilization(series, both).workloads;
    expect(training.hours).toBe(100);
    expect(sustainedUnder(training, 30)).toBe(false);
  });

  test('GIVEN a series that cannot be placed THEN a note says how to label it', () => {
    const reading = readUtilization(seriesOf(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', () => 10, {}, 2)])), sameKind);
    expect(reading.workloads).toEqual([]);
    expect(reading.notes).toEqual(['metrics.json: series 0 (DCGM_FI_DEV_GPU_UTIL on ip-10-0-17-42.ec2.internal): cannot tell whether it is training or inference; label it (Prometheus: workload="training"; CloudWatch: an Id starting training_ or inference_): left out']);
  });

  test('percentile is nearest-rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
  });
});
