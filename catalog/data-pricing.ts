/**
 * List prices of the services the data foundation adds to a lakehouse (streaming, PII detection,
 * quality checks), us-east-1, as of DATA_PRICES_AS_OF, each with the page it comes from. Other
 * regions differ by a few to tens of percent. The preview prices the needs with these; they are
 * estimates, not quotes. Kafka broker-hours live with the broker types (./kafka-brokers).
 */

/** The date these prices were read. */
export const DATA_PRICES_AS_OF = '2026-11-01';

/** A price and where it was read. */
export interface ListPrice {
  readonly usd: number;
  /** What one unit is. */
  readonly per: string;
  readonly source: string;
}

/** Amazon MSK (https://aws.amazon.com/msk/pricing/). */
export const MSK_PRICES = {
  /** Provisioned broker storage. */
  storage: { usd: 0.1, per: 'GB-month', source: 'https://aws.amazon.com/msk/pricing/' },
  serverlessCluster: { usd: 0.75, per: 'cluster-hour', source: 'https://aws.amazon.com/msk/pricing/' },
  serverlessPartition: { usd: 0.0015, per: 'partition-hour', source: 'https://aws.amazon.com/msk/pricing/' },
  serverlessIngress: { usd: 0.1, per: 'GB written', source: 'https://aws.amazon.com/msk/pricing/' },
  serverlessEgress: { usd: 0.05, per: 'GB read', source: 'https://aws.amazon.com/msk/pricing/' },
  serverlessStorage: { usd: 0.1, per: 'GB-month', source: 'https://aws.amazon.com/msk/pricing/' },
} as const satisfies Record<string, ListPrice>;

/** Amazon Kinesis Data Streams, provisioned mode (https://aws.amazon.com/kinesis/data-streams/pricing/). */
export const KINESIS_PRICES = {
  shard: { usd: 0.015, per: 'shard-hour', source: 'https://aws.amazon.com/kinesis/data-streams/pricing/' },
  /** A PUT payload unit is a 25 KB chunk of a record. */
  putPayloadUnits: { usd: 0.014, per: 'million PUT payload units', source: 'https://aws.amazon.com/kinesis/data-streams/pricing/' },
} as const satisfies Record<string, ListPrice>;

/** KB in one Kinesis PUT payload unit. */
export const KINESIS_PUT_PAYLOAD_UNIT_KB = 25;

/**
 * Amazon Data Firehose ingestion, first 500 TB a month (https://aws.amazon.com/firehose/pricing/).
 * Records from Kinesis Data Streams are billed in 5 KB increments, so small records cost more
 * than their bytes. The MSK-source price is an ASSUMPTION read as the same tier's MSK line;
 * check the pricing page before relying on it.
 */
export const FIREHOSE_PRICES = {
  fromKinesis: { usd: 0.029, per: 'GB ingested (5 KB increments)', source: 'https://aws.amazon.com/firehose/pricing/' },
  fromMsk: { usd: 0.055, per: 'GB ingested', source: 'https://aws.amazon.com/firehose/pricing/' },
} as const satisfies Record<string, ListPrice>;

/** Amazon Macie (https://aws.amazon.com/macie/pricing/). */
export const MACIE_PRICES = {
  /** Sensitive data discovery, first 50 TB a month. */
  inspected: { usd: 1.0, per: 'GB inspected', source: 'https://aws.amazon.com/macie/pricing/' },
  /** Bucket inventory and monitoring. */
  bucket: { usd: 0.1, per: 'bucket-month', source: 'https://aws.amazon.com/macie/pricing/' },
} as const satisfies Record<string, ListPrice>;

/** AWS Glue crawlers and Data Quality runs (https://aws.amazon.com/glue/pricing/). */
export const GLUE_PRICES = {
  dpu: { usd: 0.44, per: 'DPU-hour', source: 'https://aws.amazon.com/glue/pricing/' },
} as const satisfies Record<string, ListPrice>;
