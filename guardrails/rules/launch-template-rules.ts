/** Launch-template rules for nodes: IMDSv2 only, encrypted volumes. */
import { LAUNCHED_RESOURCE_TYPES, PROJECT_TAG } from '../../catalog/cost-allocation';
import type { Finding, Rule } from '../rule';
import { blockList, findingAt, isTrue, resourcesOf, singleBlock } from '../terraform-json';

/**
 * The largest IMDS response hop limit allowed: 1 keeps instance credentials on the node; 2 is
 * what EKS recommends when pods on the host network or the CNI need IMDS (AWS EKS best
 * practices). More lets any container reach the node role.
 */
export const MAX_IMDS_HOP_LIMIT = 2;

/** LT_IMDSV2: launch templates require IMDSv2 tokens and keep the hop limit small. */
export const ltImdsv2: Rule = {
  id: 'LT_IMDSV2',
  level: 'error',
  rationale: 'Nodes require IMDSv2 session tokens with a hop limit of at most 2, so SSRF and containers cannot lift the node role\'s credentials.',
  references: { checkov: ['CKV_AWS_79', 'CKV_AWS_341'], trivy: ['AVD-AWS-0130', 'AVD-AWS-0028'], cdkNag: ['NIST.800.53.R5-EC2IMDSv2Enabled'] },
  check: (stack) => [
    ...resourcesOf(stack, 'aws_launch_template').flatMap((template): Finding[] => {
      const metadata = singleBlock(template.config.metadata_options) ?? {};
      if (metadata.http_endpoint === 'disabled') return [];
      const findings: Finding[] = [];
      if (metadata.http_tokens !== 'required') {
        findings.push(findingAt(template, `allows IMDSv1 (http_tokens is ${JSON.stringify(metadata.http_tokens ?? 'unset')}); set metadata_options.http_tokens to "required"`));
      }
      const hops = Number(metadata.http_put_response_hop_limit ?? 1);
      if (hops > MAX_IMDS_HOP_LIMIT) {
        findings.push(findingAt(template, `lets IMDS responses travel ${hops} hops, so containers can reach the node role; set http_put_response_hop_limit to ${MAX_IMDS_HOP_LIMIT} or less`));
      }
      return findings;
    }),
    // A managed node group without a launch template uses one EKS generates, whose IMDS
    // settings are not in the synthesized JSON and cannot be checked.
    ...resourcesOf(stack, 'aws_eks_node_group').flatMap((group): Finding[] =>
      singleBlock(group.config.launch_template) ? [] : [findingAt(group, 'has no launch template, so its IMDS settings cannot be verified; give it one with metadata_options.http_tokens "required"')],
    ),
  ],
};

/** LT_EBS_ENCRYPTED: every EBS volume a launch template declares is encrypted. */
export const ltEbsEncrypted: Rule = {
  id: 'LT_EBS_ENCRYPTED',
  level: 'error',
  rationale: 'Node volumes (root disks, image caches, scratch data from training) are encrypted at rest, declared in the launch template rather than left to an account default.',
  references: { checkov: ['CKV_AWS_8'], trivy: ['AVD-AWS-0008', 'AVD-AWS-0131'], cdkNag: ['AwsSolutions-EC26'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_launch_template').flatMap((template): Finding[] => {
      const volumes = blockList(template.config.block_device_mappings).filter((mapping) => singleBlock(mapping.ebs));
      if (volumes.length === 0) {
        return [findingAt(template, 'declares no EBS volume, so the root volume is encrypted only if the account enables EBS encryption by default; declare block_device_mappings with ebs.encrypted true')];
      }
      return volumes
        .filter((mapping) => !isTrue(singleBlock(mapping.ebs)?.encrypted))
        .map((mapping) => findingAt(template, `volume ${String(mapping.device_name ?? '(no device name)')} is not encrypted; set ebs.encrypted to true`));
    }),
};

/** LT_LAUNCHED_TAGS: every launch template tags its instances, volumes and network interfaces with the project. */
export const ltLaunchedTags: Rule = {
  id: 'LT_LAUNCHED_TAGS',
  level: 'error',
  rationale:
    'Instances, volumes and network interfaces launched from a template carry only its tag_specifications, not the provider default_tags; without tracklayer:project there, GPU spend is invisible to the project budget and to cost allocation.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    resourcesOf(stack, 'aws_launch_template').flatMap((template): Finding[] => {
      const specs = blockList(template.config.tag_specifications);
      const untagged = LAUNCHED_RESOURCE_TYPES.filter((type) => {
        const tags = specs.find((spec) => spec.resource_type === type)?.tags as Record<string, unknown> | undefined;
        return typeof tags?.[PROJECT_TAG] !== 'string' || tags[PROJECT_TAG] === '';
      });
      return untagged.length === 0
        ? []
        : [findingAt(template, `does not tag the ${untagged.join(', ')} it launches with ${PROJECT_TAG}; add tag_specifications for them with the stack's tags, or the budget never sees their cost`)];
    }),
};

/** The launch-template rules, in registry order. */
export const LAUNCH_TEMPLATE_RULES: readonly Rule[] = [ltImdsv2, ltEbsEncrypted, ltLaunchedTags];
