/**
 * How big an MSK provisioned cluster must be to take `mbPerSecond` (NEEDS-v1.1
 * `data.streaming.mbPerSecond`): broker type and count, disk, retention and partitions. Pure,
 * so the cluster construct and the preview's cost table read the same plan.
 *
 * Why EBS throughput decides: with replication factor 3 every ingested byte is written to three
 * brokers' disks, so the cluster writes 3 × ingress; each broker's share must stay under half its
 * EBS baseline (the other half is headroom for a broker being replaced, replicas catching up and
 * consumers re-reading). Network bandwidth of the m7g types is several times their EBS baseline,
 * so EBS is the first limit. This follows the sizing reasoning of "Best practices for right-sizing
 * your Apache Kafka clusters" (AWS Big Data Blog, 2020).
 *
 * | step          | rule                                                                                   |
 * |---------------|----------------------------------------------------------------------------------------|
 * | zones         | min(network zones, 3): MSK spreads brokers over two or three zones                     |
 * | broker type   | the smallest m7g type that needs at most 3 brokers per zone; else the largest          |
 * | brokers       | ceil(mbPerSecond / per-broker ingress), at least one per zone, a multiple of the zones |
 * | retention     | 24 hours, shortened to what 16 TiB per broker holds at this rate                       |
 * | disk          | retention × rate × 3 / brokers, plus 25%                                               |
 * | partitions    | one per 5 MB/s, at least one per broker, a multiple of the brokers                     |
 */
import {
  KAFKA_BROKER_TYPES,
  MSK_MAX_BROKERS_PER_CLUSTER,
  MSK_MAX_STORAGE_GIB_PER_BROKER,
  MSK_MAX_ZONES,
  MSK_SERVERLESS_PARTITION_MAX_INGRESS_MBPS,
  type KafkaBrokerType,
} from '../../catalog/streaming-capacity';
import { StreamingError } from './streaming-error';

/** Copies of each partition: three survive a zone and keep writes going with one broker down. */
export const KAFKA_REPLICATION_FACTOR = 3;
/** In-sync replicas a write waits for (acks=all): two of three, so one broker may be down. */
export const KAFKA_MIN_INSYNC_REPLICAS = 2;
/** Share of a broker's EBS baseline that steady writes may use; the rest is headroom. */
export const BROKER_EBS_UTILIZATION = 0.5;
/** Brokers per zone before a larger broker type is preferred (fewer, larger brokers rebalance faster). */
export const PREFERRED_BROKERS_PER_ZONE = 3;
/**
 * Hours Kafka keeps records: a day lets Firehose catch up after a day-long delivery outage
 * (the raw zone keeps the data for good; Kafka is only the buffer in front of it). It is also
 * MSK Serverless's maximum, so both deployments promise the same.
 */
export const KAFKA_RETENTION_HOURS = 24;
/** Disk headroom over what the retention holds: segments roll and delete in steps, not continuously. */
export const KAFKA_DISK_HEADROOM = 1.25;
/** MB/s per partition: MSK Serverless's per-partition ingress limit, used for both deployments so a topic moves between them. */
export const KAFKA_PARTITION_MBPS = MSK_SERVERLESS_PARTITION_MAX_INGRESS_MBPS;

/** The plan of a provisioned cluster. */
export interface KafkaClusterSizing {
  readonly brokerType: KafkaBrokerType;
  /** Brokers in the cluster, a multiple of `zones`. */
  readonly brokers: number;
  /** Zones (and client subnets) the brokers spread over. */
  readonly zones: number;
  /** EBS volume of each broker, in GiB. */
  readonly volumeGiB: number;
  /** Hours records stay in Kafka (`log.retention.hours`). */
  readonly retentionHours: number;
  /** Partitions of the ingest topic (`num.partitions`). */
  readonly partitions: number;
}

function roundUpToMultiple(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/** What one broker of a type may ingest, in MB/s. */
export function brokerIngressMBps(type: KafkaBrokerType): number {
  return (type.ebsBaselineMBps * BROKER_EBS_UTILIZATION) / KAFKA_REPLICATION_FACTOR;
}

/**
 * The cluster for `mbPerSecond` over `networkZones` zones.
 * @throws StreamingError when the rate is not a positive number or no single cluster takes it.
 */
export function kafkaClusterSizing(mbPerSecond: number, networkZones: number): KafkaClusterSizing {
  if (!(mbPerSecond > 0)) throw new StreamingError('mbPerSecond', `must be a positive number, got ${mbPerSecond}`);
  if (!Number.isInteger(networkZones) || networkZones < 2) throw new StreamingError('networkZones', `must be a whole number of at least 2 (MSK needs two zones), got ${networkZones}`);
  const zones = Math.min(networkZones, MSK_MAX_ZONES);
  const brokersFor = (type: KafkaBrokerType) => Math.max(zones, roundUpToMultiple(Math.ceil(mbPerSecond / brokerIngressMBps(type)), zones));
  const preferred = KAFKA_BROKER_TYPES.find((type) => brokersFor(type) <= PREFERRED_BROKERS_PER_ZONE * zones);
  const brokerType = preferred ?? KAFKA_BROKER_TYPES[KAFKA_BROKER_TYPES.length - 1];
  const brokers = brokersFor(brokerType);
  if (brokers > MSK_MAX_BROKERS_PER_CLUSTER) {
    throw new StreamingError('mbPerSecond', `${mbPerSecond} MB/s needs ${brokers} ${brokerType.name} brokers, more than the ${MSK_MAX_BROKERS_PER_CLUSTER} of one MSK cluster; split the stream`);
  }
  const gibPerHour = (mbPerSecond * 3600 * KAFKA_REPLICATION_FACTOR) / brokers / 1024;
  const retentionHours = Math.min(KAFKA_RETENTION_HOURS, Math.floor(MSK_MAX_STORAGE_GIB_PER_BROKER / (gibPerHour * KAFKA_DISK_HEADROOM)));
  if (retentionHours < 1) {
    throw new StreamingError('mbPerSecond', `${mbPerSecond} MB/s fills the ${MSK_MAX_STORAGE_GIB_PER_BROKER} GiB of each broker in under an hour; split the stream`);
  }
  const volumeGiB = Math.min(MSK_MAX_STORAGE_GIB_PER_BROKER, Math.ceil(gibPerHour * retentionHours * KAFKA_DISK_HEADROOM));
  const partitions = roundUpToMultiple(Math.max(brokers, Math.ceil(mbPerSecond / KAFKA_PARTITION_MBPS)), brokers);
  return { brokerType, brokers, zones, volumeGiB, retentionHours, partitions };
}

/** Partitions of the ingest topic on MSK Serverless: one per 5 MB/s (its per-partition limit), at least three. */
export function serverlessPartitions(mbPerSecond: number): number {
  return Math.max(3, Math.ceil(mbPerSecond / MSK_SERVERLESS_PARTITION_MAX_INGRESS_MBPS));
}
