/**
 * Runs rules over synthesized stacks and applies the needs file's suppressions
 * (NEEDS-v1 `guardrails.suppress`). The rules are a parameter, the registry by default, so
 * the engine can be tested with rules of the test's choosing.
 */
import { RULES } from './registry';
import type { Rule, RuleLevel, SynthContext, SynthesizedStack } from './rule';
import type { RuleId } from '../needs/rule-ids';
import type { Needs } from '../needs/schema';

/** A finding of a rule in a stack, with the level it resolved to. */
export interface StackFinding {
  readonly ruleId: RuleId;
  readonly level: RuleLevel;
  /** The stack the finding is in. */
  readonly stack: string;
  /** The Terraform address of the resource or block. */
  readonly address: string;
  /** Its construct path (starts with the stack name). */
  readonly path: string;
  readonly message: string;
}

/** An accepted exception (NEEDS-v1 `guardrails.suppress[]`). */
export interface Suppression {
  readonly rule: RuleId;
  /** A construct path; it covers that construct and everything under it. @default - the whole rule */
  readonly resource?: string;
  /** Why the exception is acceptable. */
  readonly reason: string;
}

/** A finding a suppression accepted. */
export interface SuppressedFinding extends StackFinding {
  readonly suppression: Suppression;
  /** The index of the suppression in `guardrails.suppress`. */
  readonly suppressionIndex: number;
}

/** A suppression that accepted no finding (a warning: stale, or a mistyped path). */
export interface UnmatchedSuppression {
  readonly index: number;
  readonly suppression: Suppression;
}

/** The outcome of the guardrails over a set of stacks. */
export interface GuardrailReport {
  /** The stacks checked, in order. */
  readonly stacks: readonly string[];
  /** Findings no suppression accepted: errors fail synth, warnings are printed. */
  readonly findings: readonly StackFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly unmatched: readonly UnmatchedSuppression[];
}

/**
 * Every finding of every rule in every stack, in stack order, then rule order. `needs` are the
 * needs the stacks were built from; rules that compare the stacks with the needs skip that part
 * without them.
 */
export function runRules(stacks: readonly SynthesizedStack[], rules: readonly Rule[] = RULES, needs?: Needs): StackFinding[] {
  const synth: SynthContext = needs ? { stacks, needs } : { stacks };
  return stacks.flatMap((stack) =>
    rules.flatMap((rule) =>
      rule.check(stack, synth).map((finding) => ({ ruleId: rule.id, level: finding.level ?? rule.level, stack: stack.name, address: finding.address, path: finding.path, message: finding.message })),
    ),
  );
}

/**
 * True when the suppression accepts the finding: same rule, and no `resource`, or a
 * `resource` that is the finding's construct path or one of its ancestors (whole path
 * segments: `app/cluster` covers `app/cluster/cluster`, not `app/cluster-addons`).
 */
export function suppressionMatches(suppression: Suppression, finding: StackFinding): boolean {
  if (suppression.rule !== finding.ruleId) return false;
  if (suppression.resource === undefined) return true;
  const prefix = suppression.resource.replace(/\/+$/, '');
  return finding.path === prefix || finding.path.startsWith(`${prefix}/`);
}

/** Splits findings into kept and suppressed, and names the suppressions that matched nothing. */
export function applySuppressions(findings: readonly StackFinding[], suppressions: readonly Suppression[]): Omit<GuardrailReport, 'stacks'> {
  const used = new Set<number>();
  const kept: StackFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const matching = suppressions.flatMap((suppression, index) => (suppressionMatches(suppression, finding) ? [index] : []));
    matching.forEach((index) => used.add(index));
    if (matching.length === 0) kept.push(finding);
    else suppressed.push({ ...finding, suppression: suppressions[matching[0]], suppressionIndex: matching[0] });
  }
  const unmatched = suppressions.flatMap((suppression, index) => (used.has(index) ? [] : [{ index, suppression }]));
  return { findings: kept, suppressed, unmatched };
}

/** Runs the rules over the stacks (built from `needs`, when given) and applies the suppressions. */
export function evaluateGuardrails(stacks: readonly SynthesizedStack[], suppressions: readonly Suppression[] = [], rules: readonly Rule[] = RULES, needs?: Needs): GuardrailReport {
  return { stacks: stacks.map((stack) => stack.name), ...applySuppressions(runRules(stacks, rules, needs), suppressions) };
}

/** The findings of a level that remain after suppressions. */
export function findingsAt(report: GuardrailReport, level: RuleLevel): StackFinding[] {
  return report.findings.filter((finding) => finding.level === level);
}

/** True when an error remains after suppressions (synth fails with exit 3). */
export function hasErrors(report: GuardrailReport): boolean {
  return report.findings.some((finding) => finding.level === 'error');
}

/** Thrown by synthesis when errors remain; carries the whole report so it can be printed. */
export class GuardrailError extends Error {
  constructor(readonly report: GuardrailReport) {
    super(`${findingsAt(report, 'error').length} guardrail error(s)`);
    this.name = 'GuardrailError';
  }
}
