import { ACCELERATOR_SPECS } from '../../../catalog/accelerator';
import { INSTANCE_TYPES } from '../../../catalog/instance-type';
import { ACCELERATOR_LABEL, EFA_LABEL, acceleratorTaint } from '../../../constructs/compute/accelerator-node-config';
import { efaNodes, neuronNodes, nvidiaNodes, rdmaNodes, tolerationOf } from '../../../constructs/platform/node-placement';

describe('node placement', () => {
  test('GIVEN EKS THEN NVIDIA agents select every NVIDIA accelerator kind by the tracklayer label, and no Trainium', () => {
    expect(nvidiaNodes('eks').requirements).toEqual([{ key: ACCELERATOR_LABEL, values: ['h100', 'h200', 'a100', 'l40s', 'l4', 'a10g'] }]);
    expect(neuronNodes().requirements).toEqual([{ key: ACCELERATOR_LABEL, values: ['trainium'] }]);
    expect(efaNodes().requirements).toEqual([{ key: EFA_LABEL, values: ['true'] }]);
  });

  test('GIVEN on-prem or an x86 edge site THEN the GPU Feature Discovery label; GIVEN a Jetson site THEN arm64 nodes', () => {
    const gpuPresent = [{ key: 'nvidia.com/gpu.present', values: ['true'] }];
    expect(nvidiaNodes('onprem').requirements).toEqual(gpuPresent);
    expect(nvidiaNodes('edge').requirements).toEqual(gpuPresent);
    expect(nvidiaNodes('edge', true).requirements).toEqual([{ key: 'kubernetes.io/arch', values: ['arm64'] }]);
    expect(rdmaNodes()).toEqual(nvidiaNodes('onprem'));
  });

  test('every catalog instance type: the taint its node group gets is tolerated by the agents that serve it', () => {
    for (const instance of INSTANCE_TYPES) {
      const taint = tolerationOf(acceleratorTaint(instance));
      const serving = ACCELERATOR_SPECS[instance.accelerator].vendor === 'nvidia' ? nvidiaNodes('eks') : neuronNodes();
      expect(serving.tolerations).toContainEqual(taint);
      if (instance.efaInterfaces > 0) expect(efaNodes().tolerations).toContainEqual(taint);
    }
  });

  test('GIVEN an EKS taint effect THEN the Kubernetes spelling', () => {
    expect(tolerationOf({ key: 'k', effect: 'NO_SCHEDULE' })).toEqual({ key: 'k', effect: 'NoSchedule' });
    expect(tolerationOf({ key: 'k', effect: 'NO_EXECUTE' })).toEqual({ key: 'k', effect: 'NoExecute' });
    expect(tolerationOf({ key: 'k', effect: 'PREFER_NO_SCHEDULE' })).toEqual({ key: 'k', effect: 'PreferNoSchedule' });
  });
});
