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
 *   otherwise, so `hotDays: 30, coolDays: 45` would fail at apply.
 * - user reports (not the user guide) describe the same 30-day gap between GLACIER_IR and
 *   DEEP_ARCHIVE (console error "The value of days transitioning to Glacier Deep Archive must
 *   be at least 30 more than the value of the previous Glacier Instant Retrieval"); a rejected
 *   configuration fails the whole apply, so the gap is required there too.
 *
 * Handling: days S3 would reject are an error, found by {@link tierProblems} and reported
 * before anything is synthesized (the needs check reports them at `data.tiers.<tier>`).
 * Moving a tier silently would configure days nobody asked for; the person who wrote the
 * needs file chooses the fix.
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

const ORDER: readonly { readonly tier: keyof TierDays; readonly storageClass: TierStorageClass }[] = [
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
  ORDER.forEach(({ tier, storageClass }, index) => {
    const days = tiers[tier];
    if (!Number.isInteger(days) || days < 1) {
      problems.push({ tier, message: `must be a positive whole number of days, got ${days}` });
      return;
    }
    const previous = ORDER[index - 1];
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
  return ORDER.map(({ tier, storageClass }) => ({ storageClass, days: tiers[tier] }));
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
