/**
 * Terraform plans as JSON (`terraform show -json PLANFILE`), one file per stack:
 * `DIR/<stack>.json`, the stack name as `tracklayer select --json` lists it. The plan workflow
 * writes them so; reading them is the only I/O here.
 *
 * The types below cover the parts of the plan representation the preview reads
 * (https://developer.hashicorp.com/terraform/internals/json-format, format 1.x).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PreviewInputError } from './preview-error';

/** An action of a resource change. `read` is a data source read; `no-op` is no change. */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** A path into a resource's attributes, as `replace_paths` lists them: `["tags", "Name"]`, `["ingress", 0]`. */
export type AttributePath = readonly (string | number)[];

/** The `change` object of a resource change or drift entry. */
export interface PlanChange {
  /** `["create"]`, `["update"]`, `["delete", "create"]` (replace, destroy first), `["create", "delete"]` (replace, create first), ... */
  readonly actions: readonly PlanAction[];
  readonly before: unknown;
  readonly after: unknown;
  /** Mirrors `after`, `true` where the value is only known after apply. */
  readonly after_unknown?: unknown;
  /** Mirrors `before`, `true` where the value is sensitive. */
  readonly before_sensitive?: unknown;
  /** Mirrors `after`, `true` where the value is sensitive. */
  readonly after_sensitive?: unknown;
  /** Attributes that force the replacement. */
  readonly replace_paths?: readonly AttributePath[];
}

/** One entry of `resource_changes` or `resource_drift`. */
export interface PlanResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** Why Terraform chose a replacement or a delete, e.g. `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: PlanChange;
}

/** The parts of a `terraform show -json` plan the preview reads. */
export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
  /** Changes Terraform found made outside Terraform while refreshing. */
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly output_changes?: Readonly<Record<string, PlanChange>>;
  /** True when the plan stopped on an error; its changes may be incomplete. */
  readonly errored?: boolean;
  /** False when more changes will follow this one (deferred actions). */
  readonly complete?: boolean;
}

/** Plans by stack name. */
export type PlanSet = Readonly<Record<string, TerraformPlanJson>>;

/**
 * Reads every `DIR/<stack>.json` as a stack's plan.
 * @throws PreviewInputError when DIR is missing or a file is not a `terraform show -json` plan.
 */
export function readPlanDir(dir: string): PlanSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PreviewInputError(dir, 'no such directory: --plan-dir takes a directory of <stack>.json files from `terraform show -json`');
  }
  const plans: Record<string, TerraformPlanJson> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    plans[basename(file, '.json')] = parsePlan(join(dir, file));
  }
  return plans;
}

/** Parses one plan file and checks it is a plan in the JSON format. */
export function parsePlan(file: string): TerraformPlanJson {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PreviewInputError(file, `not JSON: ${(error as Error).message}`);
  }
  const plan = json as Partial<TerraformPlanJson> | null;
  if (!plan || typeof plan !== 'object' || typeof plan.format_version !== 'string' || !('planned_values' in plan || 'resource_changes' in plan)) {
    throw new PreviewInputError(file, 'not a Terraform plan in JSON: make it with `terraform show -json PLANFILE`');
  }
  if (!plan.format_version.startsWith('1.')) {
    throw new PreviewInputError(file, `plan format ${plan.format_version} is not supported (1.x is)`);
  }
  return plan as TerraformPlanJson;
}
