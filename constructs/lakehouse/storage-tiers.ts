/**
 * Storage tiers as a value: from hot/cool/archive days to the S3 lifecycle transitions
 * STANDARD → STANDARD_IA → GLACIER_IR → DEEP_ARCHIVE, checked against the rules S3 enforces
 * when it accepts a lifecycle configuration. Pure, so it is tested without synthesis.
 *
 * S3 constraints that apply (Amazon S3 User Guide, "Transitioning objects using Amazon S3
 * Lifecycle", and the API reference of Transition / NoncurrentVersionTransition):
 * - a STANDARD_IA transition needs at least 30 days since creation (for noncurrent versions,
 *   30 days since becoming noncurrent). The needs schema already enforces `hotDays >= 30`.
 * - an object must stay in STANDARD_IA at least 30 days before a transition to a Glacier class
 *   in the same rule; S3 rejects the whole configuration ("must be 30 days more than ...")
 *   otherwise. The needs file only requires strictly increasing days, so `hotDays: 30,
 *   coolDays: 45` is valid there and would fail at apply.
 * - user reports (not the user guide) describe the same 30-day gap between GLACIER_IR and
 *   DEEP_ARCHIVE; a rejected configuration fails the whole apply, so the gap is kept there too.
 *
 * Handling: a tier that comes too soon after the previous one is moved to the earliest day S3
 * accepts and the move is reported as an adjustment (the lakehouse turns it into a synthesis
 * warning). Moving a tier later only keeps data in a warmer, safer class a little longer;
 * failing the synthesis for a valid needs file would be worse, and so would dropping a tier.
 */
import { LakehouseError } from './lakehouse-error';

/** The storage classes objects move through, coldest last. */
export type TierStorageClass = 'STANDARD_IA' | 'GLACIER_IR' | 'DEEP_ARCHIVE';

/** Days after which objects move on (NEEDS-v1 `data.tiers`). */
export interface TierDays {
  /** Days in STANDARD before STANDARD_IA. */
  readonly hotDays: number;
  /** Days before GLACIER_IR. */
  readonly coolDays: number;
  /** Days before DEEP_ARCHIVE. */
  readonly archiveDays: number;
}

/** One transition of a lifecycle rule. */
export interface TierTransition {
  readonly storageClass: TierStorageClass;
  /** Days since creation (current versions) or since becoming noncurrent (noncurrent versions). */
  readonly days: number;
}

/** A tier that had to move to satisfy S3. */
export interface TierAdjustment {
  readonly tier: keyof TierDays;
  readonly requested: number;
  readonly applied: number;
  /** Why, in a sentence for the person who wrote the needs file. */
  readonly reason: string;
}

/** The transitions to configure and what was changed to get there. */
export interface TierSchedule {
  readonly transitions: readonly TierTransition[];
  readonly adjustments: readonly TierAdjustment[];
}

/** S3 accepts a STANDARD_IA transition no sooner than 30 days (after creation or after becoming noncurrent). */
export const MIN_DAYS_BEFORE_STANDARD_IA = 30;

/** Days an object must spend in one tier before the next transition of the same rule (see the file comment). */
export const MIN_DAYS_BETWEEN_TRANSITIONS = 30;

/**
 * Minimum storage duration S3 bills per class (https://aws.amazon.com/s3/storage-classes/):
 * deleting sooner costs the same as keeping the object that long.
 */
export const MINIMUM_STORAGE_DAYS: Readonly<Record<TierStorageClass, number>> = {
  STANDARD_IA: 30,
  GLACIER_IR: 90,
  DEEP_ARCHIVE: 180,
};

const ORDER: readonly { readonly tier: keyof TierDays; readonly storageClass: TierStorageClass }[] = [
  { tier: 'hotDays', storageClass: 'STANDARD_IA' },
  { tier: 'coolDays', storageClass: 'GLACIER_IR' },
  { tier: 'archiveDays', storageClass: 'DEEP_ARCHIVE' },
];

/**
 * The transitions for `tiers`, each at least {@link MIN_DAYS_BETWEEN_TRANSITIONS} after the
 * previous one. Throws when the days are not positive integers in increasing order or hotDays
 * is under {@link MIN_DAYS_BEFORE_STANDARD_IA}: those are mistakes, not S3 details.
 */
export function tierSchedule(tiers: TierDays): TierSchedule {
  for (const { tier } of ORDER) {
    if (!Number.isInteger(tiers[tier]) || tiers[tier] < 1) {
      throw new LakehouseError(`tiers.${tier}`, `must be a positive whole number of days, got ${tiers[tier]}`);
    }
  }
  if (tiers.hotDays < MIN_DAYS_BEFORE_STANDARD_IA) {
    throw new LakehouseError('tiers.hotDays', `must be at least ${MIN_DAYS_BEFORE_STANDARD_IA} (S3 moves nothing to STANDARD_IA sooner), got ${tiers.hotDays}`);
  }
  if (!(tiers.hotDays < tiers.coolDays && tiers.coolDays < tiers.archiveDays)) {
    throw new LakehouseError('tiers', `days must increase: hotDays < coolDays < archiveDays, got ${tiers.hotDays} / ${tiers.coolDays} / ${tiers.archiveDays}`);
  }
  const transitions: TierTransition[] = [];
  const adjustments: TierAdjustment[] = [];
  for (const { tier, storageClass } of ORDER) {
    const previous = transitions[transitions.length - 1];
    const earliest = previous ? previous.days + MIN_DAYS_BETWEEN_TRANSITIONS : MIN_DAYS_BEFORE_STANDARD_IA;
    const requested = tiers[tier];
    const days = Math.max(requested, earliest);
    if (days !== requested && previous) {
      adjustments.push({
        tier,
        requested,
        applied: days,
        reason:
          `${storageClass} at day ${requested} is less than ${MIN_DAYS_BETWEEN_TRANSITIONS} days after ${previous.storageClass} ` +
          `at day ${previous.days}, which S3 rejects; it moves at day ${days} instead`,
      });
    }
    transitions.push({ storageClass, days });
  }
  return { transitions, adjustments };
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
