/**
 * EC2 Capacity Blocks for ML: which catalog types AWS sells as Capacity Blocks, and the
 * effective hourly rate of one instance in a block.
 *
 * A Capacity Block is paid up front for its whole duration (1 to 182 days) at the rate that
 * prevails when it is bought, whether or not instances run in it; the instances run only
 * inside the block's window, in one Availability Zone, placed together in an EC2 UltraCluster.
 * The rate is set by AWS from supply and demand and changes (the pricing page says so), so
 * every figure carries where and when it was seen. Re-check CAPACITY_BLOCK_PRICES before a
 * budget depends on it: `aws ec2 describe-capacity-block-offerings` quotes the real price of
 * a block before purchase.
 *
 * Sources:
 * - CAPACITY_BLOCK_PRICES, the AWS page, as captured with its table "scheduled to be updated on
 *   January 1, 2025" (so the rates of 2024-12): p5.48xlarge $39.33 (US East), p4d.24xlarge
 *   $14.75, trn1.32xlarge $15.49 per instance-hour.
 * - p5en.48xlarge: $41.61 per instance-hour after AWS raised H200 block rates by about 15% in
 *   January 2026 (p5e.48xlarge 34.61 → 39.80, p5en.48xlarge 36.18 → 41.61), as reported from
 *   the same page; a secondary source, marked as such.
 * - p5e.48xlarge is sold only as Capacity Blocks; its rate is the catalog's own figure
 *   (instance-type.ts, `capacityBlockOnly`), not repeated here.
 * Which types are offered as blocks: EC2 User Guide, "Capacity Blocks for ML", supported
 * instance types (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-blocks.html).
 */
import type { InstanceTypeSpec } from './instance-type';

/** AWS's Capacity Blocks price page. */
export const CAPACITY_BLOCK_PRICES = 'https://aws.amazon.com/ec2/capacityblocks/pricing/';

/** A Capacity Block rate with where and when it was seen. */
export interface CapacityBlockRate {
  /** Effective price of one instance-hour in a block, USD. */
  readonly usdPerHour: number;
  /** When the rate was seen, `YYYY-MM-DD` (or the month, `YYYY-MM-01`, when only that is known). */
  readonly asOf: string;
  /** Where it is published. */
  readonly source: string;
}

/** The rates of the on-demand catalog types that AWS also sells as Capacity Blocks. */
const RATES: Readonly<Record<string, CapacityBlockRate>> = Object.freeze({
  'p5.48xlarge': { usdPerHour: 39.33, asOf: '2024-12-01', source: CAPACITY_BLOCK_PRICES },
  'p5en.48xlarge': { usdPerHour: 41.61, asOf: '2026-01-01', source: `${CAPACITY_BLOCK_PRICES} (as reported after the January 2026 H200 increase)` },
  'p4d.24xlarge': { usdPerHour: 14.75, asOf: '2024-12-01', source: CAPACITY_BLOCK_PRICES },
  'trn1.32xlarge': { usdPerHour: 15.49, asOf: '2024-12-01', source: CAPACITY_BLOCK_PRICES },
});

/**
 * The Capacity Block rate of `instance`, or undefined when AWS does not sell it as Capacity
 * Blocks. A capacity-block-only type's catalog price is already its block rate.
 */
export function capacityBlockRate(instance: Pick<InstanceTypeSpec, 'name' | 'onDemandUsdPerHour' | 'priceAsOf' | 'priceSource' | 'capacityBlockOnly'>): CapacityBlockRate | undefined {
  if (instance.capacityBlockOnly) return { usdPerHour: instance.onDemandUsdPerHour, asOf: instance.priceAsOf, source: instance.priceSource };
  return RATES[instance.name];
}

/** True when AWS sells `instance` as Capacity Blocks. */
export function soldAsCapacityBlock(instance: Pick<InstanceTypeSpec, 'name' | 'onDemandUsdPerHour' | 'priceAsOf' | 'priceSource' | 'capacityBlockOnly'>): boolean {
  return capacityBlockRate(instance) !== undefined;
}
