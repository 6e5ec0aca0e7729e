import { allocatable, assumedMaxPods, reservedCpuMillis } from '../../../guardrails/schedulability/allocatable';

describe('allocatable (the EKS AL2023 nodeadm reservation)', () => {
  test('CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest', () => {
    expect(reservedCpuMillis(1)).toBe(60);
    expect(reservedCpuMillis(2)).toBe(70);
    expect(reservedCpuMillis(4)).toBe(80);
    expect(reservedCpuMillis(192)).toBe(80 + 188 * 2.5);
  });

  test('memory: 11 MiB per pod + 255 MiB, plus the 100 MiB eviction threshold; max pods 110 below 30 vCPUs, 250 above', () => {
    expect(assumedMaxPods(2)).toBe(110);
    expect(assumedMaxPods(192)).toBe(250);
    expect(allocatable(2, 8)).toEqual({ cpu: 1930, memory: 8 * 2 ** 30 - (11 * 110 + 255 + 100) * 2 ** 20 });
  });
});
