import { ACCELERATORS, ACCELERATOR_SPECS } from '../../catalog/accelerator';
import { INSTANCE_TYPES, InstanceTypeSpec } from '../../catalog/instance-type';

function byName(name: string): InstanceTypeSpec {
  const found = INSTANCE_TYPES.find((i) => i.name === name);
  if (found === undefined) throw new Error(`no ${name} in the catalog`);
  return found;
}

/** Types whose chip has more memory than the accelerator's (smallest-variant) memoryGiBPerChip. */
const MEMORY_VARIANTS: Readonly<Record<string, number>> = { 'p4de.24xlarge': 80 };

describe('INSTANCE_TYPES integrity', () => {
  it('has at least one on-demand instance type for every accelerator', () => {
    for (const accelerator of ACCELERATORS) {
      const onDemand = INSTANCE_TYPES.filter((i) => i.accelerator === accelerator && i.capacityBlockOnly !== true);
      expect(onDemand.length).toBeGreaterThan(0);
    }
  });

  it('has unique names of the form family.size', () => {
    const names = INSTANCE_TYPES.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*\.[0-9]*x?large$/);
  });

  it('has positive chips, vCPUs, memory, bandwidth and price, and whole-number counts', () => {
    for (const i of INSTANCE_TYPES) {
      expect(Number.isInteger(i.chips) && i.chips > 0).toBe(true);
      expect(Number.isInteger(i.vcpus) && i.vcpus > 0).toBe(true);
      expect(Number.isInteger(i.efaInterfaces) && i.efaInterfaces >= 0).toBe(true);
      expect(i.memoryGiB).toBeGreaterThan(0);
      expect(i.networkBandwidthGbps).toBeGreaterThan(0);
      expect(i.onDemandUsdPerHour).toBeGreaterThan(0);
    }
  });

  it('dates every price with a real calendar day no later than today', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const i of INSTANCE_TYPES) {
      expect(i.priceAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A date like 2026-02-30 parses but does not round-trip.
      expect(new Date(`${i.priceAsOf}T00:00:00Z`).toISOString().slice(0, 10)).toBe(i.priceAsOf);
      expect(i.priceAsOf <= today).toBe(true);
    }
  });

  it('cites https sources for prices and specs', () => {
    for (const i of INSTANCE_TYPES) {
      expect(new URL(i.priceSource).protocol).toBe('https:');
      expect(new URL(i.specSource).protocol).toBe('https:');
    }
  });

  it('has accelerator memory = chips × memory per chip, within rounding', () => {
    for (const i of INSTANCE_TYPES) {
      const perChip = MEMORY_VARIANTS[i.name] ?? ACCELERATOR_SPECS[i.accelerator].memoryGiBPerChip;
      expect(Math.abs(i.acceleratorMemoryGiB - i.chips * perChip)).toBeLessThanOrEqual(1);
    }
  });

  it('marks only p5e.48xlarge as capacity-block-only, priced from the Capacity Blocks list', () => {
    const capacityBlockOnly = INSTANCE_TYPES.filter((i) => i.capacityBlockOnly === true);
    expect(capacityBlockOnly.map((i) => i.name)).toEqual(['p5e.48xlarge']);
    expect(capacityBlockOnly[0]?.priceSource).toContain('capacityblocks');
  });
});

describe('instance figures from AWS documentation', () => {
  it.each([
    ['p5.48xlarge', 'h100', 8, 32, 3200],
    ['p5e.48xlarge', 'h200', 8, 32, 3200],
    ['p5en.48xlarge', 'h200', 8, 16, 3200],
    ['p4d.24xlarge', 'a100', 8, 4, 400],
    ['p4de.24xlarge', 'a100', 8, 4, 400],
    ['p5.4xlarge', 'h100', 1, 1, 100],
    ['trn1.2xlarge', 'trainium', 1, 0, 12.5],
    ['trn1.32xlarge', 'trainium', 16, 8, 800],
    ['trn1n.32xlarge', 'trainium', 16, 16, 1600],
  ] as const)('%s: %s ×%d, %d EFA, %d Gbps', (name, accelerator, chips, efa, gbps) => {
    const i = byName(name);
    expect(i.accelerator).toBe(accelerator);
    expect(i.chips).toBe(chips);
    expect(i.efaInterfaces).toBe(efa);
    expect(i.networkBandwidthGbps).toBe(gbps);
  });

  it('gives p4d the 40 GB and p4de the 80 GB A100', () => {
    expect(byName('p4d.24xlarge').acceleratorMemoryGiB).toBe(320);
    expect(byName('p4de.24xlarge').acceleratorMemoryGiB).toBe(640);
  });

  const SIZES = ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'];
  /** GPUs per size, the same across G5, G6 and G6e. */
  const G_CHIPS = [1, 1, 1, 1, 4, 1, 4, 8];

  it.each([
    ['g5', 'a10g', [0, 0, 0, 1, 1, 1, 1, 1]],
    ['g6', 'l4', [0, 0, 0, 1, 1, 1, 1, 1]],
    ['g6e', 'l40s', [0, 0, 0, 1, 1, 1, 2, 4]],
  ] as const)('%s has every size with the documented GPUs and EFA cards', (family, accelerator, efa) => {
    SIZES.forEach((size, index) => {
      const i = byName(`${family}.${size}`);
      expect(i.accelerator).toBe(accelerator);
      expect(i.chips).toBe(G_CHIPS[index]);
      expect(i.efaInterfaces).toBe(efa[index]);
    });
  });

  it('lists the 2025 post-cut P prices, not the old ones', () => {
    expect(byName('p5.48xlarge').onDemandUsdPerHour).toBeCloseTo(55.04, 2);
    expect(byName('p4d.24xlarge').onDemandUsdPerHour).toBeLessThan(25);
  });
});
