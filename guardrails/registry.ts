/**
 * Every guardrail rule, one per id of rule-ids.ts (a test enforces it), in the order of
 * rule-ids.ts. `tracklayer synth` and `tracklayer check` run these; RULES.md is generated
 * from them.
 */
import type { Rule } from './rule';
import type { RuleId } from '../needs/rule-ids';
import { DATA_PROTECTION_RULES } from './rules/data-protection-rules';
import { EFA_RULES } from './rules/efa-rules';
import { EKS_RULES } from './rules/eks-rules';
import { HELM_RULES } from './rules/helm-rules';
import { IAM_RULES } from './rules/iam-rules';
import { KMS_RULES } from './rules/kms-rules';
import { KUBERNETES_RULES } from './rules/kubernetes-rules';
import { LAUNCH_TEMPLATE_RULES } from './rules/launch-template-rules';
import { NETWORK_RULES } from './rules/network-rules';
import { S3_RULES } from './rules/s3-rules';
import { SCHEDULABILITY_RULES } from './rules/schedulability-rules';
import { STATE_RULES } from './rules/state-rules';
import { TAG_RULES } from './rules/tag-rules';
import { GOVERNANCE_RULES } from './rules/governance-rules';
import { MESSAGING_RULES } from './rules/messaging-rules';
import { STREAMING_RULES } from './rules/streaming-rules';

/** The registry: every rule tracklayer defines. */
export const RULES: readonly Rule[] = [
  ...S3_RULES,
  ...DATA_PROTECTION_RULES,
  ...KMS_RULES,
  ...EKS_RULES,
  ...LAUNCH_TEMPLATE_RULES,
  ...NETWORK_RULES,
  ...EFA_RULES,
  ...IAM_RULES,
  ...STATE_RULES,
  ...KUBERNETES_RULES,
  ...HELM_RULES,
  ...SCHEDULABILITY_RULES,
  ...TAG_RULES,
  ...STREAMING_RULES,
  ...GOVERNANCE_RULES,
  ...MESSAGING_RULES,
];

/** The rule with an id. @throws Error when the registry lacks it (a bug: a test covers every id). */
export function ruleById(id: RuleId): Rule {
  const rule = RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no guardrail rule has the id ${id}`);
  return rule;
}
