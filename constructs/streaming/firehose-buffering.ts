/**
 * Firehose buffering hints that deliver into S3 within `latencySeconds` (NEEDS-v1.1
 * `data.streaming.latencySeconds`). Firehose writes a buffer out when it reaches the size or
 * the interval, whichever comes first (https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html;
 * S3 takes 1-128 MB and 0-900 s).
 *
 * - interval = latencySeconds − DELIVERY_OVERHEAD_SECONDS, at least 0. An interval of 0 is
 *   Firehose's zero buffering: records go out "within a few seconds", which is what a 5-second
 *   target asks for. Under 60 s Firehose writes to S3 with multipart uploads, so more PUTs.
 * - size = what arrives in latencySeconds at mbPerSecond, within 1-128 MB: at high rates the
 *   buffer fills before the interval ends, and delivery is faster still.
 *
 * Firehose treats both as hints; the CloudWatch alarm on DeliveryToS3.DataFreshness is what
 * tells when the target is missed.
 */
import { StreamingError } from './streaming-error';

/** Seconds Firehose takes to write a full buffer to S3, reserved out of the latency target. */
export const DELIVERY_OVERHEAD_SECONDS = 5;
/** S3 destination limits of the buffering hints. */
export const S3_BUFFER_LIMITS = { minMb: 1, maxMb: 128, minSeconds: 0, maxSeconds: 900 } as const;

/** Buffering hints of an S3 destination. */
export interface FirehoseBuffering {
  readonly intervalSeconds: number;
  readonly sizeMb: number;
}

/** Hints for `latencySeconds` at `mbPerSecond`. @throws StreamingError for a latency outside 1-900 s or a non-positive rate. */
export function firehoseBuffering(mbPerSecond: number, latencySeconds: number): FirehoseBuffering {
  if (!(mbPerSecond > 0)) throw new StreamingError('mbPerSecond', `must be a positive number, got ${mbPerSecond}`);
  if (!Number.isInteger(latencySeconds) || latencySeconds < 1 || latencySeconds > S3_BUFFER_LIMITS.maxSeconds) {
    throw new StreamingError('latencySeconds', `must be a whole number of seconds from 1 to ${S3_BUFFER_LIMITS.maxSeconds} (Firehose's longest interval), got ${latencySeconds}`);
  }
  const intervalSeconds = Math.max(S3_BUFFER_LIMITS.minSeconds, latencySeconds - DELIVERY_OVERHEAD_SECONDS);
  const sizeMb = Math.min(S3_BUFFER_LIMITS.maxMb, Math.max(S3_BUFFER_LIMITS.minMb, Math.ceil(mbPerSecond * latencySeconds)));
  return { intervalSeconds, sizeMb };
}
