/**
 * Guardrail findings for people and programs: the `stack/path: RULE_ID: message` lines of
 * `synth` and `check`, the located warning for a suppression that matched nothing, and the
 * `check --json` object.
 */
import type { GuardrailReport, StackFinding, SuppressedFinding, UnmatchedSuppression } from '../guardrails/evaluate';
import { findingsAt } from '../guardrails/evaluate';
import type { Problem } from '../needs/problem';
import type { StackRef } from '../strategy/stack-plan';

/** `path: RULE_ID: message`, prefixed `warning: ` for a warning. */
export function findingLine(finding: StackFinding): string {
  const line = `${finding.path}: ${finding.ruleId}: ${finding.message}`;
  return finding.level === 'warning' ? `warning: ${line}` : line;
}

/** `suppressed: path: RULE_ID: message (guardrails.suppress[i]: reason)`. */
export function suppressedLine(finding: SuppressedFinding): string {
  return `suppressed: ${finding.path}: ${finding.ruleId}: ${finding.message} (guardrails.suppress[${finding.suppressionIndex}]: ${finding.suppression.reason})`;
}

/** The needs-file problem (a warning) for a suppression that accepted no finding. */
export function unmatchedProblem({ index, suppression }: UnmatchedSuppression): Problem {
  const scope = suppression.resource === undefined ? 'anywhere' : `at or under ${suppression.resource}`;
  return {
    path: ['guardrails', 'suppress', index],
    message: `suppresses ${suppression.rule} ${scope}, but the rule found nothing there; remove the entry or correct its construct path`,
  };
}

/** `N error(s), N warning(s), N suppressed` over the stacks checked. */
export function summaryLine(report: GuardrailReport, ruleCount: number): string {
  return `checked ${report.stacks.length} stack(s) against ${ruleCount} rules: ${findingsAt(report, 'error').length} error(s), ${findingsAt(report, 'warning').length} warning(s), ${report.suppressed.length} suppressed`;
}

/** The text report of `tracklayer check`: errors, warnings, suppressed findings, a summary. */
export function checkText(report: GuardrailReport, ruleCount: number): string {
  const lines = [...findingsAt(report, 'error').map(findingLine), ...findingsAt(report, 'warning').map(findingLine), ...report.suppressed.map(suppressedLine), summaryLine(report, ruleCount)];
  return `${lines.join('\n')}\n`;
}

/** One finding in `check --json`. */
function findingJson(finding: StackFinding) {
  return { ruleId: finding.ruleId, level: finding.level, stack: finding.stack, path: finding.path, address: finding.address, message: finding.message, file: `stacks/${finding.stack}/cdk.tf.json` };
}

/**
 * The one JSON object `tracklayer check --json` prints:
 * `{ version, strategy, stacks, missing, summary: {errors, warnings, suppressed},
 *    findings: [{ruleId, level, stack, path, address, message, file}],
 *    suppressed: [{...finding, suppression: {index, rule, resource?, reason}}],
 *    unmatchedSuppressions: [{index, rule, resource?, reason}] }`.
 * `file` is relative to the output directory `tracklayer synth` writes.
 */
export function checkJson(report: GuardrailReport, strategy: string, missing: readonly StackRef[]): object {
  return {
    version: 1,
    strategy,
    stacks: report.stacks,
    missing: missing.map((stack) => stack.name),
    summary: { errors: findingsAt(report, 'error').length, warnings: findingsAt(report, 'warning').length, suppressed: report.suppressed.length },
    findings: report.findings.map(findingJson),
    suppressed: report.suppressed.map((finding) => ({ ...findingJson(finding), suppression: { index: finding.suppressionIndex, ...finding.suppression } })),
    unmatchedSuppressions: report.unmatched.map(({ index, suppression }) => ({ index, ...suppression })),
  };
}
