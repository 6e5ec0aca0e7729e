import { largestInstance } from '../../catalog/choose-instance';
import { MIN_INFERENCE_REPLICAS, TARGET_UTILIZATION_PERCENT, fewerReplicas, scaleDown, smallerTrainingGpus } from '../../optimize/scale-down-rule';
import { readUtilization } from '../../optimize/utilization';
import { needsWith } from '../support/needs-fixtures';
import { constant, dcgmSeries, metricData, queryRange, seriesOf } from '../support/metrics';

const needs = needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 6 } } });

function reading(percent: number, model = 'NVIDIA H100 80GB HBM3', hours = 168) {
  return readUtilization(seriesOf(queryRange([dcgmSeries(model, () => percent, {}, hours)])), needs).workloads[0];
}

describe('scale-down', () => {
  test('training: ⌈gpus × p95 ÷ 60⌉, in whole nodes of the largest instance when it spans nodes', () => {
    const chips = largestInstance('h100').chips;
    expect(smallerTrainingGpus(needs, 12)).toBe(Math.ceil(Math.ceil((64 * 12) / TARGET_UTILIZATION_PERCENT) / chips) * chips);
    expect(smallerTrainingGpus(needs, 12)).toBe(16);
    expect(smallerTrainingGpus(needs, 5)).toBe(6); // ⌈5.3⌉ = 6 fits one node: no rounding
    expect(smallerTrainingGpus(needsWith({ workload: { training: { accelerator: 'h100', gpus: 8 } } }), 20)).toBe(3); // fits one node: no rounding
    expect(smallerTrainingGpus(needsWith({ workload: { training: { accelerator: 'h100', gpus: 8 } } }), 29)).toBe(4);
    expect(smallerTrainingGpus(needs, 29)).toBe(32);
    expect(smallerTrainingGpus(needs, 58)).toBeUndefined(); // ⌈61.9⌉ = 62 → 64: no fewer nodes
  });

  test('inference: ⌈replicas × p95 ÷ 60⌉, never below two replicas across zones', () => {
    expect(fewerReplicas(needs, 20)).toBe(MIN_INFERENCE_REPLICAS);
    expect(fewerReplicas(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 20 } } }), 20)).toBe(7);
    expect(fewerReplicas(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } } }), 1)).toBeUndefined();
    expect(fewerReplicas(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 1 } } }), 1)).toBeUndefined();
  });

  test('GIVEN a week at 12% on the training GPUs THEN the change of workload.training.gpus with the evidence', () => {
    const result = scaleDown(needs, reading(12), 'DCGM_FI_DEV_GPU_UTIL');
    expect(result.proposal?.edit).toEqual({ path: ['workload', 'training', 'gpus'], value: 16 });
    expect(result.proposal?.detail).toBe(
      'training GPUs ran at 12.0% at the 95th percentile (mean 12.0%) over 168 h, 1 series of DCGM_FI_DEV_GPU_UTIL, under 30%: the same work fits 16 GPUs at 60% (whole p5.48xlarge nodes when it spans nodes); set workload.training.gpus 64 → 16',
    );
  });

  test('GIVEN a week at 12% on the inference GPUs THEN fewer replicas', () => {
    expect(scaleDown(needs, reading(12, 'NVIDIA L4'), 'DCGM_FI_DEV_GPU_UTIL').proposal?.edit).toEqual({ path: ['workload', 'inference', 'replicas'], value: 2 });
  });

  test('GIVEN 30% or more at the 95th percentile THEN nothing; GIVEN less than a week THEN a note, no change', () => {
    expect(scaleDown(needs, reading(30), 'x')).toEqual({});
    expect(scaleDown(needs, reading(5, undefined, 100), 'x')).toEqual({ note: 'scale-down: 100 h of training GPU utilization; "sustained" needs 168 h (a week): export a longer range' });
  });

  test('GIVEN a bursty pattern THEN the detail says the saving is at most the planned one', () => {
    const bursty = needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 64 } } });
    const r = readUtilization(seriesOf(metricData([{ Id: 'training_gpu', Label: 'node_gpu_utilization', values: constant(10) }])), bursty).workloads[0];
    expect(scaleDown(bursty, r, 'node_gpu_utilization').proposal?.detail).toContain('the nodes scale to zero between jobs (pattern bursty), so the saving is at most this');
  });
});
