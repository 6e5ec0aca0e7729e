/**
 * What S3 accepts in a lifecycle configuration that moves objects STANDARD → STANDARD_IA →
 * GLACIER_IR → DEEP_ARCHIVE: the facts both the needs validator (`data.tiers`) and the lakehouse
 * constructs rely on, kept here so neither depends on the other. Pure.
 *
 * Sources (Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle", and the API
 * reference of Transition / NoncurrentVersionTransition):
 * - a STANDARD_IA transition needs at least 30 days since creation (for noncurrent versions,
 *   30 days since becoming noncurrent).
 * - an object must stay in STANDARD_IA at least 30 days before a transition to a Glacier class
 *   in the same rule; S3 rejects the whole configuration ("must be 30 days more than ...")
 *   otherwise, so `hotDays: 30, coolDays: 45` would fail at apply.
 * - user reports (not the user guide) describe the same 30-day gap between GLACIER_IR and
 *   DEEP_ARCHIVE; a rejected configuration fails the whole apply, so the gap is required there too.
 */

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

/** A tier day S3 would reject. */
export interface TierProblem {
  readonly tier: keyof TierDays;
  /** What is wrong and what is allowed, in the needs-file style (`must be ..., got N`). */
  readonly message: string;
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

/** The tiers in transition order, with the class each one moves objects to. */
export const TIER_ORDER: readonly { readonly tier: keyof TierDays; readonly storageClass: TierStorageClass }[] = [
  { tier: 'hotDays', storageClass: 'STANDARD_IA' },
  { tier: 'coolDays', storageClass: 'GLACIER_IR' },
  { tier: 'archiveDays', storageClass: 'DEEP_ARCHIVE' },
];

/**
 * Every reason S3 would reject `tiers`, in tier order (empty when S3 accepts them):
 *
 * | tier          | rejected when                                          |
 * |---------------|--------------------------------------------------------|
 * | any           | not a positive whole number                            |
 * | `hotDays`     | under {@link MIN_DAYS_BEFORE_STANDARD_IA}              |
 * | `coolDays`    | under hotDays + {@link MIN_DAYS_BETWEEN_TRANSITIONS}   |
 * | `archiveDays` | under coolDays + {@link MIN_DAYS_BETWEEN_TRANSITIONS}  |
 *
 * A gap is checked only when both days are whole numbers, so one typo gives one problem.
 */
export function tierProblems(tiers: TierDays): TierProblem[] {
  const problems: TierProblem[] = [];
  TIER_ORDER.forEach(({ tier, storageClass }, index) => {
    const days = tiers[tier];
    if (!Number.isInteger(days) || days < 1) {
      problems.push({ tier, message: `must be a positive whole number of days, got ${days}` });
      return;
    }
    const previous = TIER_ORDER[index - 1];
    if (!previous) {
      if (days < MIN_DAYS_BEFORE_STANDARD_IA) {
        problems.push({ tier, message: `must be at least ${MIN_DAYS_BEFORE_STANDARD_IA}, because S3 moves nothing to ${storageClass} sooner; got ${days}` });
      }
      return;
    }
    const previousDays = tiers[previous.tier];
    if (Number.isInteger(previousDays) && previousDays >= 1 && days < previousDays + MIN_DAYS_BETWEEN_TRANSITIONS) {
      problems.push({
        tier,
        message:
          `must be at least ${MIN_DAYS_BETWEEN_TRANSITIONS} days after ${previous.tier} (${previousDays}), because S3 keeps objects ` +
          `${MIN_DAYS_BETWEEN_TRANSITIONS} days in ${previous.storageClass} before a ${storageClass} transition; got ${days}`,
      });
    }
  });
  return problems;
}

