/**
 * A rehearsed apply for `tracklayer verify`: a `terraform test` file that applies a synthesized
 * stack against `mock_provider "aws"`, so every resource is planned and "created" end to end
 * through the real provider schema and validators, with no cloud account.
 *
 * Mock values must satisfy the provider's own validators where one resource consumes another's
 * attribute (an ARN must look like an ARN, a launch template id like `lt-…`), so each resource
 * type gets defaults for `arn` and `id` in the shape AWS uses. Remote-state lookups of other
 * stacks are overridden with the same kind of values, derived from the producing stack's
 * outputs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The account every mock ARN names (an AWS documentation account id). */
export const MOCK_ACCOUNT = '123456789012';

/** EC2-style id prefixes, so validators that check them pass. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_launch_template: 'lt',
  aws_route_table: 'rtb',
  aws_vpc_endpoint: 'vpce',
  aws_nat_gateway: 'nat',
  aws_internet_gateway: 'igw',
  aws_eip: 'eipalloc',
  aws_vpn_gateway: 'vgw',
  aws_customer_gateway: 'cgw',
  aws_vpn_connection: 'vpn',
  aws_placement_group: 'pg',
};

/** Computed blocks other resources or outputs index into (a mock would leave them empty). */
const EXTRA_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  // The endpoint-specific S3 name an output derives from dns_entry[0] (`*.vpce-….s3.<region>.vpce.amazonaws.com`).
  aws_vpc_endpoint: ['dns_entry = [{ dns_name = "*.vpce-0123456789abcdef0-mock.s3.us-east-1.vpce.amazonaws.com", hosted_zone_id = "Z7HUB22UULQXV" }]'],
  aws_eks_cluster: ['certificate_authority = [{ data = "bW9jaw==" }]', 'endpoint = "https://mock.eks.amazonaws.com"'],
  // The Cluster Autoscaler's node-template tags name the node group's ASG: resources[0].autoscaling_groups[0].name.
  aws_eks_node_group: ['resources = [{ autoscaling_groups = [{ name = "eks-mock-asg" }], remote_access_security_group_id = "" }]'],
};

/**
 * Types whose instances need distinct ids within a stack: a set of them (the two subnets of
 * `aws_route53_resolver_endpoint.ip_address`) would collapse identical mock ids into one element.
 */
const DISTINCT_ID_TYPES = ['aws_subnet'] as const;

/** The `index`-th distinct mock id of `type` (same prefix and hex length as {@link mockValue}). */
export function distinctMockId(type: string, index: number): string {
  return `${ID_PREFIXES[type]}-${index.toString(16).padStart(17, '0')}`;
}

/** ARN service of a resource type where it differs from the type's first word. */
const ARN_SERVICES: Readonly<Record<string, string>> = { aws_cloudwatch_log_group: 'logs', aws_cloudwatch_metric_alarm: 'cloudwatch', aws_s3tables_table_bucket: 's3tables' };

/**
 * IAM ARNs are global (no region) and name the entity kind, `arn:aws:iam::<account>:role/<name>`;
 * validators that take a principal (Lake Formation grants) check that shape.
 */
const IAM_ARN_KINDS: Readonly<Record<string, string>> = { aws_iam_role: 'role', aws_iam_policy: 'policy', aws_iam_user: 'user', aws_iam_group: 'group' };

/** A mock value of `attribute` of a resource of `type`. */
export function mockValue(type: string, attribute: string): string {
  if (attribute === 'arn' && IAM_ARN_KINDS[type]) return `arn:aws:iam::${MOCK_ACCOUNT}:${IAM_ARN_KINDS[type]}/mock`;
  if (attribute === 'arn' || attribute.endsWith('_arn')) {
    const service = ARN_SERVICES[type] ?? type.split('_')[1];
    return `arn:aws:${service}:us-east-1:${MOCK_ACCOUNT}:${type.replace(/^aws_/, '')}/mock`;
  }
  if (attribute === 'id' && ID_PREFIXES[type]) return `${ID_PREFIXES[type]}-0123456789abcdef0`;
  return `mock-${type}-${attribute}`;
}

const ARN_ATTRIBUTE = new Map<string, boolean>();

/** True when the provider binding of `type` has an `arn` attribute (read from the generated classes, once per type). */
function hasArn(type: string): boolean {
  let known = ARN_ATTRIBUTE.get(type);
  if (known === undefined) ARN_ATTRIBUTE.set(type, (known = bindingHasArn(type)));
  return known;
}

/** A getter or setter named `arn` in a generated class. */
const ARN_ACCESSOR = /\b[gs]et arn\(/;

/**
 * Whether any class of the binding (the resource and its nested blocks) has an `arn` accessor,
 * read from the generated source rather than loaded: loading a binding would load a second
 * cdktf beside the bundled one (a second of verify, before the first Terraform starts).
 */
function bindingHasArn(type: string): boolean {
  const folder = join(require.resolve('@cdktf/provider-aws/package.json'), '..', 'lib', type.replace(/^aws_/, '').replace(/_/g, '-'));
  if (!existsSync(folder)) return false;
  const structs = join(folder, 'index-structs');
  const files = [join(folder, 'index.js'), ...(existsSync(structs) ? readdirSync(structs).filter((f) => f.endsWith('.js')).map((f) => join(structs, f)) : [])];
  return files.some((file) => ARN_ACCESSOR.test(readFileSync(file, 'utf8')));
}

type StackJson = { readonly resource?: Readonly<Record<string, unknown>>; readonly data?: Readonly<Record<string, Readonly<Record<string, unknown>>>>; readonly output?: Readonly<Record<string, unknown>> };

/** `${type.name.attribute}` → [type, attribute]. */
function referenced(value: unknown): [string, string] | undefined {
  const match = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.[^.]+\.([a-z0-9_]+)\}$/.exec(value) : null;
  return match ? [match[1], match[2]] : undefined;
}

