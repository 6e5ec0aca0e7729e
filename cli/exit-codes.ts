/** Exit codes of the command line. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** A bug in tracklayer: a stack trace is printed. */
  bug: 1,
  /** The needs file (or the command line) is wrong: located messages are printed. */
  badInput: 2,
  /** A guardrail rule found an error in the synthesized stacks: `stack/path: RULE_ID: message` lines are printed. */
  guardrails: 3,
  /** `verify`: Terraform rejected a synthesized stack. */
  verifyFailed: 4,
  /** `verify`: Terraform cannot run at all (no binary, no mirror, no registry); nothing was verified. */
  terraformUnavailable: 5,
  /** `verify`: no stack was verified, or stacks were skipped without `--allow-skipped`. */
  verifyIncomplete: 6,
} as const;
