import { RULES } from '../../guardrails/registry';
import { runRules } from '../../guardrails/evaluate';
import { FIXTURES, MORE_FAILURES } from './fixtures';

describe('every rule has a passing and a failing fixture', () => {
  test.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id) => {
    const fixtures = FIXTURES[id];
    expect(fixtures).toBeDefined();

    // GIVEN the passing fixture WHEN every rule runs THEN nothing at all is found
    expect(runRules([fixtures!.pass])).toEqual([]);

    // GIVEN the failing fixture WHEN every rule runs THEN only this rule fires
    const findings = runRules([fixtures!.fail]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.ruleId)).toEqual(findings.map(() => id));
  });

  test.each(Object.entries(MORE_FAILURES).flatMap(([id, cases]) => cases!.map((c, index) => [`${id} #${index + 2}`, id, c] as const)))('%s: a further failing case', (_, id, failing) => {
    // GIVEN another mistake the rule must catch WHEN every rule runs THEN only this rule fires
    const findings = runRules([failing.stack], undefined, failing.needs);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.ruleId)).toEqual(findings.map(() => id));
  });

  test('no fixture is left for a rule the registry does not have', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });
});
