import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../../cli/run-cli';
import { RULES } from '../../guardrails/registry';
import type { Rule } from '../../guardrails/rule';
import { cli } from '../support/run-cli';

const injected: Rule = {
  id: 'EKS_LOGS',
  level: 'error',
  rationale: 'An injected rule for tests of check.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) => (stack.name.endsWith('-gpu-cluster') ? [{ address: 'aws_eks_cluster.cluster_A4C38409', path: `${stack.name}/cluster/cluster`, message: 'an injected error' }] : []),
};

function run(args: string[], rules: readonly Rule[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} }, rules);
  return { code, stdout, stderr };
}

describe('tracklayer check', () => {
  test('text: suppressed findings and a summary on stdout, exit 0 when no error remains', () => {
    const result = cli(['check', '--needs', 'examples/hybrid.yaml']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^suppressed: medica-ai-gpu-cluster\/cluster\/cluster: EKS_ENDPOINT: has a public API endpoint reachable from 198\.51\.100\.0\/24; .* \(guardrails\.suppress\[0\]: API reached only/));
    // Warnings (if any) are the schedulability check's notes on the jobs the needs imply; no error remains.
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^checked \\d+ stack\\(s\\) against ${RULES.length} rules: 0 error\\(s\\), \\d+ warning\\(s\\), 1 suppressed$`));
  });

  test('--json: one object with the strategy, a summary and located findings', () => {
    const result = cli(['check', '--needs', 'examples/cloud-first.yaml', '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['version', 'strategy', 'stacks', 'missing', 'summary', 'findings', 'suppressed', 'unmatchedSuppressions']);
    expect(report).toMatchObject({ version: 1, strategy: 'cloud-first', summary: { errors: 0, warnings: report.findings.length, suppressed: 0 }, suppressed: [], unmatchedSuppressions: [] });
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'STATE_BACKEND')).toHaveLength(report.stacks.length);
    expect(report.stacks).toContain('lumen-research-network');
    expect(report.findings[0]).toEqual({
      ruleId: 'STATE_BACKEND',
      level: 'warning',
      stack: 'lumen-research-network',
      path: 'lumen-research-network',
      address: 'terraform.backend.local',
      message: 'keeps state in a local file, unencrypted and unshared; set state.bucket in the needs file for an encrypted, locked S3 backend',
      file: 'stacks/lumen-research-network/cdk.tf.json',
    });
  });

  test('--sarif: SARIF 2.1.0 with the registry as rules, results located in cdk.tf.json and at the construct path', () => {
    const result = cli(['check', '--needs', 'examples/hybrid.yaml', '--sarif']);
    expect(result.code).toBe(0);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.runs).toHaveLength(1);
    const [run0] = sarif.runs;
    expect(run0.tool.driver.name).toBe('tracklayer');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run0.tool.driver.rules[0]).toMatchObject({ id: 'S3_SSE_KMS', defaultConfiguration: { level: 'error' }, fullDescription: { text: RULES[0].rationale } });
    const result0 = run0.results.find((r: { ruleId: string }) => r.ruleId === 'EKS_ENDPOINT');
    expect(result0).toMatchObject({
      ruleId: 'EKS_ENDPOINT',
      level: 'warning',
      message: { text: expect.stringMatching(/^has a public API endpoint reachable from 198\.51\.100\.0\/24/) },
      suppressions: [{ kind: 'external', status: 'accepted', justification: expect.stringMatching(/^API reached only/) }],
    });
    expect(run0.tool.driver.rules[result0.ruleIndex].id).toBe('EKS_ENDPOINT');
    const [location] = result0.locations;
    expect(location.physicalLocation.artifactLocation.uri).toBe('cdktf.out/stacks/medica-ai-gpu-cluster/cdk.tf.json');
    expect(location.physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(location.logicalLocations).toEqual([{ name: 'aws_eks_cluster.cluster_A4C38409', fullyQualifiedName: 'medica-ai-gpu-cluster/cluster/cluster', kind: 'resource' }]);
  });

  test('GIVEN an error THEN exit 3, and --json still prints the whole report', () => {
    const text = run(['check', '--needs', 'examples/cloud-first.yaml'], [injected]);
    expect(text.code).toBe(3);
    expect(text.stdout.split('\n')).toContain('lumen-research-gpu-cluster/cluster/cluster: EKS_LOGS: an injected error');
    const json = run(['check', '--needs', 'examples/cloud-first.yaml', '--json'], [injected]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).summary).toEqual({ errors: 1, warnings: 0, suppressed: 0 });
  });

  test('writes nothing: cdktf.out is untouched and the scratch directory is removed', () => {
    const listing = (dir: string) => {
      try {
        return readdirSync(dir, { recursive: true }).map(String).sort();
      } catch {
        return [];
      }
    };
    const before = listing('cdktf.out');
    const scratchBefore = readdirSync(tmpdir()).filter((f) => f.startsWith('tracklayer-check-'));
    expect(cli(['check', '--needs', 'examples/edge-centric.yaml']).code).toBe(0);
    expect(listing('cdktf.out')).toEqual(before);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('tracklayer-check-'))).toEqual(scratchBefore);
  });

  test('--json and --sarif together are a usage error (exit 2)', () => {
    expect(cli(['check', '--json', '--sarif']).code).toBe(2);
  });

  test('a bad needs file: exit 2 with located lines, as for synth', () => {
    const result = cli(['check', '--needs', 'no-such-file.yaml']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'no-such-file.yaml:1:1: (root): cannot read the needs file: no such file\n' });
  });
});
