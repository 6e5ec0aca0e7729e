import { ACCELERATORS, ACCELERATOR_SPECS, isAccelerator } from '../../catalog/accelerator';

describe('ACCELERATOR_SPECS', () => {
  it('has a spec for every accelerator, keyed by its own id', () => {
    expect(Object.keys(ACCELERATOR_SPECS).sort()).toEqual([...ACCELERATORS].sort());
    for (const id of ACCELERATORS) expect(ACCELERATOR_SPECS[id].id).toBe(id);
  });

  it('gives every chip a positive memory size', () => {
    for (const id of ACCELERATORS) expect(ACCELERATOR_SPECS[id].memoryGiBPerChip).toBeGreaterThan(0);
  });

  it.each([
    ['h100', 80],
    ['h200', 141],
    ['a100', 40],
    ['l40s', 48],
    ['l4', 24],
    ['a10g', 24],
    ['trainium', 32],
  ] as const)('%s has %d GiB per chip', (id, gib) => {
    expect(ACCELERATOR_SPECS[id].memoryGiBPerChip).toBe(gib);
  });

  it('maps NVIDIA chips to nvidia.com/gpu and Trainium to aws.amazon.com/neuron', () => {
    for (const id of ACCELERATORS) {
      const spec = ACCELERATOR_SPECS[id];
      const expected = spec.vendor === 'nvidia' ? 'nvidia.com/gpu' : 'aws.amazon.com/neuron';
      expect(spec.deviceResource).toBe(expected);
    }
    expect(ACCELERATOR_SPECS.trainium.vendor).toBe('aws');
  });

  it('names the vendor in the model string', () => {
    for (const id of ACCELERATORS) {
      const spec = ACCELERATOR_SPECS[id];
      expect(spec.model.startsWith(spec.vendor === 'nvidia' ? 'NVIDIA ' : 'AWS ')).toBe(true);
    }
    expect(ACCELERATOR_SPECS.h100.model).toBe('NVIDIA H100');
  });
});

describe('isAccelerator', () => {
  it('accepts every known kind and rejects others', () => {
    for (const id of ACCELERATORS) expect(isAccelerator(id)).toBe(true);
    expect(isAccelerator('H100')).toBe(false);
    expect(isAccelerator('b200')).toBe(false);
    expect(isAccelerator('')).toBe(false);
  });
});
