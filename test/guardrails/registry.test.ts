import { RULE_IDS } from '../../needs/rule-ids';
import { RULES, ruleById } from '../../guardrails/registry';

describe('the guardrails registry', () => {
  test('every id of rule-ids.ts has exactly one rule, in the order of rule-ids.ts', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a level, a one-line rationale and explicit references', (_id, rule) => {
    expect(['error', 'warning']).toContain(rule.level);
    expect(rule.rationale).not.toMatch(/\n/);
    expect(rule.rationale.length).toBeGreaterThan(30);
    expect(rule.rationale).toMatch(/\.$/);
    const { checkov, trivy, cdkNag } = rule.references;
    if (checkov !== 'none') for (const id of checkov) expect(id).toMatch(/^CKV2?_(AWS|K8S)_\d+$/);
    if (trivy !== 'none') for (const id of trivy) expect(id).toMatch(/^AVD-(AWS|KSV)-\d{4}$/);
    if (cdkNag !== 'none') for (const id of cdkNag) expect(id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5)-[A-Za-z0-9]+$/);
  });

  test('ruleById finds a rule and refuses an id the registry lacks', () => {
    expect(ruleById('EKS_ENDPOINT').id).toBe('EKS_ENDPOINT');
    expect(() => ruleById('NOPE' as never)).toThrow('no guardrail rule has the id NOPE');
  });
});
