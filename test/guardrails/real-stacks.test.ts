import { readdirSync } from 'node:fs';
import { evaluateGuardrails, findingsAt } from '../../guardrails/evaluate';
import { readNeedsFile } from '../../cli/read-needs-file';
import { synthApp } from '../support/synth-app';

const files = ['needs.yaml', ...readdirSync('examples').map((file) => `examples/${file}`)];

/** The guardrail report of every stack a needs file builds. */
function reportOf(file: string) {
  const { needs } = readNeedsFile(file);
  const stacks = Object.entries(synthApp(needs)).map(([name, json]) => ({ name, json }));
  return evaluateGuardrails(stacks, needs.guardrails.suppress, undefined, needs);
}

describe('the real stacks pass the guardrails', () => {
  test.each(files)('%s synthesizes with zero guardrail errors and no stale suppression', (file) => {
    const report = reportOf(file);
    expect(findingsAt(report, 'error')).toEqual([]);
    expect(report.unmatched).toEqual([]);
  });

  test('the hybrid example accepts its public API endpoint through its suppression, at the cluster construct', () => {
    const report = reportOf('examples/hybrid.yaml');
    expect(report.suppressed.map((f) => [f.ruleId, f.path, f.level])).toEqual([['EKS_ENDPOINT', 'medica-ai-gpu-cluster/cluster/cluster', 'warning']]);
  });
});
