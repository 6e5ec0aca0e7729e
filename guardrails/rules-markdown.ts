/** RULES.md, generated from the registry (`npm run rules`; a test fails when it is stale). */
import { EXCEPTION_ANNOTATION_PREFIX } from './kubernetes-workloads';
import { RULES } from './registry';
import type { Rule, RuleReferences } from './rule';

/** Where the generated file lives, relative to the project root. */
export const RULES_FILE = 'RULES.md';

function references(ids: RuleReferences[keyof RuleReferences]): string {
  return ids === 'none' ? 'none' : ids.map((id) => `\`${id}\``).join(', ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The text of RULES.md for a list of rules. */
export function rulesMarkdown(rules: readonly Rule[] = RULES): string {
  const rows = rules.map((rule) => `| \`${rule.id}\` | ${rule.level} | ${escapeCell(rule.rationale)} | ${references(rule.references.checkov)} | ${references(rule.references.trivy)} | ${references(rule.references.cdkNag)} |`);
  return [
    '# Guardrail rules',
    '',
    '<!-- Generated from guardrails/registry.ts by `npm run rules`. Do not edit: a test fails when this file is stale. -->',
    '',
    'tracklayer checks the final Terraform JSON of every stack it synthesizes (after every override and escape hatch) against these rules.',
    'An **error** fails `tracklayer synth` with exit code 3 and writes nothing; a **warning** is printed and synthesis goes on.',
    '`tracklayer check [--json | --sarif]` runs the same rules without writing the output directory.',
    '',
    `| id | level | rationale | Checkov | Trivy (tfsec) | cdk-nag |`,
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Exceptions',
    '',
    'Accept a finding in the needs file, with a reason of at least 10 characters (NEEDS-v1 `guardrails.suppress`):',
    '',
    '```yaml',
    'guardrails:',
    '  suppress:',
    '    - rule: EKS_ENDPOINT',
    '      resource: acme-ml-gpu-cluster/cluster   # optional construct path: it and everything under it',
    '      reason: "API reached only from the corporate egress range"',
    '```',
    '',
    'A suppression that matches no finding is a warning. Kubernetes workloads that need host access by design (device plugins)',
    `document it where they are defined, with the annotation \`${EXCEPTION_ANNOTATION_PREFIX}<RULE_ID>: "<reason>"\` on the workload or its pod template;`,
    'K8S_NO_PRIVILEGED, K8S_NO_HOST_NAMESPACES and K8S_NO_PRIV_ESC honour it.',
    'A Helm release is rendered by Helm at apply time, so its pods are not in the Terraform JSON: instead the release records the host access',
    'its upstream chart gives them (the `hostAccess` prop of the HelmChart construct, written into the release\'s `//` comment), which',
    'HELM_HOST_ACCESS requires, and HELM_CHART_PINNED requires an exact chart version from an https:// or oci:// source.',
    '',
    'The references name the checks of other scanners that cover the same policy (fully or in part); "none" means there is no such check.',
    '',
  ].join('\n');
}
