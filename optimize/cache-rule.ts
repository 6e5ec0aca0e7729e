/**
 * Rule `cache`: data read again and again from the lakehouse bucket is hot, and belongs in a
 * cache next to the GPUs (FSx for Lustre linked to the bucket, S3 Express One Zone, or the
 * nodes' local NVMe), not fetched from S3 on every epoch.
 *
 * Reads: S3 request metrics `BytesDownloaded` (Sum per period) of the bucket, and the bytes
 * stored: `BucketSizeBytes` when the export has it (the latest value of each series, summed
 * over storage types), else `data.volumeTb` of the needs file (decimal TB). When the window's
 * bytes read reach {@link CACHE_REREAD_FACTOR} times the bytes stored, at least
 * (factor − 1) ÷ factor of what was read had been read before in the window: that is a fact
 * (pigeonhole), not an estimate. `GetRequests`, when present, is quoted as evidence.
 *
 * What it cannot price: reads from S3 into EC2 in the same region carry no transfer charge, and
 * the needs file has no cache field yet, so the change is null and monthlySavingsUsd is 0; the
 * gain is GPU time no longer spent waiting on reads. When the training GPUs are also sustained
 * under 30%, the detail says so: they may be starved by reads, so cache before scaling down.
 */
import type { Needs } from '../needs/schema';
import type { MetricSeries } from './metric-series';
import type { Proposal } from './recommendation';

/** Reads of at least this many times the stored bytes mark the data hot. */
export const CACHE_REREAD_FACTOR = 3;
/** Bytes in a decimal terabyte, the unit of `data.volumeTb`. */
const BYTES_PER_TB = 1e12;

function total(series: readonly MetricSeries[]): number {
  return series.reduce((sum, s) => sum + s.points.reduce((inner, p) => inner + p.v, 0), 0);
}

function terabytes(bytes: number): string {
  return `${(bytes / BYTES_PER_TB).toFixed(1)} TB`;
}

/** The rule's proposal, a note saying what is missing, or nothing when the data is not hot. */
export function cacheRule(needs: Needs, series: readonly MetricSeries[], trainingIdle: boolean): { readonly proposal?: Proposal; readonly note?: string } {
  const reads = series.filter((s) => s.metric.kind === 'bytes-read');
  if (reads.length === 0) return { note: 'cache: no S3 BytesDownloaded in the metrics (enable request metrics on the lakehouse bucket and export them), so repeated reads cannot be seen: not evaluated' };
  const sizes = series.filter((s) => s.metric.kind === 'stored-bytes');
  const stored = sizes.length > 0 ? sizes.reduce((sum, s) => sum + s.points[s.points.length - 1].v, 0) : needs.data.volumeTb * BYTES_PER_TB;
  const storedFrom = sizes.length > 0 ? 'BucketSizeBytes' : 'data.volumeTb';
  const read = total(reads);
  if (stored <= 0) return { note: 'cache: BucketSizeBytes is 0, so there is nothing stored to re-read' };
  const factor = read / stored;
  if (factor < CACHE_REREAD_FACTOR) return {};
  const gets = series.filter((s) => s.metric.kind === 'get-requests');
  const requests = gets.length > 0 ? ` in ${Math.round(total(gets)).toLocaleString('en-US')} GET requests` : '';
  const repeated = Math.round(((factor - 1) / factor) * 100);
  const starved = trainingIdle ? ' The training GPUs also ran under 30%: they may be waiting on these reads, so cache before scaling them down.' : '';
  return {
    proposal: {
      rule: 'cache',
      detail:
        `the lakehouse served ${terabytes(read)}${requests}, ${factor.toFixed(1)}× the ${terabytes(stored)} stored (${storedFrom}): at least ${repeated}% of the bytes read had been read before. ` +
        'Put the hot data next to the GPUs: FSx for Lustre linked to the bucket, S3 Express One Zone, or the nodes\' local NVMe; the needs file has no cache field yet, so nothing changes there, ' +
        `and the saving is GPU time, not S3 charges (in-region transfer to EC2 is free).${starved}`,
    },
  };
}
