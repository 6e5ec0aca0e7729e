/**
 * Monthly cost estimates from the catalog's hourly prices.
 */
import { capacityBlockRate } from './capacity-block-prices';
import { CatalogError } from './catalog-error';
import { InstanceTypeSpec } from './instance-type';

/**
 * Hours in a month: 730 (365 days × 24 h / 12, rounded), the convention AWS's pricing pages
 * and the AWS Pricing Calculator (https://calculator.aws/) use for monthly figures, so
 * estimates here line up with what those show. Infracost uses the same figure.
 */
export const HOURS_PER_MONTH = 730;

/**
 * Fraction of the on-demand price a Spot node saves. An ASSUMPTION, not a quote: AWS only
 * promises "up to 90%" off (https://aws.amazon.com/ec2/spot/pricing/), and GPU Spot prices move
 * by type, zone and week. 0.6 is in line with observed GPU prices, e.g. p5en.48xlarge in
 * us-east-1 at $27.20 Spot against $63.30 on-demand (57% saved) in an August 2026 listing.
 * Plan with on-demand; read the Spot figure as "probably about this much cheaper".
 */
export const SPOT_DISCOUNT = 0.6;

/** Region the catalog's prices are for; other regions differ by a few to tens of percent. */
export const PRICE_REGION = 'us-east-1';

/** How the nodes are bought. */
export interface CostOptions {
  /** True for Spot nodes, priced at on-demand × (1 − SPOT_DISCOUNT). */
  readonly spot: boolean;
  /**
   * True for nodes in an EC2 Capacity Block, priced at the block's effective instance-hour
   * rate (./capacity-block-prices). On-Demand Capacity Reservations bill at the on-demand rate,
   * so they need no option of their own.
   * @default false
   */
  readonly capacityBlock?: boolean;
}

/**
 * Cost of running `nodes` of `instance` around the clock for a month, in USD rounded to the
 * cent: hourly price × HOURS_PER_MONTH × nodes, less SPOT_DISCOUNT for Spot, at the Capacity
 * Block rate for a block.
 * @throws CatalogError when `nodes` is not a whole number of at least 0, or a Capacity Block
 *   is priced for a type AWS does not sell as one.
 */
export function monthlyCostUsd(
  instance: InstanceTypeSpec,
  nodes: number,
  { spot, capacityBlock = false }: CostOptions = { spot: false },
): number {
  if (!Number.isInteger(nodes) || nodes < 0) {
    throw new CatalogError(`${instance.name}: nodes must be a whole number of at least 0, got ${nodes}`);
  }
  const hourly = capacityBlock ? blockRate(instance) : spot ? instance.onDemandUsdPerHour * (1 - SPOT_DISCOUNT) : instance.onDemandUsdPerHour;
  return Math.round(hourly * HOURS_PER_MONTH * nodes * 100) / 100;
}

/** The Capacity Block rate of `instance`. @throws CatalogError when AWS sells no block of it. */
function blockRate(instance: InstanceTypeSpec): number {
  const rate = capacityBlockRate(instance);
  if (rate === undefined) throw new CatalogError(`${instance.name}: AWS does not sell it as EC2 Capacity Blocks, so it has no block rate; choose a type the Capacity Blocks page lists`);
  return rate.usdPerHour;
}
