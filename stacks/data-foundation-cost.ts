/**
 * Monthly cost lines of the data foundation (streaming, PII detection, quality checks) for the
 * preview's cost table, from the same plan and sizing the lakehouse stack builds from
 * (constructs/data-foundation/data-foundation-plan, constructs/streaming/*-sizing), priced with
 * catalog/data-pricing.ts and catalog/streaming-capacity.ts (us-east-1 list prices with their
 * date and source). Streams run around the clock at `mbPerSecond`, so min and max scale are the
 * same. Pure.
 */
import { DATA_PRICES_AS_OF, FIREHOSE_PRICES, GLUE_PRICES, KINESIS_PRICES, KINESIS_PUT_PAYLOAD_UNIT_KB, MACIE_PRICES, MSK_PRICES } from '../catalog/data-pricing';
import { HOURS_PER_MONTH } from '../catalog/pricing';
import { KAFKA_BROKER_PRICE_AS_OF, kinesisShardsFor } from '../catalog/streaming-capacity';
import { dataFoundationPlan } from '../constructs/data-foundation/data-foundation-plan';
import { DEFAULT_SAMPLING_PERCENTAGE } from '../constructs/governance/pii-detection';
import { evaluationIntervalMinutes } from '../constructs/quality/quality-rules';
import { EVALUATION_WORKERS } from '../constructs/quality/quality-checks';
import { KAFKA_RETENTION_HOURS, kafkaClusterSizing, serverlessPartitions } from '../constructs/streaming/kafka-sizing';
import type { Needs } from '../needs/schema';
import type { CostLine } from '../stacks/gpu-capacity-plan';

/** Seconds in the 730-hour month of the estimates. */
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Days in that month. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/**
 * ASSUMPTION: minutes of one quality evaluation (Glue starts workers, reads the window, evaluates);
 * Glue bills per second with a one-minute minimum, so short runs cost about this.
 */
export const ASSUMED_EVALUATION_MINUTES = 5;
/** ASSUMPTION: DPU-hours of one hourly crawl in event mode (Glue bills crawlers with a 10-minute minimum; one DPU assumed). */
export const ASSUMED_CRAWL_DPU_HOURS = 10 / 60;

/** Lakehouse buckets Macie monitors (raw, curated, models, logs). */
const LAKEHOUSE_BUCKETS = 4;

function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function line(label: string, usd: number): CostLine {
  const value = cents(usd);
  return { label, minUsd: value, maxUsd: value };
}

/** GB a stream of `mbPerSecond` carries in a month. */
export function monthlyStreamGb(mbPerSecond: number): number {
  return (mbPerSecond * SECONDS_PER_MONTH) / 1024;
}

/** The cost lines; empty when the needs call for no data foundation. */
export function dataFoundationCostLines(needs: Needs): CostLine[] {
  const plan = dataFoundationPlan(needs);
  if (!plan) return [];
  const lines: CostLine[] = [];
  const streaming = plan.streaming;
  const gb = streaming ? monthlyStreamGb(streaming.mbPerSecond) : 0;
  if (streaming?.source === 'kafka' && plan.kafkaDeployment === 'serverless') {
    const partitions = serverlessPartitions(streaming.mbPerSecond);
    const storedGb = (streaming.mbPerSecond * 3600 * KAFKA_RETENTION_HOURS) / 1024;
    lines.push(line('MSK Serverless (cluster)', MSK_PRICES.serverlessCluster.usd * HOURS_PER_MONTH));
    lines.push(line(`MSK Serverless (${partitions} partitions)`, MSK_PRICES.serverlessPartition.usd * partitions * HOURS_PER_MONTH));
    lines.push(line('MSK Serverless (data in and out, storage)', gb * (MSK_PRICES.serverlessIngress.usd + MSK_PRICES.serverlessEgress.usd) + storedGb * MSK_PRICES.serverlessStorage.usd));
  } else if (streaming?.source === 'kafka') {
    const sizing = kafkaClusterSizing(streaming.mbPerSecond, needs.cloud.availabilityZones);
    lines.push(line(`Kafka brokers (${sizing.brokers} × ${sizing.brokerType.name})`, sizing.brokers * sizing.brokerType.usdPerHour * HOURS_PER_MONTH));
    lines.push(line(`Kafka broker storage (${sizing.brokers} × ${sizing.volumeGiB} GiB)`, sizing.brokers * sizing.volumeGiB * MSK_PRICES.storage.usd));
  } else if (streaming?.source === 'kinesis') {
    const shards = kinesisShardsFor(streaming.mbPerSecond);
    const putUnitsMillions = (gb * 1024 * 1024) / KINESIS_PUT_PAYLOAD_UNIT_KB / 1e6;
    lines.push(line(`Kinesis shards (${shards})`, shards * KINESIS_PRICES.shard.usd * HOURS_PER_MONTH));
    lines.push(line('Kinesis PUT payload units', putUnitsMillions * KINESIS_PRICES.putPayloadUnits.usd));
  }
  if (streaming) {
    const price = streaming.source === 'kafka' ? FIREHOSE_PRICES.fromMsk : FIREHOSE_PRICES.fromKinesis;
    lines.push(line(`Firehose into raw (${Math.round(gb).toLocaleString('en-US')} GB)`, gb * price.usd));
  }
  if (plan.quality) {
    const runs = (DAYS_PER_MONTH * 1440) / evaluationIntervalMinutes(plan.quality.freshnessMinutes);
    const dpuHours = runs * EVALUATION_WORKERS * (ASSUMED_EVALUATION_MINUTES / 60) + HOURS_PER_MONTH * ASSUMED_CRAWL_DPU_HOURS;
    lines.push(line('Glue quality checks and partition crawler', dpuHours * GLUE_PRICES.dpu.usd));
  }
  if (plan.piiDetection) {
    const inspected = streaming ? (gb * DEFAULT_SAMPLING_PERCENTAGE) / 100 : 0;
    lines.push(line(streaming ? `Macie (${DEFAULT_SAMPLING_PERCENTAGE}% of streamed data, bucket monitoring)` : 'Macie bucket monitoring', inspected * MACIE_PRICES.inspected.usd + LAKEHOUSE_BUCKETS * MACIE_PRICES.bucket.usd));
  }
  return lines;
}

/** The assumptions behind the data lines, for people; empty without a data foundation. */
export function dataFoundationCostAssumptions(needs: Needs): string[] {
  const plan = dataFoundationPlan(needs);
  if (!plan) return [];
  const notes = [`data services at us-east-1 list prices of ${DATA_PRICES_AS_OF} (Kafka brokers ${KAFKA_BROKER_PRICE_AS_OF}), streams running all month at data.streaming.mbPerSecond`];
  if (plan.quality) notes.push(`quality evaluations assumed ${ASSUMED_EVALUATION_MINUTES} minutes each`);
  if (plan.piiDetection) notes.push('Macie priced for streamed data only: batch writes into raw and curated are classified too, at $1 per GB sampled');
  return notes;
}
