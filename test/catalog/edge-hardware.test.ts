import { EDGE_HARDWARE, EDGE_HARDWARE_SPECS } from '../../catalog/edge-hardware';

describe('EDGE_HARDWARE_SPECS', () => {
  it('has a spec for every kind, keyed by its own id, with a one-line description', () => {
    expect(Object.keys(EDGE_HARDWARE_SPECS).sort()).toEqual([...EDGE_HARDWARE].sort());
    for (const id of EDGE_HARDWARE) {
      expect(EDGE_HARDWARE_SPECS[id].id).toBe(id);
      expect(EDGE_HARDWARE_SPECS[id].description.length).toBeGreaterThan(0);
      expect(EDGE_HARDWARE_SPECS[id].description).not.toContain('\n');
    }
  });

  it.each([
    ['jetson-orin', 'arm64', 1, 'nvidia.com/gpu', 'nvidia'],
    ['x86-l4', 'x86_64', 1, 'nvidia.com/gpu', undefined],
    ['x86-cpu', 'x86_64', 0, undefined, undefined],
  ] as const)('%s: %s, %d GPU, resource %s, runtime class %s', (id, arch, gpus, resource, runtimeClass) => {
    const spec = EDGE_HARDWARE_SPECS[id];
    expect(spec.architecture).toBe(arch);
    expect(spec.gpusPerNode).toBe(gpus);
    expect(spec.deviceResource).toBe(resource);
    expect(spec.runtimeClass).toBe(runtimeClass);
  });

  it('gives GPU kinds accelerator memory and the CPU kind none', () => {
    for (const id of EDGE_HARDWARE) {
      const spec = EDGE_HARDWARE_SPECS[id];
      if (spec.gpusPerNode > 0) expect(spec.acceleratorMemoryGiB).toBeGreaterThan(0);
      else expect(spec.acceleratorMemoryGiB).toBe(0);
    }
    expect(EDGE_HARDWARE_SPECS['x86-l4'].acceleratorMemoryGiB).toBe(24);
  });
});
