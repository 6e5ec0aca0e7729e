/**
 * EC2 instance types that carry an accelerator, with the figures the choosers and the cost
 * estimate need.
 *
 * Specs (chips, accelerator memory, vCPU, memory, network bandwidth, EFA-capable network cards)
 * are from the AWS accelerated-computing instance specifications (SPEC_SOURCE). Prices are Linux
 * on-demand in us-east-1 (see ./pricing PRICE_REGION); AWS cut P4d/P4de/P5/P5en on-demand prices
 * by up to 45% in June 2025 and the figures below are the post-cut ones.
 * The prices come from third-party snapshots of the AWS Pricing API (most figures seen in two or
 * more independent ones), not from the AWS page itself, and carry the snapshot's date: re-check
 * them at priceSource before they drive a budget.
 */
import { Accelerator } from './accelerator';

/** One EC2 instance type that carries accelerators. */
export interface InstanceTypeSpec {
  /** EC2 instance type name, e.g. `'p5.48xlarge'`. */
  readonly name: string;
  /** Accelerator kind the instance carries; every chip on one instance is the same kind. */
  readonly accelerator: Accelerator;
  /** Accelerator chips per instance (GPUs, or Trainium chips), i.e. the device-plugin count. */
  readonly chips: number;
  /** Accelerator memory of the whole instance (all chips together), in GiB. */
  readonly acceleratorMemoryGiB: number;
  /** vCPUs per instance. */
  readonly vcpus: number;
  /** Host memory per instance, in GiB. */
  readonly memoryGiB: number;
  /**
   * Network cards usable for EFA (Elastic Fabric Adapter), i.e. how many EFA interfaces a node
   * gets one per card; 0 means the type does not support EFA and cannot do multi-node training.
   */
  readonly efaInterfaces: number;
  /** Network bandwidth per instance in Gbps; for "up to N Gbps" types, the burst figure N. */
  readonly networkBandwidthGbps: number;
  /** CPU architecture of the host, which decides the AMI and container images. */
  readonly architecture: 'x86_64' | 'arm64';
  /**
   * Linux on-demand price per instance-hour in us-east-1, USD. For a `capacityBlockOnly` type,
   * the EC2 Capacity Blocks effective hourly rate instead (there is no on-demand price).
   */
  readonly onDemandUsdPerHour: number;
  /** Date the price was seen, `YYYY-MM-DD`, so a reader knows how stale it may be. */
  readonly priceAsOf: string;
  /** Where the price is published. */
  readonly priceSource: string;
  /** Where the hardware figures are published. */
  readonly specSource: string;
  /**
   * Set when AWS sells the type only through EC2 Capacity Blocks for ML, not on demand; the
   * choosers skip such a type, because a node group asking for it on demand would never launch.
   */
  readonly capacityBlockOnly?: true;
}

/**
 * AWS's table of accelerated-computing specs: accelerators and their memory, vCPUs, memory,
 * network bandwidth, EFA support and network cards, all in one place for every type below.
 */
const SPEC_SOURCE = 'https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html';

/** AWS's on-demand price list (Linux, us-east-1 selected). */
const ON_DEMAND_PRICES = 'https://aws.amazon.com/ec2/pricing/on-demand/';
/** AWS's Capacity Blocks price list, the only published price for capacity-block-only types. */
const CAPACITY_BLOCK_PRICES = 'https://aws.amazon.com/ec2/capacityblocks/pricing/';

/**
 * Dates of the price snapshots. P4d/P4de/P5 were seen in a 2026-11-09 snapshot (post-cut: p5
 * $55.04, down from $98.32); P5en in a 2026-08-06 listing ($63.296 in us-east-1); the G and Trn1
 * figures in a Pricing API capture of 2026-08-17 (G and Trn1 were not part of the 2025 cut).
 */
const P_PRICES_AS_OF = '2026-11-09';
const P5EN_PRICE_AS_OF = '2026-08-06';
const G_AND_TRN_PRICES_AS_OF = '2026-08-17';

/** The fields that differ between sizes of one family. */
type Row = Pick<
  InstanceTypeSpec,
  'name' | 'chips' | 'acceleratorMemoryGiB' | 'vcpus' | 'memoryGiB' | 'networkBandwidthGbps' | 'efaInterfaces' | 'onDemandUsdPerHour'
>;

/** Fills the fields every size of a family shares, so each size below is one line of figures. */
function family(accelerator: Accelerator, priceAsOf: string): (row: Row) => InstanceTypeSpec {
  return (row) => ({
    ...row,
    accelerator,
    // Every type in this catalog has an Intel or AMD host; no Graviton host carries these chips.
    architecture: 'x86_64',
    priceAsOf,
    priceSource: ON_DEMAND_PRICES,
    specSource: SPEC_SOURCE,
  });
}

const p5 = family('h100', P_PRICES_AS_OF);
const p5en = family('h200', P5EN_PRICE_AS_OF);
const p4 = family('a100', P_PRICES_AS_OF);
const g6e = family('l40s', G_AND_TRN_PRICES_AS_OF);
const g6 = family('l4', G_AND_TRN_PRICES_AS_OF);
const g5 = family('a10g', G_AND_TRN_PRICES_AS_OF);
const trn1 = family('trainium', G_AND_TRN_PRICES_AS_OF);

