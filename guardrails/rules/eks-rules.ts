/** EKS control-plane rules: who reaches the API, what it logs, how it keeps secrets. */
import type { Finding, Rule } from '../rule';
import { findingAt, isTrue, resourcesOf, singleBlock, stringList, type TerraformBlock } from '../terraform-json';

/** CIDRs that mean "anyone on the internet". */
const WORLD_CIDRS = ['0.0.0.0/0', '::/0'];

/** The control-plane log types EKS offers; all of them are needed for audit and diagnosis. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

function checkEndpoint(cluster: TerraformBlock): Finding[] {
  const vpc = singleBlock(cluster.config.vpc_config) ?? {};
  // The AWS provider's default for endpoint_public_access is true, and for public_access_cidrs 0.0.0.0/0.
  const isPublic = vpc.endpoint_public_access === undefined || isTrue(vpc.endpoint_public_access);
  if (!isPublic) return [];
  const cidrs = vpc.public_access_cidrs;
  if (cidrs === undefined || (Array.isArray(cidrs) && cidrs.length === 0)) {
    return [findingAt(cluster, 'has a public API endpoint open to 0.0.0.0/0 (no public_access_cidrs); make it private or list the CIDRs that may reach it (NEEDS-v1 cloud.apiAccessCidrs)')];
  }
  if (!Array.isArray(cidrs)) {
    return [findingAt(cluster, 'has a public API endpoint whose public_access_cidrs tracklayer cannot read; list them literally', 'warning')];
  }
  const world = stringList(cidrs).filter((cidr) => WORLD_CIDRS.includes(cidr));
  if (world.length > 0) return [findingAt(cluster, `has a public API endpoint open to ${world.join(' and ')}; make it private or list the CIDRs that may reach it`)];
  return [
    findingAt(
      cluster,
      `has a public API endpoint reachable from ${stringList(cidrs).join(', ')}; accept it with a guardrails.suppress entry that says why, or make the endpoint private`,
      'warning',
    ),
  ];
}

/** EKS_ENDPOINT: the API endpoint is private, or public only to named CIDRs (then a warning). */
export const eksEndpoint: Rule = {
  id: 'EKS_ENDPOINT',
  level: 'error',
  rationale: 'The Kubernetes API is private; a public endpoint open to the internet is an error, one limited to named CIDRs a warning to accept explicitly.',
  references: { checkov: ['CKV_AWS_39', 'CKV_AWS_38'], trivy: ['AVD-AWS-0040', 'AVD-AWS-0041'], cdkNag: ['AwsSolutions-EKS1'] },
  check: (stack) => resourcesOf(stack, 'aws_eks_cluster').flatMap(checkEndpoint),
};

/** EKS_LOGS: every control-plane log type goes to CloudWatch. */
export const eksLogs: Rule = {
  id: 'EKS_LOGS',
  level: 'error',
  rationale: 'All five control-plane log types (api, audit, authenticator, controllerManager, scheduler) are sent to CloudWatch for audit and incident response.',
  references: { checkov: ['CKV_AWS_37'], trivy: ['AVD-AWS-0038'], cdkNag: ['AwsSolutions-EKS2'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_eks_cluster').flatMap((cluster): Finding[] => {
      const enabled = stringList(cluster.config.enabled_cluster_log_types);
      const missing = EKS_LOG_TYPES.filter((type) => !enabled.includes(type));
      return missing.length === 0 ? [] : [findingAt(cluster, `does not log ${missing.join(', ')}; enable all of ${EKS_LOG_TYPES.join(', ')} in enabled_cluster_log_types`)];
    }),
};

/** EKS_SECRETS_KMS: Kubernetes secrets are envelope-encrypted with a customer managed key. */
export const eksSecretsKms: Rule = {
  id: 'EKS_SECRETS_KMS',
  level: 'error',
  rationale: 'Kubernetes secrets are envelope-encrypted in etcd with a customer managed KMS key, whose policy and logs gate their use.',
  references: { checkov: ['CKV_AWS_58'], trivy: ['AVD-AWS-0039'], cdkNag: 'none' },
  check: (stack) =>
    resourcesOf(stack, 'aws_eks_cluster').flatMap((cluster): Finding[] => {
      const encryption = singleBlock(cluster.config.encryption_config);
      const coversSecrets = stringList(encryption?.resources).includes('secrets');
      const keyArn = singleBlock(encryption?.provider)?.key_arn;
      return coversSecrets && keyArn ? [] : [findingAt(cluster, 'does not encrypt Kubernetes secrets with a KMS key; add encryption_config with resources ["secrets"] and provider.key_arn')];
    }),
};

/** The EKS rules, in registry order. */
export const EKS_RULES: readonly Rule[] = [eksEndpoint, eksLogs, eksSecretsKms];
