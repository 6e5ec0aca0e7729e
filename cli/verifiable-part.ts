/**
 * The part of a synthesized stack that Terraform can verify when some of its providers are not
 * at hand: an edge-<site> stack holds the site's IAM Roles Anywhere role and profile beside its
 * Kubernetes and Helm resources, and an offline mirror with only hashicorp/aws would otherwise
 * leave those AWS resources unverified.
 *
 * The part keeps every resource, data source, output and local value whose provider is
 * available and that refers — directly, through `depends_on`, or through another block — to
 * nothing whose provider is missing; the providers and required_providers of the missing ones go too.
 * That is sound for what it claims: in these stacks the Kubernetes side consumes the AWS side
 * (the pod gets the role's ARN), never the reverse, so the AWS resources plan and apply the
 * same with or without it; an AWS resource that does refer to a missing provider's resource
 * is left out, and named as not verified, rather than verified against a stand-in. A stack
 * verified this way is reported as "partially verified", never as valid.
 */

/** The JSON of a synthesized stack, as far as the split reads it. */
export interface StackDocument {
  readonly terraform?: { readonly required_providers?: Readonly<Record<string, unknown>>; readonly [key: string]: unknown };
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly locals?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A stack cut down to what its available providers can verify. */
export interface VerifiablePart {
  /** The stack without the blocks of missing providers and what refers to them. */
  readonly json: StackDocument;
  /** Addresses of the resources it keeps (`type.name`). */
  readonly verified: readonly string[];
  /** Addresses of the resources it leaves out (`type.name`). */
  readonly notVerified: readonly string[];
}

/** Providers built into Terraform (terraform_remote_state, terraform_data): always available. */
const BUILT_IN_PROVIDER = 'terraform';

/** `type.name`, `data.type.name`: the references Terraform expressions and depends_on use. */
const REFERENCE = /\b(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+/g;

/** The provider local name a resource or data source of `type` belongs to (its `provider` argument, else the type's first word). */
function providerOf(type: string, config: unknown): string {
  const explicit = typeof config === 'object' && config !== null ? (config as { provider?: unknown }).provider : undefined;
  if (typeof explicit === 'string') return explicit.replace(/^\$\{|\}$/g, '').split('.')[0];
  return type.split('_')[0];
}

/** Every string anywhere in a value. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

interface Block {
  readonly address: string;
  readonly kind: 'resource' | 'data' | 'output' | 'local';
  readonly provider: string | undefined;
  readonly refs: readonly string[];
}

function blocksOf(json: StackDocument): Block[] {
  const blocks: { address: string; kind: Block['kind']; provider: string | undefined; config: unknown }[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const [name, config] of Object.entries(byName)) blocks.push({ address: `${type}.${name}`, kind: 'resource', provider: providerOf(type, config), config });
  for (const [type, byName] of Object.entries(json.data ?? {})) for (const [name, config] of Object.entries(byName)) blocks.push({ address: `data.${type}.${name}`, kind: 'data', provider: providerOf(type, config), config });
  for (const [name, config] of Object.entries(json.output ?? {})) blocks.push({ address: `output.${name}`, kind: 'output', provider: undefined, config });
  for (const [name, config] of Object.entries(json.locals ?? {})) blocks.push({ address: `local.${name}`, kind: 'local', provider: undefined, config });
  const known = new Set(blocks.map((b) => b.address));
  return blocks.map(({ config, ...block }) => ({ ...block, refs: [...new Set(stringsIn(config).flatMap((text) => text.match(REFERENCE) ?? []))].filter((ref) => known.has(ref) && ref !== block.address) }));
}

/**
 * The part of `json` that the providers not in `missing` can verify, or undefined when that part
 * holds no resource at all (nothing to verify).
 */
export function verifiablePart(json: StackDocument, missing: readonly string[]): VerifiablePart | undefined {
  const blocks = blocksOf(json);
  const dropped = new Set(blocks.filter((b) => b.provider !== undefined && b.provider !== BUILT_IN_PROVIDER && missing.includes(b.provider)).map((b) => b.address));
  // What refers to a dropped block goes too, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const block of blocks) {
      if (!dropped.has(block.address) && block.refs.some((ref) => dropped.has(ref))) {
        dropped.add(block.address);
        changed = true;
      }
    }
  }
  const resources = blocks.filter((b) => b.kind === 'resource');
  const verified = resources.filter((b) => !dropped.has(b.address)).map((b) => b.address);
  if (verified.length === 0) return undefined;
  const keep = (prefix: string, byType: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined) =>
    Object.fromEntries(
      Object.entries(byType ?? {})
        .map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).filter(([name]) => !dropped.has(`${prefix}${type}.${name}`)))] as const)
        .filter(([, byName]) => Object.keys(byName).length > 0),
    );
  const without = <T>(record: Readonly<Record<string, T>> | undefined) => Object.fromEntries(Object.entries(record ?? {}).filter(([name]) => !missing.includes(name)));
  const { resource: _resource, data: _data, output: _output, locals: _locals, provider: _provider, terraform, ...rest } = json;
  const part: Record<string, unknown> = { ...rest };
  if (terraform) part.terraform = { ...terraform, required_providers: without(terraform.required_providers) };
  if (json.provider) part.provider = without(json.provider);
  part.resource = keep('', json.resource);
  const data = keep('data.', json.data);
  if (Object.keys(data).length > 0) part.data = data;
  const output = Object.fromEntries(Object.entries(json.output ?? {}).filter(([name]) => !dropped.has(`output.${name}`)));
  if (Object.keys(output).length > 0) part.output = output;
  const locals = Object.fromEntries(Object.entries(json.locals ?? {}).filter(([name]) => !dropped.has(`local.${name}`)));
  if (Object.keys(locals).length > 0) part.locals = locals;
  return { json: part, verified, notVerified: resources.filter((b) => dropped.has(b.address)).map((b) => b.address) };
}
