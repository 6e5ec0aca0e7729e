/**
 * The error optimize raises for a metrics file it cannot use: every problem at once, each at the
 * field path where it is (the CLI turns paths into `FILE:LINE:COL`). No recommendation is made
 * from a file with a problem. Anything else thrown from optimize/ is a bug.
 */
import type { Problem } from '../needs/problem';

/** A metrics file that is not one, or holds values that cannot be used. */
export class MetricsInputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'MetricsInputError';
  }
}
