import { acceleratorTaint, amiTypeFor, nodeLabels } from '../../../constructs/compute/accelerator-node-config';
import { armNvidiaInstance, instance } from './catalog-instance';

describe('amiTypeFor', () => {
  test.each([
    ['p5.48xlarge', 'AL2023_x86_64_NVIDIA'],
    ['g6.xlarge', 'AL2023_x86_64_NVIDIA'],
    ['p4d.24xlarge', 'AL2023_x86_64_NVIDIA'],
    ['trn1n.32xlarge', 'AL2023_x86_64_NEURON'],
    ['trn1.2xlarge', 'AL2023_x86_64_NEURON'],
  ])('GIVEN %s THEN %s', (name, amiType) => {
    expect(amiTypeFor(instance(name))).toBe(amiType);
  });

  test('GIVEN an NVIDIA type on arm64 THEN AL2023_ARM_64_NVIDIA', () => {
    expect(amiTypeFor(armNvidiaInstance())).toBe('AL2023_ARM_64_NVIDIA');
  });

  test('GIVEN Trainium on arm64 THEN throws: EKS has no Neuron arm64 image', () => {
    const trainiumArm = { ...instance('trn1.2xlarge'), name: 'trn-arm.test', architecture: 'arm64' as const };
    expect(() => amiTypeFor(trainiumArm)).toThrow('amiTypeFor: instance type trn-arm.test carries trainium on an arm64 host, and EKS has no Neuron AMI type for arm64');
  });
});

describe('acceleratorTaint', () => {
  test('GIVEN an NVIDIA type THEN nvidia.com/gpu=true:NoSchedule', () => {
    expect(acceleratorTaint(instance('g5.xlarge'))).toEqual({ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' });
  });

  test('GIVEN Trainium THEN aws.amazon.com/neuron=true:NoSchedule', () => {
    expect(acceleratorTaint(instance('trn1.32xlarge'))).toEqual({ key: 'aws.amazon.com/neuron', value: 'true', effect: 'NO_SCHEDULE' });
  });
});

describe('nodeLabels', () => {
  test('GIVEN user labels THEN they are merged with accelerator, workload and instance type', () => {
    expect(nodeLabels(instance('g6.xlarge'), 'inference', false, { team: 'search' })).toEqual({
      team: 'search',
      'tracklayer.dev/accelerator': 'l4',
      'tracklayer.dev/workload': 'inference',
      'tracklayer.dev/instance-type': 'g6.xlarge',
    });
  });

  test('GIVEN efa THEN the efa label is set', () => {
    expect(nodeLabels(instance('p5.48xlarge'), 'training', true)).toMatchObject({ 'tracklayer.dev/efa': 'true' });
  });

  test('GIVEN a user label under tracklayer.dev/ THEN throws naming the key', () => {
    expect(() => nodeLabels(instance('g6.xlarge'), 'inference', false, { 'tracklayer.dev/workload': 'x' })).toThrow(
      'labels: tracklayer.dev/workload: keys under tracklayer.dev/ are set from the instance type and workload',
    );
  });
});
