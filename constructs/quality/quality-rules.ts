/**
 * The DQDL ruleset of the stream table from `data.quality` (NEEDS-v1.1), a pure function:
 *
 * - `Completeness "<column>" >= completenessPct / 100` for every checked envelope column
 *   (https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-Completeness.html);
 * - freshness: the newest event (`max(time)`) is at most `freshnessMinutes` old, as a
 *   `CustomSql` rule that returns the age in minutes. DQDL's `DataFreshness` checks every row
 *   against the bound, so over a window of history it fails on the older rows by design; the
 *   need is about the newest data, which is what the SQL measures. No rows at all give no
 *   maximum, and the rule fails: a silent stream is stale.
 *
 * The evaluation reads only recent partitions (see ./quality-checks), so both rules describe the
 * data of the last days, not all history.
 */
import type { QualityNeed } from '../../needs/schema';

/** DQDL for the columns and the need. */
export function qualityRuleset(need: QualityNeed, columns: readonly string[], eventTimeColumn: string): string {
  const ratio = Number((need.completenessPct / 100).toFixed(4));
  const completeness = columns.map((column) => `  Completeness "${column}" >= ${ratio}`);
  const age = `(unix_timestamp(current_timestamp()) - max(unix_timestamp(to_timestamp(\`${eventTimeColumn}\`)))) / 60`;
  const freshness = `  CustomSql "SELECT ${age} FROM primary" <= ${need.freshnessMinutes}`;
  return `Rules = [\n${[...completeness, freshness].join(',\n')}\n]`;
}

/**
 * Minutes between evaluations: half the freshness bound, so staleness is reported within 1.5
 * times the bound; at least 15 minutes (each run starts a Glue job, billed per minute, and
 * seconds-level delivery lag is the Firehose alarm's job) and at most a day.
 */
export function evaluationIntervalMinutes(freshnessMinutes: number): number {
  return Math.min(1440, Math.max(15, Math.floor(freshnessMinutes / 2)));
}

/** Days of partitions an evaluation reads: the freshness bound in days, plus the day before. */
export function evaluationWindowDays(freshnessMinutes: number): number {
  return Math.ceil(freshnessMinutes / 1440) + 1;
}
