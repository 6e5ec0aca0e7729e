import { HOURS_PER_MONTH } from '../../catalog/pricing';
import { FIREHOSE_PRICES, MSK_PRICES } from '../../catalog/data-pricing';
import { KAFKA_BROKER_TYPES } from '../../catalog/streaming-capacity';
import { costOf } from '../../stacks/cost-estimate';
import { dataFoundationCostAssumptions, dataFoundationCostLines, monthlyStreamGb } from '../../stacks/data-foundation-cost';
import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

const labels = (patch: Record<string, unknown>) => dataFoundationCostLines(needsWith(patch)).map((l) => l.label);

describe('dataFoundationCostLines', () => {
  test('GIVEN no streaming and no compliance THEN no lines and no assumptions (the cost table is as before)', () => {
    expect(dataFoundationCostLines(needsWith({}))).toEqual([]);
    expect(dataFoundationCostAssumptions(needsWith({}))).toEqual([]);
  });

  test('GIVEN kafka at 10 MB/s WHEN priced THEN brokers and storage of the sizing, Firehose per GB, the quality checks; min equals max', () => {
    const lines = dataFoundationCostLines(needsWith({ data: { streaming: { source: 'kafka' } } }));
    expect(lines.map((l) => l.label)).toEqual(['Kafka brokers (3 × kafka.m7g.large)', 'Kafka broker storage (3 × 1055 GiB)', 'Firehose into raw (25,664 GB)', 'Glue quality checks and partition crawler']);
    expect(lines[0].maxUsd).toBeCloseTo(3 * KAFKA_BROKER_TYPES[0].usdPerHour * HOURS_PER_MONTH, 2);
    expect(lines[1].maxUsd).toBeCloseTo(3 * 1055 * MSK_PRICES.storage.usd, 2);
    expect(lines[2].maxUsd).toBeCloseTo(monthlyStreamGb(10) * FIREHOSE_PRICES.fromMsk.usd, 2);
    for (const line of lines) expect(line.minUsd).toBe(line.maxUsd);
  });

  test('GIVEN kinesis THEN shards and PUT units instead of brokers', () => {
    expect(labels({ data: { streaming: { source: 'kinesis', mbPerSecond: 4 } } }).slice(0, 2)).toEqual(['Kinesis shards (5)', 'Kinesis PUT payload units']);
  });

  test('GIVEN the MSK Serverless exception THEN the serverless lines', () => {
    expect(labels({ data: { streaming: { source: 'kafka' } }, guardrails: { suppress: [{ rule: 'MSK_CMK', reason: 'synthetic events only, no customer data' }] } }).slice(0, 3)).toEqual([
      'MSK Serverless (cluster)',
      'MSK Serverless (3 partitions)',
      'MSK Serverless (data in and out, storage)',
    ]);
  });

  test('GIVEN compliance THEN Macie: sampled streamed data with a stream, bucket monitoring without one', () => {
    expect(labels({ business: { compliance: ['gdpr'] }, data: { streaming: { source: 'kafka' } } })).toContain('Macie (10% of streamed data, bucket monitoring)');
    expect(labels({ business: { compliance: ['gdpr'] } })).toEqual(['Macie bucket monitoring']);
  });
});

describe('costOf with the data foundation', () => {
  test('GIVEN a stream and no GPU cluster stack WHEN costed THEN the table holds the data lines and their total', () => {
    const needs = needsWith({
      strategy: 'hybrid',
      data: { streaming: { source: 'kinesis', mbPerSecond: 2 } },
      onPrem: { kubeContext: 'dc1', gpuNodes: 2, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' },
    });
    const cost = costOf(needs, selectStrategy(needs));
    expect(cost.lines.length).toBeGreaterThan(0);
    expect(cost.maxUsd).toBeCloseTo(cost.lines.reduce((sum, l) => sum + l.maxUsd, 0), 2);
    expect(cost.assumptions.join('; ')).toContain('data services at us-east-1 list prices');
  });

  test('GIVEN a cluster and a stream WHEN costed THEN the cluster lines come first, then the data lines, all in the total', () => {
    const needs = needsWith({ workload: { training: { accelerator: 'a10g', gpus: 1 } }, data: { streaming: { source: 'kafka' } } });
    const cost = costOf(needs, selectStrategy(needs));
    expect(cost.lines[0].label).toBe('EKS control plane');
    expect(cost.lines.map((l) => l.label)).toContain('Kafka brokers (3 × kafka.m7g.large)');
    expect(cost.minUsd).toBeCloseTo(cost.lines.reduce((sum, l) => sum + l.minUsd, 0), 2);
  });
});
