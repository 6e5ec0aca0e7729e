import { CACHE_REREAD_FACTOR, cacheRule } from '../../optimize/cache-rule';
import { needsWith } from '../support/needs-fixtures';
import { WEEK_HOURS, metricData, seriesOf } from '../support/metrics';

const needs = needsWith({ data: { volumeTb: 100 } });
const TB = 1e12;
const hourlyBytes = (totalTb: number) => Array.from({ length: WEEK_HOURS }, () => (totalTb * TB) / WEEK_HOURS);

describe('cache', () => {
  test('GIVEN a week of reads of 3.5 × data.volumeTb THEN cache, with the share re-read (pigeonhole), change null, saving 0', () => {
    const result = cacheRule(needs, seriesOf(metricData([{ Id: 'reads', Label: 'BytesDownloaded', values: hourlyBytes(350) }, { Id: 'gets', Label: 'GetRequests', values: Array.from({ length: WEEK_HOURS }, () => 10_000) }])), false);
    expect(result.proposal?.rule).toBe('cache');
    expect(result.proposal?.edit).toBeUndefined();
    expect(result.proposal?.detail).toContain('the lakehouse served 350.0 TB in 1,680,000 GET requests, 3.5× the 100.0 TB stored (data.volumeTb): at least 71% of the bytes read had been read before.');
    expect(result.proposal?.detail).toContain('the saving is GPU time, not S3 charges');
  });

  test('GIVEN BucketSizeBytes THEN the stored bytes come from it (latest value, summed over storage types)', () => {
    const series = seriesOf(metricData([
      { Id: 'reads', Label: 'BytesDownloaded', values: hourlyBytes(90) },
      { Id: 'standard', Label: 'BucketSizeBytes StandardStorage', values: [50 * TB, 20 * TB] },
      { Id: 'ia', Label: 'BucketSizeBytes StandardIAStorage', values: [5 * TB, 10 * TB] },
    ]));
    expect(cacheRule(needs, series, true).proposal?.detail).toContain('3.0× the 30.0 TB stored (BucketSizeBytes)');
    expect(cacheRule(needs, series, true).proposal?.detail).toContain('The training GPUs also ran under 30%: they may be waiting on these reads, so cache before scaling them down.');
  });

  test(`GIVEN reads under ${CACHE_REREAD_FACTOR} × the stored bytes THEN nothing`, () => {
    expect(cacheRule(needs, seriesOf(metricData([{ Id: 'reads', Label: 'BytesDownloaded', values: hourlyBytes(299) }])), false)).toEqual({});
  });

  test('GIVEN no S3 read metrics THEN a note says what to enable', () => {
    expect(cacheRule(needs, [], false)).toEqual({ note: 'cache: no S3 BytesDownloaded in the metrics (enable request metrics on the lakehouse bucket and export them), so repeated reads cannot be seen: not evaluated' });
  });
});
