/**
 * One Terraform root that holds many stacks, so `terraform init`, `validate` and the rehearsed
 * apply run once for all of them instead of once each: every provider start, schema load and
 * lock-file check is paid once. Each stack is a module named after the stack, in a folder of
 * the same name, holding the stack's own JSON without two blocks a module cannot carry as the
 * root did:
 *
 * - `terraform.backend`: only a root has a backend (verify initializes with -backend=false, so
 *   the backend was never checked);
 * - `provider "aws"`: a module's own provider block would escape the mock provider of the
 *   rehearsal (Terraform mocks only the root's providers), and every provider configuration,
 *   aliased or not, is a provider process of its own in each phase (about a second each, per
 *   stack); so the members share the root's one `provider "aws"`, the first member's, and a
 *   stack joins only a root whose provider block is the same as its own but for the values of
 *   its default tags (`tracklayer:stack` names each stack by design). A stack in another region
 *   or with other provider settings goes into another root.
 *
 * `data.terraform_remote_state` lookups stay in the modules (the rehearsal overrides them there).
 * A stack is combined only when it fits this scheme exactly (./combined-root `isCombinable`);
 * any other stack is verified alone, in its own directory.
 */
import type { StackDocument } from './verifiable-part';

/** A stack placed in a combined root. */
export interface RootMember {
  /** The stack's name: its module's name and folder. */
  readonly name: string;
  /** The stack's JSON (or the verifiable part of it). */
  readonly json: StackDocument;
}

/** Top-level blocks a stack may hold and still be a module of a combined root. */
const MODULE_BLOCKS = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'output', 'locals']);

/** Settings of the `terraform` block a module may keep (the backend is dropped). */
const MODULE_SETTINGS = new Set(['backend', 'required_providers', 'required_version']);

/**
 * True when the stack can be a module of a combined root: its only provider is `aws`, with one
 * configuration and no alias, and it holds nothing a module cannot (input variables, module
 * calls, import blocks, a cloud block).
 */
export function isCombinable(json: StackDocument): boolean {
  if (!Object.keys(json).every((key) => MODULE_BLOCKS.has(key))) return false;
  if (!Object.keys(json.terraform ?? {}).every((key) => MODULE_SETTINGS.has(key))) return false;
  if (!Object.keys(json.terraform?.required_providers ?? {}).every((name) => name === 'aws')) return false;
  const providers = json.provider ?? {};
  if (!Object.keys(providers).every((name) => name === 'aws')) return false;
  const aws = providers.aws;
  const configs = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
  return configs.length === 1 && typeof configs[0] === 'object' && configs[0] !== null && !('alias' in configs[0]);
}

/**
 * What members of one combined root must share: the AWS provider's requirement, and its
 * configuration but for the values of the default tags (the tags themselves stay: a stack with
 * other tag keys goes elsewhere).
 */
export function combinationKey(json: StackDocument): string {
  const config = awsConfig(json);
  const defaultTags = Array.isArray(config.default_tags) ? config.default_tags : [];
  const shape = {
    ...config,
    default_tags: defaultTags.map((block: { tags?: Record<string, unknown> }) => ({ ...block, tags: Object.keys(block.tags ?? {}).sort() })),
  };
  return JSON.stringify([json.terraform?.required_providers?.aws ?? null, shape]);
}

/** The provider configuration of a combinable stack. */
function awsConfig(json: StackDocument): Record<string, unknown> {
  const aws = json.provider?.aws;
  return (Array.isArray(aws) ? aws[0] : aws) as Record<string, unknown>;
}

/**
 * The files of a combined root of `members` (all combinable, one combination key): path
 * relative to the root → text. The rehearsal's test file is added by the caller.
 */
export function combinedRootFiles(members: readonly RootMember[]): Record<string, string> {
  const files: Record<string, string> = {};
  const root = {
    terraform: { required_providers: { aws: members[0].json.terraform?.required_providers?.aws } },
    provider: { aws: [awsConfig(members[0].json)] },
    module: Object.fromEntries(members.map((m) => [m.name, { source: `./${m.name}` }])),
  };
  files['main.tf.json'] = `${JSON.stringify(root, null, 2)}\n`;
  for (const member of members) {
    const { provider: _provider, terraform, ...rest } = member.json;
    const { backend: _backend, ...settings } = terraform ?? {};
    files[`${member.name}/cdk.tf.json`] = `${JSON.stringify({ ...rest, terraform: settings }, null, 2)}\n`;
  }
  return files;
}
