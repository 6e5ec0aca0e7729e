/**
 * What streams can carry, for sizing them: the MSK Standard broker types of the Graviton m7g
 * family with their EBS baseline throughput (the resource a Kafka broker exhausts first when
 * every byte is written to disk three times) and their list price, the MSK and MSK Serverless
 * quotas a cluster must fit in, and the shards a Kinesis data stream needs for a rate.
 *
 * Prices: us-east-1 on-demand broker-hours from https://aws.amazon.com/msk/pricing/ as of
 * PRICE_AS_OF; other regions differ by a few to tens of percent.
 * EBS baselines: the EC2 m7g instance family's EBS-optimized baseline bandwidth
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html#gp_storage-ebs), in MB/s.
 * Quotas: https://docs.aws.amazon.com/msk/latest/developerguide/limits.html.
 */
import { CatalogError } from './catalog-error';

/** The date the broker prices were read. */
export const KAFKA_BROKER_PRICE_AS_OF = '2026-11-01';
/** Where the broker prices come from. */
export const KAFKA_BROKER_PRICE_SOURCE = 'https://aws.amazon.com/msk/pricing/';

/** One MSK Standard broker type. */
export interface KafkaBrokerType {
  /** The MSK instance type, e.g. `kafka.m7g.large`. */
  readonly name: string;
  /** EBS-optimized baseline throughput of the broker's instance, in MB/s. */
  readonly ebsBaselineMBps: number;
  /** On-demand price of one broker-hour in us-east-1, in USD. */
  readonly usdPerHour: number;
}

/**
 * The m7g broker types, smallest first. Graviton brokers cost less per broker-hour than m5 for
 * the same size; t3.small is left out because multi-VPC private connectivity (which Firehose
 * needs to read the cluster) does not support it.
 */
export const KAFKA_BROKER_TYPES: readonly KafkaBrokerType[] = [
  { name: 'kafka.m7g.large', ebsBaselineMBps: 78.75, usdPerHour: 0.204 },
  { name: 'kafka.m7g.xlarge', ebsBaselineMBps: 157.5, usdPerHour: 0.408 },
  { name: 'kafka.m7g.2xlarge', ebsBaselineMBps: 315, usdPerHour: 0.816 },
  { name: 'kafka.m7g.4xlarge', ebsBaselineMBps: 625, usdPerHour: 1.632 },
  { name: 'kafka.m7g.8xlarge', ebsBaselineMBps: 1250, usdPerHour: 3.264 },
  { name: 'kafka.m7g.12xlarge', ebsBaselineMBps: 1875, usdPerHour: 4.896 },
  { name: 'kafka.m7g.16xlarge', ebsBaselineMBps: 2500, usdPerHour: 6.528 },
];

/** Standard brokers per ZooKeeper-based cluster (MSK quota; KRaft clusters allow 60). */
export const MSK_MAX_BROKERS_PER_CLUSTER = 30;
/** The largest EBS volume of one Standard broker, in GiB (MSK quota). */
export const MSK_MAX_STORAGE_GIB_PER_BROKER = 16384;
/** Availability zones an MSK cluster spreads its brokers over: two or three (the broker count is a multiple). */
export const MSK_MAX_ZONES = 3;

/** MSK Serverless: the most a cluster ingests, in MB/s (MSK Serverless quota). */
export const MSK_SERVERLESS_MAX_INGRESS_MBPS = 200;
/** MSK Serverless: the most one partition ingests, in MB/s (MSK Serverless quota). */
export const MSK_SERVERLESS_PARTITION_MAX_INGRESS_MBPS = 5;
/** MSK Serverless: partitions per cluster (MSK Serverless quota). */
export const MSK_SERVERLESS_MAX_PARTITIONS = 120;

/** Kinesis Data Streams: what one shard accepts, in MB/s (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). */
export const KINESIS_SHARD_WRITE_MBPS = 1;
/**
 * Kinesis Data Streams: shards per account and region by default; 500 in us-east-1, us-west-2
 * and eu-west-1, 200 in the other regions (same page). A stream past it needs a quota increase.
 */
export const KINESIS_DEFAULT_SHARD_QUOTA = 200;

/**
 * Capacity over the stated rate when sizing Kinesis shards, for partition-key skew: one hot key
 * fills its shard while others idle.
 */
export const KINESIS_SHARD_HEADROOM = 1.25;

/**
 * Shards of a provisioned Kinesis data stream for `mbPerSecond`:
 * ceil(mbPerSecond × KINESIS_SHARD_HEADROOM / KINESIS_SHARD_WRITE_MBPS).
 * @throws CatalogError when the rate is not a positive number.
 */
export function kinesisShardsFor(mbPerSecond: number): number {
  if (!(mbPerSecond > 0)) throw new CatalogError(`mbPerSecond must be a positive number, got ${mbPerSecond}`);
  return Math.ceil((mbPerSecond * KINESIS_SHARD_HEADROOM) / KINESIS_SHARD_WRITE_MBPS);
}