/**
 * p5e.48xlarge (8 × H200, 32 EFA cards) has no on-demand price: AWS sells it through Capacity
 * Blocks, and not in us-east-1. The price is the Capacity Blocks effective rate in the US
 * regions that offer it (a 2026 snapshot of CAPACITY_BLOCK_PRICES); use it as an order of
 * magnitude only, since Capacity Block rates move with supply and demand.
 */
const P5E_48XLARGE: InstanceTypeSpec = {
  name: 'p5e.48xlarge',
  accelerator: 'h200',
  chips: 8,
  acceleratorMemoryGiB: 1128,
  vcpus: 192,
  memoryGiB: 2048,
  efaInterfaces: 32,
  networkBandwidthGbps: 3200,
  architecture: 'x86_64',
  onDemandUsdPerHour: 54.924,
  priceAsOf: P5EN_PRICE_AS_OF,
  priceSource: CAPACITY_BLOCK_PRICES,
  specSource: SPEC_SOURCE,
  capacityBlockOnly: true,
};

/**
 * The catalog. EFA on the G families (SPEC_SOURCE, EFA column): G5 and G6 support it from
 * 8xlarge up, on one network card; G6e from 8xlarge up, on 1 card except 24xlarge (2) and
 * 48xlarge (4). Sizes below 8xlarge have no EFA and cannot be picked for multi-node training.
 */
