/**
 * Reading synthesized Terraform JSON for rules: resources with their address and construct
 * path, references between resources (`${aws_s3_bucket.raw.bucket}`), and the shapes cdktf
 * writes for nested blocks (a single block as an object, repeated blocks as a list).
 */
import type { Finding, SynthesizedStack } from './rule';

/** A resource (or data source) of a stack with what a finding needs to name it. */
export interface TerraformBlock {
  /** The resource type (`aws_s3_bucket`). */
  readonly type: string;
  /** The resource name, unique per type in the stack. */
  readonly name: string;
  /** `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  /** The construct path cdktf recorded, else `<stack>/<address>`. */
  readonly path: string;
  /** The configuration, as synthesized. */
  readonly config: Record<string, unknown>;
}

/** Where cdktf records the construct path of a block. */
function metadataPath(config: Record<string, unknown>): string | undefined {
  const comment = config['//'] as { metadata?: { path?: unknown } } | undefined;
  const path = comment?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

function blocksOf(stack: SynthesizedStack, kind: 'resource' | 'data', type: string): TerraformBlock[] {
  const byName = stack.json[kind]?.[type] ?? {};
  return Object.entries(byName).map(([name, config]) => {
    const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    return { type, name, address, path: metadataPath(config) ?? `${stack.name}/${address}`, config };
  });
}

/** Every resource of the given types, in the order of the types, then of the JSON. */
export function resourcesOf(stack: SynthesizedStack, ...types: string[]): TerraformBlock[] {
  return types.flatMap((type) => blocksOf(stack, 'resource', type));
}

/** Every data source of a type. */
export function dataSourcesOf(stack: SynthesizedStack, type: string): TerraformBlock[] {
  return blocksOf(stack, 'data', type);
}

/** A finding about a block. */
export function findingAt(block: TerraformBlock, message: string, level?: Finding['level']): Finding {
  return level === undefined ? { address: block.address, path: block.path, message } : { address: block.address, path: block.path, message, level };
}

/** A nested block as a list: cdktf writes single blocks as objects and repeated ones as lists. */
export function blockList(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first (usually only) nested block, if any. */
export function singleBlock(value: unknown): Record<string, unknown> | undefined {
  return blockList(value)[0];
}

/** A list attribute as strings (a lone string counts as a one-element list). */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** True for `true` and `"true"` (cdktf writes some provider booleans as strings). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** True when a string holds an unresolved Terraform expression (`${...}`). */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A plain object (not a list, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names of resources of `type` that `value` refers to, anywhere inside it:
 * `${aws_security_group.efa.id}` → `efa`. Data sources are not resources, so
 * `${data.aws_iam_policy_document.x.json}` is not a reference to `aws_iam_policy_document`.
 */
export function referencesTo(value: unknown, type: string): string[] {
  const pattern = new RegExp(`(?<![\\w.-])${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.([A-Za-z0-9_-]+)`, 'g');
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(pattern)) names.add(match[1]);
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (isObject(node)) {
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return [...names];
}

/** The configuration blocks of one provider (`aws`), each with its alias if it has one. */
export function providerConfigs(stack: SynthesizedStack, provider: string): { address: string; config: Record<string, unknown> }[] {
  return blockList(stack.json.provider?.[provider]).map((config) => ({
    address: typeof config.alias === 'string' ? `provider.${provider}.${config.alias}` : `provider.${provider}`,
    config,
  }));
}

/** The default tags of each AWS provider configuration of the stack. */
export function awsDefaultTags(stack: SynthesizedStack): { address: string; tags: Record<string, unknown> }[] {
  return providerConfigs(stack, 'aws').map(({ address, config }) => ({ address, tags: singleBlock(singleBlock(config.default_tags)?.tags) ?? {} }));
}

/** The environment the stack was built for (the `tracklayer:environment` default tag), if it says. */
export function environmentOf(stack: SynthesizedStack): string | undefined {
  for (const { tags } of awsDefaultTags(stack)) {
    const environment = tags['tracklayer:environment'];
    if (typeof environment === 'string') return environment;
  }
  return undefined;
}
