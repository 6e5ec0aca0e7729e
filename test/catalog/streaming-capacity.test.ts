import { KAFKA_BROKER_TYPES, KINESIS_SHARD_HEADROOM, kinesisShardsFor } from '../../catalog/streaming-capacity';

describe('streaming capacity', () => {
  test('broker types go from smallest to largest, in EBS throughput and price alike', () => {
    for (let i = 1; i < KAFKA_BROKER_TYPES.length; i++) {
      expect(KAFKA_BROKER_TYPES[i].ebsBaselineMBps).toBeGreaterThan(KAFKA_BROKER_TYPES[i - 1].ebsBaselineMBps);
      expect(KAFKA_BROKER_TYPES[i].usdPerHour).toBeGreaterThan(KAFKA_BROKER_TYPES[i - 1].usdPerHour);
    }
  });

  test.each([
    [1, 2],
    [10, 13],
    [16, 20],
    [10000, 12500],
  ])('GIVEN %p MB/s WHEN shards are sized THEN %p shards (1 MB/s each, 25%% headroom)', (mbPerSecond, shards) => {
    expect(KINESIS_SHARD_HEADROOM).toBe(1.25);
    expect(kinesisShardsFor(mbPerSecond)).toBe(shards);
  });

  test('throws when the rate is not positive', () => {
    expect(() => kinesisShardsFor(0)).toThrow('mbPerSecond must be a positive number, got 0');
  });
});
