import { cloudTraining, cloudTrainingGpus, onPremGpus, trainingGapGpus } from '../../strategy/burst-gap';
import { needsWith } from '../support/needs-fixtures';

const onPrem = { kubeContext: 'dc1', gpuNodes: 16, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
const training = (gpus: number) => ({ training: { accelerator: 'h100', gpus } });

describe('burst gap (NEEDS-v1.1: the cloud training group gets what the on-prem GPUs lack)', () => {
  test('on-prem GPUs are gpuNodes × gpusPerNode, 0 without onPrem', () => {
    expect(onPremGpus(needsWith({ onPrem }))).toBe(128);
    expect(onPremGpus(needsWith())).toBe(0);
  });

  test.each([
    ['more than on-prem: the difference', 256, 128],
    ['exactly on-prem: nothing', 128, 0],
    ['less than on-prem: nothing, never negative', 64, 0],
    ['one chip over: one chip', 129, 1],
  ])('GIVEN training %s WHEN hybrid THEN the cloud trains on the gap', (_name, gpus, gap) => {
    const needs = needsWith({ onPrem, workload: training(gpus) });
    expect(trainingGapGpus(needs)).toBe(gap);
    expect(cloudTrainingGpus(needs, 'hybrid')).toBe(gap);
  });

  test('GIVEN the same needs under cloud-first or edge-centric THEN the cloud trains on all of training.gpus (on-prem GPUs are not used)', () => {
    const needs = needsWith({ onPrem, workload: training(256) });
    expect(cloudTrainingGpus(needs, 'cloud-first')).toBe(256);
    expect(cloudTrainingGpus(needs, 'edge-centric')).toBe(256);
  });

  test('GIVEN no training THEN nothing to train anywhere', () => {
    expect(cloudTrainingGpus(needsWith({ onPrem }), 'hybrid')).toBe(0);
    expect(cloudTraining(needsWith({ onPrem }), 'hybrid')).toBeUndefined();
  });

  test('cloudTraining keeps the need and replaces gpus with the gap; undefined when the gap is 0', () => {
    const needs = needsWith({ onPrem, workload: { training: { accelerator: 'h100', gpus: 256, interruptible: true } } });
    expect(cloudTraining(needs, 'hybrid')).toEqual({ ...needs.workload.training, gpus: 128 });
    expect(cloudTraining(needsWith({ onPrem, workload: training(100) }), 'hybrid')).toBeUndefined();
  });
});
