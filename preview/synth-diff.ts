/**
 * The difference between two synth outputs, stack by stack and resource by resource: what a
 * change adds, changes (attribute by attribute) and removes, by Terraform address and construct
 * path. Without a base, everything is an addition. Pure.
 *
 * A resource whose address changed is a destroy and a create to Terraform (the address comes
 * from the construct path, so renaming a construct id renames every resource under it). Such
 * pairs are found and reported as "address changed" rather than as an unrelated removal and
 * addition: a removed and an added resource of the same type in the same stack pair up when
 *
 * | test                                                        | catches                          |
 * |-------------------------------------------------------------|----------------------------------|
 * | construct paths of equal depth differing in one id (not the stack) | a renamed construct id     |
 * | else: identical configuration once references are ignored  | a construct moved to a new parent |
 *
 * and only when the pairing is one to one; anything ambiguous stays a removal and an addition
 * (which Terraform does the same way, so no risk is hidden either way).
 */
import { attributeChanges, sameValue, type AttributeChange } from './attribute-diff';
import { resourcesOf, type ResourceEntry, type SynthOutput, type TerraformJson } from './synth-output';

/** A resource named by address and construct path. */
export interface ResourceRef {
  /** `type.name`. */
  readonly address: string;
  readonly type: string;
  /** cdktf construct path. */
  readonly path: string;
}

/** A resource at the same address on both sides whose configuration changed. */
export interface ChangedResource extends ResourceRef {
  readonly changes: readonly AttributeChange[];
}

/** A resource that moved to a new address: Terraform destroys the old and creates the new. */
export interface AddressChange {
  readonly before: ResourceRef;
  readonly after: ResourceRef;
  /** Configuration differences besides the address (often only the references that moved with it). */
  readonly changes: readonly AttributeChange[];
}

/** How a stack differs: `new` in head only, `removed` in base only. */
export type StackStatus = 'new' | 'removed' | 'changed' | 'unchanged';

/** One stack's differences. */
export interface StackDiff {
  readonly stack: string;
  readonly status: StackStatus;
  readonly added: readonly ResourceRef[];
  readonly changed: readonly ChangedResource[];
  readonly addressChanged: readonly AddressChange[];
  readonly removed: readonly ResourceRef[];
  /** Changes to the stack's `terraform` block (backend, required providers) and provider settings. */
  readonly settings: readonly AttributeChange[];
}

/** The differences of every stack of either side. */
export interface SynthDiff {
  /** False when there was no base: every resource is then an addition. */
  readonly hasBase: boolean;
  /** Head stacks in head order, then stacks only the base has. */
  readonly stacks: readonly StackDiff[];
}

/** Diffs two synth outputs; `base` undefined means a new deployment. */
export function diffSynth(base: SynthOutput | undefined, head: SynthOutput): SynthDiff {
  const names = [...Object.keys(head.stacks), ...Object.keys(base?.stacks ?? {}).filter((name) => !(name in head.stacks))];
  return { hasBase: base !== undefined, stacks: names.map((name) => diffStack(name, base?.stacks[name], head.stacks[name])) };
}

/** Diffs one stack; either side may be missing. */
export function diffStack(stack: string, base: TerraformJson | undefined, head: TerraformJson | undefined): StackDiff {
  const before = resourcesOf(base);
  const after = resourcesOf(head);
  const removedEntries = [...before.values()].filter((r) => !after.has(r.address));
  const addedEntries = [...after.values()].filter((r) => !before.has(r.address));
  const pairs = pairAddressChanges(removedEntries, addedEntries);
  const paired = new Set(pairs.flatMap(([r, a]) => [r.address, a.address]));
  const changed = [...after.values()].flatMap((entry) => {
    const old = before.get(entry.address);
    if (!old) return [];
    const changes = attributeChanges(old.config, entry.config, ['//']);
    return changes.length === 0 ? [] : [{ ...ref(entry), changes }];
  });
  const settings = base && head ? [...attributeChanges(base.terraform, head.terraform).map(prefixed('terraform')), ...attributeChanges(base.provider, head.provider).map(prefixed('provider'))] : [];
  const diff = {
    stack,
    added: addedEntries.filter((r) => !paired.has(r.address)).map(ref),
    changed,
    addressChanged: pairs.map(([r, a]) => ({ before: ref(r), after: ref(a), changes: attributeChanges(r.config, a.config, ['//']) })),
    removed: removedEntries.filter((r) => !paired.has(r.address)).map(ref),
    settings,
  };
  const status: StackStatus = !base ? 'new' : !head ? 'removed' : isEmpty(diff) ? 'unchanged' : 'changed';
  return { ...diff, status };
}

function isEmpty(diff: Omit<StackDiff, 'status'>): boolean {
  return diff.added.length + diff.changed.length + diff.addressChanged.length + diff.removed.length + diff.settings.length === 0;
}

function prefixed(prefix: string): (change: AttributeChange) => AttributeChange {
  return (change) => ({ ...change, path: `${prefix}.${change.path}` });
}

function ref(entry: ResourceEntry): ResourceRef {
  return { address: entry.address, type: entry.type, path: entry.path };
}

/** Pairs removed and added resources that are the same resource at a new address (see the file comment). */
export function pairAddressChanges(removed: readonly ResourceEntry[], added: readonly ResourceEntry[]): [ResourceEntry, ResourceEntry][] {
  const pairs: [ResourceEntry, ResourceEntry][] = [];
  const taken = new Set<string>();
  for (const test of [renamedOneId, sameConfiguration]) {
    const candidates = (r: ResourceEntry) => added.filter((a) => !taken.has(a.address) && a.type === r.type && test(r, a));
    const open = removed.filter((r) => !taken.has(r.address));
    for (const r of open) {
      const forward = candidates(r);
      if (forward.length !== 1) continue;
      const backward = open.filter((other) => other.type === r.type && test(other, forward[0]));
      if (backward.length !== 1) continue;
      pairs.push([r, forward[0]]);
      taken.add(r.address).add(forward[0].address);
    }
  }
  return pairs;
}

/** Construct paths of equal depth that differ in exactly one id below the stack. */
function renamedOneId(a: ResourceEntry, b: ResourceEntry): boolean {
  const x = a.path.split('/');
  const y = b.path.split('/');
  if (x.length !== y.length || x[0] !== y[0]) return false;
  return x.filter((segment, i) => segment !== y[i]).length === 1;
}

/** Equal configuration once `//` metadata is dropped and references lose the names they point to. */
function sameConfiguration(a: ResourceEntry, b: ResourceEntry): boolean {
  return sameValue(withoutNames(a.config), withoutNames(b.config));
}

function withoutNames(config: ResourceEntry['config']): unknown {
  const { '//': _metadata, ...rest } = config;
  return JSON.parse(JSON.stringify(rest).replace(/\$\{((?:data\.)?[a-z0-9_]+)\.[^.}]+/g, '${$1.*')) as unknown;
}
