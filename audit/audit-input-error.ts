/**
 * The error audit raises for a node list it cannot read: every problem at once, each at the
 * field path where it is (the CLI turns paths into `FILE:LINE:COL`). Anything else thrown from
 * audit/ is a bug.
 */
import type { Problem } from '../needs/problem';

/** A node list that is not one. */
export class AuditInputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'AuditInputError';
  }
}
