/**
 * How many shards a Kinesis data stream needs for `mbPerSecond` (NEEDS-v1.1
 * `data.streaming.mbPerSecond`), in provisioned mode: the catalog's `kinesisShardsFor`, one
 * shard per MB/s plus 25% for uneven partition keys.
 *
 * Why provisioned, not on-demand: the needs state the rate, so the stream can be sized for it
 * from the first second. An on-demand stream starts at 4 MB/s of write capacity and grows to
 * double its previous peak over about 15 minutes, so a producer that starts at 10 MB/s is
 * throttled first; and on-demand bills per GB written (about $0.08 per GB, so 10 MB/s is some
 * $2,000 a month) where 13 provisioned shards cost about $140. On-demand suits rates nobody
 * can state; a needs file states one.
 */
export { KINESIS_SHARD_HEADROOM, kinesisShardsFor as kinesisShards } from '../../catalog/streaming-capacity';

/** Hours a Kinesis stream keeps records: 24, the default and the most that costs nothing extra. */
export const KINESIS_RETENTION_HOURS = 24;