export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = Object.freeze([
  // H100: p5.4xlarge is the single-GPU P5 size (GA August 2025), one 100 Gbps EFA card.
  p5({ name: 'p5.4xlarge', chips: 1, acceleratorMemoryGiB: 80, vcpus: 16, memoryGiB: 256, networkBandwidthGbps: 100, efaInterfaces: 1, onDemandUsdPerHour: 6.88 }),
  p5({ name: 'p5.48xlarge', chips: 8, acceleratorMemoryGiB: 640, vcpus: 192, memoryGiB: 2048, networkBandwidthGbps: 3200, efaInterfaces: 32, onDemandUsdPerHour: 55.04 }),
  // H200: p5en has half p5e's cards but each is EFAv3 at 200 Gbps, so the same 3200 Gbps.
  P5E_48XLARGE,
  p5en({ name: 'p5en.48xlarge', chips: 8, acceleratorMemoryGiB: 1128, vcpus: 192, memoryGiB: 2048, networkBandwidthGbps: 3200, efaInterfaces: 16, onDemandUsdPerHour: 63.296 }),
  // A100: p4d has the 40 GB chip, p4de the 80 GB one; same host and network.
  p4({ name: 'p4d.24xlarge', chips: 8, acceleratorMemoryGiB: 320, vcpus: 96, memoryGiB: 1152, networkBandwidthGbps: 400, efaInterfaces: 4, onDemandUsdPerHour: 21.957642 }),
  p4({ name: 'p4de.24xlarge', chips: 8, acceleratorMemoryGiB: 640, vcpus: 96, memoryGiB: 1152, networkBandwidthGbps: 400, efaInterfaces: 4, onDemandUsdPerHour: 27.44705 }),
  // L40S (G6e): xlarge and 2xlarge are "up to 20 Gbps".
  g6e({ name: 'g6e.xlarge', chips: 1, acceleratorMemoryGiB: 48, vcpus: 4, memoryGiB: 32, networkBandwidthGbps: 20, efaInterfaces: 0, onDemandUsdPerHour: 1.861 }),
  g6e({ name: 'g6e.2xlarge', chips: 1, acceleratorMemoryGiB: 48, vcpus: 8, memoryGiB: 64, networkBandwidthGbps: 20, efaInterfaces: 0, onDemandUsdPerHour: 2.24208 }),
  g6e({ name: 'g6e.4xlarge', chips: 1, acceleratorMemoryGiB: 48, vcpus: 16, memoryGiB: 128, networkBandwidthGbps: 20, efaInterfaces: 0, onDemandUsdPerHour: 3.00424 }),
  g6e({ name: 'g6e.8xlarge', chips: 1, acceleratorMemoryGiB: 48, vcpus: 32, memoryGiB: 256, networkBandwidthGbps: 25, efaInterfaces: 1, onDemandUsdPerHour: 4.52856 }),
  g6e({ name: 'g6e.12xlarge', chips: 4, acceleratorMemoryGiB: 192, vcpus: 48, memoryGiB: 384, networkBandwidthGbps: 100, efaInterfaces: 1, onDemandUsdPerHour: 10.49264 }),
  g6e({ name: 'g6e.16xlarge', chips: 1, acceleratorMemoryGiB: 48, vcpus: 64, memoryGiB: 512, networkBandwidthGbps: 35, efaInterfaces: 1, onDemandUsdPerHour: 7.57719 }),
  g6e({ name: 'g6e.24xlarge', chips: 4, acceleratorMemoryGiB: 192, vcpus: 96, memoryGiB: 768, networkBandwidthGbps: 200, efaInterfaces: 2, onDemandUsdPerHour: 15.06559 }),
  g6e({ name: 'g6e.48xlarge', chips: 8, acceleratorMemoryGiB: 384, vcpus: 192, memoryGiB: 1536, networkBandwidthGbps: 400, efaInterfaces: 4, onDemandUsdPerHour: 30.13118 }),
  // L4 (G6): xlarge, 2xlarge are "up to 10 Gbps", 4xlarge "up to 25 Gbps".
  g6({ name: 'g6.xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 4, memoryGiB: 16, networkBandwidthGbps: 10, efaInterfaces: 0, onDemandUsdPerHour: 0.8048 }),
  g6({ name: 'g6.2xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 8, memoryGiB: 32, networkBandwidthGbps: 10, efaInterfaces: 0, onDemandUsdPerHour: 0.9776 }),
  g6({ name: 'g6.4xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 16, memoryGiB: 64, networkBandwidthGbps: 25, efaInterfaces: 0, onDemandUsdPerHour: 1.3232 }),
  g6({ name: 'g6.8xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 32, memoryGiB: 128, networkBandwidthGbps: 25, efaInterfaces: 1, onDemandUsdPerHour: 2.0144 }),
  g6({ name: 'g6.12xlarge', chips: 4, acceleratorMemoryGiB: 96, vcpus: 48, memoryGiB: 192, networkBandwidthGbps: 40, efaInterfaces: 1, onDemandUsdPerHour: 4.6016 }),
  g6({ name: 'g6.16xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 64, memoryGiB: 256, networkBandwidthGbps: 25, efaInterfaces: 1, onDemandUsdPerHour: 3.3968 }),
  g6({ name: 'g6.24xlarge', chips: 4, acceleratorMemoryGiB: 96, vcpus: 96, memoryGiB: 384, networkBandwidthGbps: 50, efaInterfaces: 1, onDemandUsdPerHour: 6.6752 }),
  g6({ name: 'g6.48xlarge', chips: 8, acceleratorMemoryGiB: 192, vcpus: 192, memoryGiB: 768, networkBandwidthGbps: 100, efaInterfaces: 1, onDemandUsdPerHour: 13.3504 }),
  // A10G (G5): same size ladder and network figures as G6.
  g5({ name: 'g5.xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 4, memoryGiB: 16, networkBandwidthGbps: 10, efaInterfaces: 0, onDemandUsdPerHour: 1.006 }),
  g5({ name: 'g5.2xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 8, memoryGiB: 32, networkBandwidthGbps: 10, efaInterfaces: 0, onDemandUsdPerHour: 1.212 }),
  g5({ name: 'g5.4xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 16, memoryGiB: 64, networkBandwidthGbps: 25, efaInterfaces: 0, onDemandUsdPerHour: 1.624 }),
  g5({ name: 'g5.8xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 32, memoryGiB: 128, networkBandwidthGbps: 25, efaInterfaces: 1, onDemandUsdPerHour: 2.448 }),
  g5({ name: 'g5.12xlarge', chips: 4, acceleratorMemoryGiB: 96, vcpus: 48, memoryGiB: 192, networkBandwidthGbps: 40, efaInterfaces: 1, onDemandUsdPerHour: 5.672 }),
  g5({ name: 'g5.16xlarge', chips: 1, acceleratorMemoryGiB: 24, vcpus: 64, memoryGiB: 256, networkBandwidthGbps: 25, efaInterfaces: 1, onDemandUsdPerHour: 4.096 }),
  g5({ name: 'g5.24xlarge', chips: 4, acceleratorMemoryGiB: 96, vcpus: 96, memoryGiB: 384, networkBandwidthGbps: 50, efaInterfaces: 1, onDemandUsdPerHour: 8.144 }),
  g5({ name: 'g5.48xlarge', chips: 8, acceleratorMemoryGiB: 192, vcpus: 192, memoryGiB: 768, networkBandwidthGbps: 100, efaInterfaces: 1, onDemandUsdPerHour: 16.288 }),
  // Trainium: trn1.2xlarge is "up to 12.5 Gbps" and has no EFA; trn1n doubles trn1's EFA cards.
  trn1({ name: 'trn1.2xlarge', chips: 1, acceleratorMemoryGiB: 32, vcpus: 8, memoryGiB: 32, networkBandwidthGbps: 12.5, efaInterfaces: 0, onDemandUsdPerHour: 1.34375 }),
  trn1({ name: 'trn1.32xlarge', chips: 16, acceleratorMemoryGiB: 512, vcpus: 128, memoryGiB: 512, networkBandwidthGbps: 800, efaInterfaces: 8, onDemandUsdPerHour: 21.5 }),
  trn1({ name: 'trn1n.32xlarge', chips: 16, acceleratorMemoryGiB: 512, vcpus: 128, memoryGiB: 512, networkBandwidthGbps: 1600, efaInterfaces: 16, onDemandUsdPerHour: 24.78 }),
]);
