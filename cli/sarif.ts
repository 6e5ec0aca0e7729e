/**
 * `tracklayer check --sarif`: the guardrail report as SARIF 2.1.0, the format GitHub code
 * scanning uploads (github/codeql-action/upload-sarif). Rules come from the registry; each
 * result points at the stack's cdk.tf.json (the file `tracklayer synth` writes, line of the
 * resource) and names the construct path as a logical location.
 */
import type { GuardrailReport, StackFinding, SuppressedFinding } from '../guardrails/evaluate';
import type { Rule, RuleReferences } from '../guardrails/rule';

/** The SARIF version and schema written. */
export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub ranks security results by this property: 7.0 and above is high, 4.0 to 6.9 medium. */
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0' } as const;

/** The JSON keys leading to a block of cdk.tf.json, from its address. */
function addressKeys(address: string): string[] {
  const parts = address.split('.');
  if (parts[0] === 'data') return ['data', parts[1], parts.slice(2).join('.')];
  if (parts[0] === 'provider') return ['provider', parts[1]];
  if (parts[0] === 'terraform') return parts;
  return ['resource', parts[0], parts.slice(1).join('.')];
}

/**
 * The 1-based line of a block in a cdk.tf.json text (cdktf indents by two spaces), or of the
 * deepest enclosing key found; 1 when none is found.
 */
export function lineOf(text: string, address: string): number {
  const lines = text.split('\n');
  let line = 0;
  for (const [depth, key] of addressKeys(address).entries()) {
    const prefix = `${' '.repeat(2 * (depth + 1))}${JSON.stringify(key)}:`;
    const index = lines.findIndex((candidate, i) => i >= line && candidate.startsWith(prefix));
    if (index < 0) break;
    line = index + 1;
  }
  return Math.max(line, 1);
}

function referenceText(name: string, ids: RuleReferences[keyof RuleReferences]): string {
  return `${name}: ${ids === 'none' ? 'none' : ids.join(', ')}`;
}

function ruleDescriptor(rule: Rule) {
  const references = [referenceText('Checkov', rule.references.checkov), referenceText('Trivy', rule.references.trivy), referenceText('cdk-nag', rule.references.cdkNag)];
  return {
    id: rule.id,
    shortDescription: { text: rule.id },
    fullDescription: { text: rule.rationale },
    help: { text: `${rule.rationale}\n${references.join('\n')}`, markdown: `${rule.rationale}\n\n${references.map((line) => `- ${line}`).join('\n')}` },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['security', 'terraform'], precision: 'very-high', 'security-severity': SECURITY_SEVERITY[rule.level], references: rule.references },
  };
}

/** The options of a SARIF log. */
export interface SarifOptions {
  /** The directory `tracklayer synth` writes, relative to the repository root. @default 'cdktf.out' */
  readonly outdir?: string;
}

/** A SARIF 2.1.0 log of one run of the rules over `stacks`. */
export function toSarif(report: GuardrailReport, rules: readonly Rule[], stacks: readonly { name: string; text: string }[], options: SarifOptions = {}): object {
  const outdir = options.outdir ?? 'cdktf.out';
  const texts = new Map(stacks.map((stack) => [stack.name, stack.text]));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const result = (finding: StackFinding, suppressed?: SuppressedFinding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `${outdir}/stacks/${finding.stack}/cdk.tf.json`, uriBaseId: '%SRCROOT%' },
          region: { startLine: lineOf(texts.get(finding.stack) ?? '', finding.address) },
        },
        logicalLocations: [{ name: finding.address, fullyQualifiedName: finding.path, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'tracklayerFinding/v1': `${finding.ruleId}|${finding.path}|${finding.address}` },
    ...(suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: suppressed.suppression.reason }] } : {}),
  });
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: 'tracklayer', rules: rules.map(ruleDescriptor) } },
        results: [...report.findings.map((finding) => result(finding)), ...report.suppressed.map((finding) => result(finding, finding))],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
