/** Tag rules: every AWS resource carries the tracklayer tags through the provider's default_tags. */
import type { Finding, Rule } from '../rule';
import { awsDefaultTags } from '../terraform-json';

/** The tags every tracklayer stack puts on its AWS resources (stacks/tracklayer-stack.ts `defaultTags`). */
export const REQUIRED_TAG_KEYS = ['tracklayer:project', 'tracklayer:environment', 'tracklayer:strategy', 'tracklayer:stack', 'managed-by'] as const;

/** TAGS_REQUIRED: each AWS provider's default_tags carry the five tracklayer tags. */
export const tagsRequired: Rule = {
  id: 'TAGS_REQUIRED',
  level: 'error',
  rationale: 'Every AWS resource carries the tracklayer tags (project, environment, strategy, stack, managed-by) through the provider default_tags, for cost allocation, ownership and environment-aware rules.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    awsDefaultTags(stack).flatMap(({ address, tags }): Finding[] => {
      const findings: Finding[] = [];
      const missing = REQUIRED_TAG_KEYS.filter((key) => typeof tags[key] !== 'string' || tags[key] === '');
      if (missing.length > 0) findings.push({ address, path: stack.name, message: `default_tags lack ${missing.join(', ')}; every AWS provider of a stack sets all of ${REQUIRED_TAG_KEYS.join(', ')}` });
      const stackTag = tags['tracklayer:stack'];
      if (typeof stackTag === 'string' && stackTag !== '' && stackTag !== stack.name) {
        findings.push({ address, path: stack.name, message: `default tag tracklayer:stack is "${stackTag}" but the stack is ${stack.name}` });
      }
      return findings;
    }),
};

/** The tag rules, in registry order. */
export const TAG_RULES: readonly Rule[] = [tagsRequired];
