import { KAFKA_BROKER_TYPES, MSK_MAX_STORAGE_GIB_PER_BROKER } from '../../../catalog/streaming-capacity';
import { brokerIngressMBps, kafkaClusterSizing, serverlessPartitions } from '../../../constructs/streaming/kafka-sizing';

describe('kafkaClusterSizing', () => {
  test('GIVEN 10 MB/s over 3 zones WHEN sized THEN three m7g.large brokers (one per zone), a day of retention, disk for it plus 25%', () => {
    const sizing = kafkaClusterSizing(10, 3);
    expect(sizing).toEqual({ brokerType: KAFKA_BROKER_TYPES[0], brokers: 3, zones: 3, retentionHours: 24, volumeGiB: Math.ceil(((10 * 3600 * 3) / 3 / 1024) * 24 * 1.25), partitions: 3 });
  });

  test('a broker takes half its EBS baseline, divided by the replication factor', () => {
    expect(brokerIngressMBps(KAFKA_BROKER_TYPES[0])).toBeCloseTo((78.75 * 0.5) / 3);
  });

  test('GIVEN 6 network zones WHEN sized THEN brokers spread over 3 (MSK takes two or three)', () => {
    expect(kafkaClusterSizing(10, 6).zones).toBe(3);
    expect(kafkaClusterSizing(10, 2)).toMatchObject({ zones: 2, brokers: 2 });
  });

  test('GIVEN a rate beyond 3 small brokers per zone WHEN sized THEN a larger type, broker count a multiple of the zones', () => {
    const sizing = kafkaClusterSizing(200, 3);
    expect(sizing.brokerType.name).not.toBe('kafka.m7g.large');
    expect(sizing.brokers % 3).toBe(0);
    expect(sizing.brokers).toBeLessThanOrEqual(9);
    expect(sizing.brokers * brokerIngressMBps(sizing.brokerType)).toBeGreaterThanOrEqual(200);
  });

  test('GIVEN the largest rate of the contract WHEN sized THEN the largest type within one cluster, retention shortened to what 16 TiB holds', () => {
    const sizing = kafkaClusterSizing(10000, 3);
    expect(sizing.brokerType.name).toBe('kafka.m7g.16xlarge');
    expect(sizing.brokers).toBe(24);
    expect(sizing.retentionHours).toBeLessThan(24);
    expect(sizing.retentionHours).toBeGreaterThanOrEqual(1);
    expect(sizing.volumeGiB).toBeLessThanOrEqual(MSK_MAX_STORAGE_GIB_PER_BROKER);
    expect(sizing.partitions).toBe(2016); // one per 5 MB/s (2000), a multiple of 24 brokers
  });

  test('throws when the network has fewer than two zones, or the rate is not positive', () => {
    expect(() => kafkaClusterSizing(10, 1)).toThrow('networkZones: must be a whole number of at least 2 (MSK needs two zones), got 1');
    expect(() => kafkaClusterSizing(-1, 3)).toThrow('mbPerSecond: must be a positive number, got -1');
  });

  test('MSK Serverless partitions: one per 5 MB/s, at least three', () => {
    expect(serverlessPartitions(1)).toBe(3);
    expect(serverlessPartitions(200)).toBe(40);
  });
});
