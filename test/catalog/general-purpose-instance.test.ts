import { GENERAL_PURPOSE_INSTANCES, findGeneralPurposeInstance } from '../../catalog/general-purpose-instance';
import { DEFAULT_SYSTEM_INSTANCE_TYPE } from '../../constructs/compute/system-node-group';

describe('general-purpose instances', () => {
  test('the system node group type is in the list, with its vCPUs and memory', () => {
    expect(findGeneralPurposeInstance(DEFAULT_SYSTEM_INSTANCE_TYPE)).toEqual({ name: 'm7i.large', vcpus: 2, memoryGiB: 8, architecture: 'x86_64' });
    expect(findGeneralPurposeInstance('p5.48xlarge')).toBeUndefined();
  });

  test('sizes grow with the list; memory is 4 GiB per vCPU (the m7i ratio)', () => {
    for (const instance of GENERAL_PURPOSE_INSTANCES) expect(instance.memoryGiB).toBe(instance.vcpus * 4);
  });
});
