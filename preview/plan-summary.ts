/**
 * What a stack's Terraform plan will do, counted and explained: creates, in-place updates,
 * replacements and deletes counted apart (`read` and `no-op` are not changes); for each change
 * the attributes that change, with sensitive values masked and apply-time values marked; the
 * reason for a replacement or delete; and drift (changes made outside Terraform) apart. Pure.
 */
import { KNOWN_AFTER_APPLY, attributeChanges, isObject, sensitive as sensitiveValue, type AttributeChange } from './attribute-diff';
import type { AttributePath, PlanAction, PlanChange, PlanResourceChange, TerraformPlanJson } from './plan-json';

/** How a change counts: one of the four columns of the summary. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete';

/** One planned change of a managed resource. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** The address before a `moved` block, when the resource moved (a move is not a destroy). */
  readonly previousAddress?: string;
  /** Why Terraform replaces or deletes it, in words; undefined when the plan gives no reason. */
  readonly reason?: string;
  /** Attributes that force the replacement, as `a.b[0]`. */
  readonly replacePaths: readonly string[];
  /** Changed attributes (updates and replacements only), masked. */
  readonly attributes: readonly AttributeChange[];
}

/** A change Terraform found made outside Terraform. */
export interface DriftEntry {
  readonly address: string;
  readonly type: string;
  /** `update`: changed outside; `delete`: deleted outside. */
  readonly kind: 'update' | 'delete';
  readonly attributes: readonly AttributeChange[];
}

/** Counts of the four kinds of change. */
export type ChangeCounts = Readonly<Record<ChangeKind, number>>;

/** One stack's plan, summarized. */
export interface StackPlanSummary {
  readonly stack: string;
  readonly counts: ChangeCounts;
  /** Changes in plan order (by address). */
  readonly changes: readonly PlannedChange[];
  readonly drift: readonly DriftEntry[];
  /** The plan stopped on an error or defers changes: its counts may be incomplete. */
  readonly incomplete: boolean;
}

/** Plain words for Terraform's `action_reason` values. */
export const ACTION_REASONS: Readonly<Record<string, string>> = Object.freeze({
  replace_because_cannot_update: 'an attribute that cannot change in place changes',
  replace_because_tainted: 'the resource is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count / for_each changed shape',
  delete_because_count_index: 'its count index is gone',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'a moved block names no target',
});

/**
 * The kind of a change from its actions: `["delete","create"]` and `["create","delete"]` are a
 * replacement; `read`, `no-op` and `forget` count as nothing (undefined).
 */
export function changeKind(actions: readonly PlanAction[]): ChangeKind | undefined {
  const key = actions.join(',');
  if (key === 'delete,create' || key === 'create,delete') return 'replace';
  if (key === 'create' || key === 'update' || key === 'delete') return key;
  return undefined;
}

/** Summarizes one stack's plan. */
export function summarizePlan(stack: string, plan: TerraformPlanJson): StackPlanSummary {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0 };
  const changes: PlannedChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const kind = rc.mode === 'managed' ? changeKind(rc.change.actions) : undefined;
    if (!kind) continue;
    counts[kind] += 1;
    changes.push({
      address: rc.address,
      type: rc.type,
      kind,
      ...(rc.previous_address ? { previousAddress: rc.previous_address } : {}),
      ...(rc.action_reason ? { reason: ACTION_REASONS[rc.action_reason] ?? rc.action_reason } : {}),
      replacePaths: (rc.change.replace_paths ?? []).map(formatPath),
      attributes: kind === 'update' ? visibleChanges(rc.change) : kind === 'replace' ? replacementChanges(rc.change) : [],
    });
  }
  const drift = (plan.resource_drift ?? []).flatMap((rc) => driftEntry(rc));
  return { stack, counts, changes, drift, incomplete: plan.errored === true || plan.complete === false };
}

function driftEntry(rc: PlanResourceChange): DriftEntry[] {
  if (rc.mode !== 'managed') return [];
  const kind = rc.change.actions.includes('delete') ? 'delete' : rc.change.actions.includes('update') ? 'update' : undefined;
  return kind ? [{ address: rc.address, type: rc.type, kind, attributes: kind === 'update' ? visibleChanges(rc.change) : [] }] : [];
}

/** The attribute changes of a plan change, with unknown values marked and sensitive ones masked. */
export function visibleChanges(change: PlanChange): AttributeChange[] {
  const before = masked(change.before, change.before_sensitive);
  const after = masked(withUnknown(change.after, change.after_unknown), change.after_sensitive);
  return attributeChanges(before, after);
}

/**
 * The changes of a replacement worth reading: on a replacement every computed attribute
 * (id, arn, ...) becomes "known after apply", which says nothing; those are left out unless
 * they force the replacement.
 */
function replacementChanges(change: PlanChange): AttributeChange[] {
  const forcing = (change.replace_paths ?? []).map(formatPath);
  return visibleChanges(change).filter((c) => c.after !== KNOWN_AFTER_APPLY || forcing.some((p) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`)));
}

/** `value` with every part `sensitive` marks as true replaced by a sensitive marker. */
export function masked(value: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return sensitiveValue(value);
  if (Array.isArray(value) && Array.isArray(sensitive)) return value.map((item, i) => masked(item, sensitive[i]));
  if (isObject(value) && isObject(sensitive)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, sensitive[k])]));
  return value;
}

/** `value` with every part `unknown` marks as true set to KNOWN_AFTER_APPLY (also where `value` lacks it). */
export function withUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return KNOWN_AFTER_APPLY;
  if (!hasUnknown(unknown)) return value;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? value : [];
    return Array.from({ length: Math.max(list.length, unknown.length) }, (_, i) => withUnknown(list[i], unknown[i]));
  }
  if (isObject(unknown)) {
    const object = isObject(value) ? value : {};
    const keys = new Set([...Object.keys(object), ...Object.keys(unknown)]);
    return Object.fromEntries([...keys].map((k) => [k, withUnknown(object[k], unknown[k])]));
  }
  return value;
}

function hasUnknown(unknown: unknown): boolean {
  if (unknown === true) return true;
  if (Array.isArray(unknown)) return unknown.some(hasUnknown);
  return isObject(unknown) && Object.values(unknown).some(hasUnknown);
}

/** `["tags", "Name"]` → `tags.Name`; `["ingress", 0, "cidr"]` → `ingress[0].cidr`. */
export function formatPath(path: AttributePath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
