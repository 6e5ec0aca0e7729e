/**
 * Storage tiers as a value: from hot/cool/archive days to the S3 lifecycle transitions
 * STANDARD → STANDARD_IA → GLACIER_IR → DEEP_ARCHIVE, checked against the rules S3 enforces
 * when it accepts a lifecycle configuration. Pure, so it is tested without synthesis.
 *
 * The S3 facts (which days S3 accepts, minimum storage durations) are in
 * catalog/s3-lifecycle-rules.ts, shared with the needs validator.
 *
 * Handling: days S3 would reject are an error, found by {@link tierProblems} and reported
 * before anything is synthesized (the needs check reports them at `data.tiers.<tier>`).
 * Moving a tier silently would configure days nobody asked for; the person who wrote the
 * needs file chooses the fix.
 */
import { MINIMUM_STORAGE_DAYS, TIER_ORDER, tierProblems, type TierDays, type TierStorageClass } from '../../catalog/s3-lifecycle-rules';
import { LakehouseError } from './lakehouse-error';

/** One transition of a lifecycle rule. */
export interface TierTransition {
  readonly storageClass: TierStorageClass;
  /** Days since creation (current versions) or since becoming noncurrent (noncurrent versions). */
  readonly days: number;
}

/**
 * The transitions for `tiers`: STANDARD_IA at hotDays, GLACIER_IR at coolDays, DEEP_ARCHIVE
 * at archiveDays. Throws a {@link LakehouseError} naming `tiers.<tier>` when S3 would reject
 * the days (see {@link tierProblems}); every problem is in the message.
 */
export function tierSchedule(tiers: TierDays): TierTransition[] {
  const [first, ...others] = tierProblems(tiers);
  if (first) {
    const also = others.map((p) => `; tiers.${p.tier}: ${p.message}`).join('');
    throw new LakehouseError(`tiers.${first.tier}`, `${first.message}${also}`);
  }
  return TIER_ORDER.map(({ tier, storageClass }) => ({ storageClass, days: tiers[tier] }));
}

/**
 * The earliest sensible expiry for objects that went through `transitions`: never before
 * `floorDays`, and never before the last class's minimum storage duration has passed (an
 * earlier delete is billed as if the object stayed, so expiring sooner saves nothing).
 * S3 also requires an expiry later than every transition of its rule; this is always later.
 */
export function expiryAfterTransitions(transitions: readonly TierTransition[], floorDays: number): number {
  const last = transitions[transitions.length - 1];
  return last ? Math.max(floorDays, last.days + MINIMUM_STORAGE_DAYS[last.storageClass]) : floorDays;
}
