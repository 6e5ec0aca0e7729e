/** How `tracklayer verify` reports its outcomes, and the exit code they add up to. */
import { EXIT } from './exit-codes';
import type { CliIo } from './run-cli';
import type { StackVerification } from './terraform-verify';

/**
 * Prints each stack's outcome and the tally; returns the exit code. A skipped stack is never
 * counted as verified: skips fail the command unless accepted with --allow-skipped, and a run
 * that verified no stack fails even then.
 */
export function reportVerification(io: Pick<CliIo, 'stdout' | 'stderr'>, outcomes: readonly StackVerification[], allowSkipped: boolean): number {
  for (const outcome of outcomes) io.stdout(`${outcome.stack}: ${outcome.status}${outcome.status === 'valid' ? '' : ` (${outcome.detail})`}\n`);
  const count = (status: StackVerification['status']) => outcomes.filter((o) => o.status === status).length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').map((o) => o.stack);
  io.stdout(`verified ${outcomes.length} stack(s): ${count('valid')} valid, ${count('invalid')} invalid, ${skipped.length} skipped${skipped.length > 0 && allowSkipped ? ' (accepted with --allow-skipped)' : ''}\n`);
  if (count('invalid') > 0) return EXIT.verifyFailed;
  if (count('valid') === 0) {
    io.stderr('verify: no stack was verified; nothing here can be called valid\n');
    return EXIT.verifyIncomplete;
  }
  if (skipped.length > 0 && !allowSkipped) {
    io.stderr(`verify: ${skipped.length} stack(s) were skipped and not verified (${skipped.join(', ')}); provide their providers, or pass --allow-skipped to accept that\n`);
    return EXIT.verifyIncomplete;
  }
  return EXIT.ok;
}

