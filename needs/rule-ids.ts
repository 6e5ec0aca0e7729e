/**
 * The ids of the policy rules tracklayer defines. A needs file may suppress only these
 * (`guardrails.suppress[].rule`); the guardrails registry attaches a check to each id.
 * Kept in the needs layer (the lowest) so the needs validator stays free of synthesis code;
 * guardrails/ imports the ids from here.
 */
export const RULE_IDS = [
  'S3_SSE_KMS',
  'S3_PUBLIC_ACCESS_BLOCK',
  'S3_TLS_ONLY',
  'S3_VERSIONING',
  'S3_ACLS_DISABLED',
  'DATA_PREVENT_DESTROY',
  'DATA_NO_FORCE_DESTROY',
  'KMS_ROTATION',
  'EKS_ENDPOINT',
  'EKS_LOGS',
  'EKS_SECRETS_KMS',
  'LT_IMDSV2',
  'LT_EBS_ENCRYPTED',
  'LT_LAUNCHED_TAGS',
  'NODE_NO_PUBLIC_IP',
  'SG_NO_WORLD_INGRESS',
  'EFA_SG_SELF',
  'EFA_TOPOLOGY',
  'IAM_NO_ADMIN',
  'STATE_BACKEND',
  'K8S_NO_PRIVILEGED',
  'K8S_NO_HOST_NAMESPACES',
  'K8S_IMAGE_PINNED',
  'K8S_NO_PRIV_ESC',
  'K8S_RESOURCES',
  'K8S_GPU_LIMITS',
  'HELM_CHART_PINNED',
  'HELM_HOST_ACCESS',
  'SCHED_PLACEMENT',
  'SCHED_ROLLOUT',
  'SCHED_NAMESPACE_LIMITS',
  'TAGS_REQUIRED',
  'MSK_ACCESS',
  'MSK_CMK',
  'KINESIS_CMK',
  'FIREHOSE_SSE_KMS',
  'LAKEFORMATION_GRANTS',
  'MESSAGES_ENCRYPTED',
] as const;

/** A policy rule id. */
export type RuleId = (typeof RULE_IDS)[number];
