import { applySuppressions, evaluateGuardrails, GuardrailError, hasErrors, runRules, suppressionMatches, type StackFinding } from '../../guardrails/evaluate';
import type { Rule } from '../../guardrails/rule';
import { stack } from './fixtures/builders';

/** A rule that reports one finding at each given construct path of every stack. */
function ruleAt(id: Rule['id'], level: Rule['level'], paths: string[]): Rule {
  return {
    id,
    level,
    rationale: 'A rule for tests of the engine.',
    references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
    check: (s) => paths.map((path) => ({ address: `aws_thing.${path.split('/').pop()}`, path: `${s.name}/${path}`, message: `found at ${path}` })),
  };
}

function finding(ruleId: StackFinding['ruleId'], path: string): StackFinding {
  return { ruleId, level: 'error', stack: 'app-gpu-cluster', address: 'aws_eks_cluster.cluster', path, message: 'm' };
}

describe('runRules', () => {
  test('GIVEN rules and stacks WHEN run THEN findings carry rule id, resolved level and stack, in stack then rule order', () => {
    const warnOnce: Rule = { ...ruleAt('EKS_LOGS', 'error', []), check: (s) => [{ address: 'a.b', path: `${s.name}/b`, message: 'mild', level: 'warning' }] };
    const findings = runRules([stack({}, { name: 'one' }), stack({}, { name: 'two' })], [ruleAt('EKS_ENDPOINT', 'error', ['x']), warnOnce]);
    expect(findings.map((f) => [f.stack, f.ruleId, f.level, f.path])).toEqual([
      ['one', 'EKS_ENDPOINT', 'error', 'one/x'],
      ['one', 'EKS_LOGS', 'warning', 'one/b'],
      ['two', 'EKS_ENDPOINT', 'error', 'two/x'],
      ['two', 'EKS_LOGS', 'warning', 'two/b'],
    ]);
  });
});

describe('suppressions', () => {
  test('a suppression without resource covers the whole rule', () => {
    expect(suppressionMatches({ rule: 'EKS_ENDPOINT', reason: 'accepted for the demo' }, finding('EKS_ENDPOINT', 'app-gpu-cluster/cluster/cluster'))).toBe(true);
    expect(suppressionMatches({ rule: 'EKS_LOGS', reason: 'accepted for the demo' }, finding('EKS_ENDPOINT', 'app-gpu-cluster/cluster/cluster'))).toBe(false);
  });

  test('a resource covers that construct path and everything under it, by whole segments', () => {
    const at = (resource: string, path: string) => suppressionMatches({ rule: 'EKS_ENDPOINT', resource, reason: 'accepted for the demo' }, finding('EKS_ENDPOINT', path));
    expect(at('app-gpu-cluster/cluster', 'app-gpu-cluster/cluster/cluster')).toBe(true);
    expect(at('app-gpu-cluster/cluster', 'app-gpu-cluster/cluster')).toBe(true);
    expect(at('app-gpu-cluster/cluster/', 'app-gpu-cluster/cluster/cluster')).toBe(true);
    expect(at('app-gpu-cluster', 'app-gpu-cluster/cluster/cluster')).toBe(true);
    expect(at('app-gpu-cluster/cluster', 'app-gpu-cluster/cluster-addons/role')).toBe(false);
    expect(at('app-gpu-cluster/clu', 'app-gpu-cluster/cluster/cluster')).toBe(false);
    expect(at('app-network/cluster', 'app-gpu-cluster/cluster/cluster')).toBe(false);
  });

  test('GIVEN suppressions WHEN applied THEN matched findings move to suppressed with their suppression, and a suppression that matches nothing is reported', () => {
    const findings = [finding('EKS_ENDPOINT', 'app-gpu-cluster/cluster/cluster'), finding('EKS_LOGS', 'app-gpu-cluster/cluster/cluster')];
    const suppressions = [
      { rule: 'EKS_ENDPOINT' as const, resource: 'app-gpu-cluster/cluster', reason: 'reached only over the VPN' },
      { rule: 'EKS_ENDPOINT' as const, reason: 'a second, broader acceptance' },
      { rule: 'IAM_NO_ADMIN' as const, reason: 'nothing matches this one' },
    ];
    const result = applySuppressions(findings, suppressions);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['EKS_LOGS']);
    expect(result.suppressed).toEqual([{ ...findings[0], suppression: suppressions[0], suppressionIndex: 0 }]);
    // both EKS_ENDPOINT suppressions matched a finding; only the IAM one is unmatched
    expect(result.unmatched).toEqual([{ index: 2, suppression: suppressions[2] }]);
  });

  test('suppressions accept warnings too', () => {
    const warning = { ...finding('EKS_ENDPOINT', 'app-gpu-cluster/cluster/cluster'), level: 'warning' as const };
    expect(applySuppressions([warning], [{ rule: 'EKS_ENDPOINT', reason: 'accepted for the demo' }]).findings).toEqual([]);
  });
});

describe('evaluateGuardrails', () => {
  test('GIVEN an error and a warning WHEN the error is suppressed THEN no error remains', () => {
    const rules = [ruleAt('IAM_NO_ADMIN', 'error', ['admin']), ruleAt('STATE_BACKEND', 'warning', ['state'])];
    const stacks = [stack({}, { name: 'app-network' })];
    const unsuppressed = evaluateGuardrails(stacks, [], rules);
    expect(hasErrors(unsuppressed)).toBe(true);
    expect(unsuppressed.stacks).toEqual(['app-network']);

    const report = evaluateGuardrails(stacks, [{ rule: 'IAM_NO_ADMIN', resource: 'app-network/admin', reason: 'break-glass role, reviewed' }], rules);
    expect(hasErrors(report)).toBe(false);
    expect(report.findings.map((f) => [f.ruleId, f.level])).toEqual([['STATE_BACKEND', 'warning']]);
    expect(report.suppressed).toHaveLength(1);
    expect(report.unmatched).toEqual([]);
  });

  test('GuardrailError carries the report and counts the errors', () => {
    const report = evaluateGuardrails([stack({})], [], [ruleAt('IAM_NO_ADMIN', 'error', ['a', 'b'])]);
    const error = new GuardrailError(report);
    expect(error.message).toBe('2 guardrail error(s)');
    expect(error.report).toBe(report);
  });
});
