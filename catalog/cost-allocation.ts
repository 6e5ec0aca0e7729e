/**
 * How spend is attributed to a project: the tag every tracklayer resource carries, and what EC2
 * creates from a launch template (which carries only the template's tag_specifications, never
 * the provider's default_tags). Shared by the stacks that set the tags, the budget that filters on
 * them, and the guardrail that checks them.
 */

/** The tag the project budget and cost allocation count spend by. */
export const PROJECT_TAG = 'tracklayer:project';

/**
 * What EC2 creates from a node launch template, as the terraform-aws-modules EKS managed node
 * group tags by default (terraform-aws-modules/terraform-aws-eks modules/eks-managed-node-group,
 * `tag_specifications`).
 */
export const LAUNCHED_RESOURCE_TYPES = ['instance', 'volume', 'network-interface'] as const;
