import { firehoseBuffering } from '../../../constructs/streaming/firehose-buffering';

describe('firehoseBuffering', () => {
  test.each([
    [10, 5, { intervalSeconds: 0, sizeMb: 50 }],
    [1, 1, { intervalSeconds: 0, sizeMb: 1 }],
    [20, 60, { intervalSeconds: 55, sizeMb: 128 }],
    [1, 900, { intervalSeconds: 895, sizeMb: 128 }],
  ])('GIVEN %p MB/s and a %p s target WHEN buffered THEN %j', (mbPerSecond, latencySeconds, expected) => {
    expect(firehoseBuffering(mbPerSecond, latencySeconds)).toEqual(expected);
  });

  test('throws when the latency is outside what Firehose can buffer', () => {
    expect(() => firehoseBuffering(10, 901)).toThrow("latencySeconds: must be a whole number of seconds from 1 to 900 (Firehose's longest interval), got 901");
    expect(() => firehoseBuffering(0, 5)).toThrow('mbPerSecond: must be a positive number, got 0');
  });
});