function hcl(value: string): string {
  return JSON.stringify(value);
}

/** `mock_provider "aws"` with defaults for every AWS resource type of `stack`. */
function mockProvider(stack: StackJson): string[] {
  const lines = ['mock_provider "aws" {'];
  for (const type of Object.keys(stack.resource ?? {}).filter((t) => t.startsWith('aws_')).sort()) {
    const defaults = [`id = ${hcl(mockValue(type, 'id'))}`, ...(hasArn(type) ? [`arn = ${hcl(mockValue(type, 'arn'))}`] : []), ...(EXTRA_DEFAULTS[type] ?? [])];
    lines.push(`  mock_resource ${hcl(type)} {`, `    defaults = { ${defaults.join(', ')} }`, '  }');
  }
  lines.push('  mock_data "aws_caller_identity" {', `    defaults = { account_id = ${hcl(MOCK_ACCOUNT)} }`, '  }');
  lines.push('  mock_data "aws_partition" {', '    defaults = { partition = "aws" }', '  }', '}', '');
  return lines;
}

/** `override_resource` giving each instance of a {@link DISTINCT_ID_TYPES} type its own id; `module` prefixes the targets. */
function distinctIds(stack: StackJson, module?: string): string[] {
  const lines: string[] = [];
  const prefix = module === undefined ? '' : `module.${module}.`;
  for (const type of DISTINCT_ID_TYPES) {
    Object.keys((stack.resource?.[type] ?? {}) as Record<string, unknown>)
      .sort()
      .forEach((name, index) => lines.push('override_resource {', `  target = ${prefix}${type}.${name}`, `  values = { id = ${hcl(distinctMockId(type, index))} }`, '}', ''));
  }
  return lines;
}

/** `override_data` for each remote-state lookup of `stack`, with mock outputs of the producing stack; `module` prefixes the targets. */
function remoteStateOverrides(stack: StackJson, stacks: Readonly<Record<string, StackJson>>, module?: string): string[] {
  const lines: string[] = [];
  for (const name of Object.keys(stack.data?.terraform_remote_state ?? {}).sort()) {
    const producer = stacks[name.replace(/^cross-stack-reference-input-/, '')];
    const outputs = Object.entries(producer?.output ?? {}).map(([key, output]) => {
      const ref = referenced((output as { value?: unknown } | undefined)?.value);
      return `      ${hcl(key)} = ${hcl(ref ? mockValue(ref[0], ref[1]) : 'mock')}`;
    });
    const target = `${module === undefined ? '' : `module.${module}.`}data.terraform_remote_state.${name}`;
    lines.push('override_data {', `  target = ${target}`, '  values = {', '    outputs = {', ...outputs, '    }', '  }', '}', '');
  }
  return lines;
}

/** The name of the run block; its verdict decides the rehearsal. */
export const REHEARSAL_RUN = 'rehearse_apply';

const RUN_BLOCK = [`run ${hcl(REHEARSAL_RUN)} {`, '  command = apply', '}', ''];

/** The `terraform test` file that rehearses an apply of `stack`; `stacks` are all synthesized stacks by name. */
export function rehearsalTest(stack: StackJson, stacks: Readonly<Record<string, StackJson>>): string {
  return [...mockProvider(stack), ...distinctIds(stack), ...remoteStateOverrides(stack, stacks), ...RUN_BLOCK].join('\n');
}

/**
 * The `terraform test` file that rehearses one apply of every member of a combined root
 * (./combined-root): one mock provider (the members share the root's AWS provider) with
 * defaults for every AWS resource type of any member, and each member's distinct ids and
 * remote-state lookups overridden inside its module.
 */
export function combinedRehearsalTest(members: readonly { readonly name: string; readonly json: StackJson }[], stacks: Readonly<Record<string, StackJson>>): string {
  const resource = Object.fromEntries(members.flatMap((m) => Object.keys(m.json.resource ?? {})).map((type) => [type, {}]));
  return [...mockProvider({ resource }), ...members.flatMap((m) => distinctIds(m.json, m.name)), ...members.flatMap((m) => remoteStateOverrides(m.json, stacks, m.name)), ...RUN_BLOCK].join('\n');
}

/** One line of `terraform test -json` output, as far as the verdict reads it. */
interface TestEvent {
  readonly type?: string;
  readonly test_run?: { readonly run?: string; readonly progress?: string; readonly status?: string };
  readonly test_file?: { readonly progress?: string };
}

function testEvent(line: string): TestEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as TestEvent;
  } catch {
    return undefined;
  }
}

/**
 * The rehearsed apply's verdict in a line of `terraform test -json` output: `pass`, `fail`
 * (the run failed or errored), or undefined when the line is not the verdict. Only the run's
 * verdict counts: tearing the mock state down afterwards fails by design for resources with
 * `prevent_destroy` (data in prod), and the mock state lives only in memory.
 */
export function rehearsalVerdict(line: string): 'pass' | 'fail' | undefined {
  const event = testEvent(line);
  if (event?.type !== 'test_run' || event.test_run?.run !== REHEARSAL_RUN || event.test_run.progress !== 'complete') return undefined;
  return event.test_run.status === 'pass' ? 'pass' : 'fail';
}

/** True when a line of `terraform test -json` output says the teardown begins: the run's own diagnostics are all printed by then. */
export function teardownBegins(line: string): boolean {
  const event = testEvent(line);
  return event?.type === 'test_file' && event.test_file?.progress === 'teardown';
}
