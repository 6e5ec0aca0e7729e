/**
 * IAM policy documents as rules read them. A policy attribute in synthesized JSON is a JSON
 * string (cdktf writes `JSON.stringify`ed documents with `${...}` tokens inside string values),
 * or a reference to a `data.aws_iam_policy_document` whose statements are HCL-shaped blocks.
 * Both become the same normalized statements.
 */
import type { SynthesizedStack } from './rule';
import { blockList, isObject, stringList } from './terraform-json';

/** One statement, normalized: lists everywhere, condition values as strings. */
export interface PolicyStatement {
  /** `Allow` or `Deny`. */
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** Principal identifiers of every type (`*` for `"Principal": "*"`). */
  readonly principals: readonly string[];
  readonly conditions: readonly PolicyCondition[];
}

/** One condition: operator (`Bool`), key (`aws:SecureTransport`), values as strings. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

const DATA_DOCUMENT = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/;

/**
 * The statements of a policy attribute, or undefined when they cannot be read (an expression
 * tracklayer cannot evaluate, such as `jsonencode(...)` of a variable).
 */
export function policyStatements(stack: SynthesizedStack, policy: unknown): PolicyStatement[] | undefined {
  if (isObject(policy)) return jsonStatements(policy);
  if (typeof policy !== 'string') return undefined;
  const dataSource = DATA_DOCUMENT.exec(policy.trim());
  if (dataSource) {
    const document = stack.json.data?.aws_iam_policy_document?.[dataSource[1]];
    return document ? dataSourceStatements(document) : undefined;
  }
  try {
    const parsed: unknown = JSON.parse(policy);
    return isObject(parsed) ? jsonStatements(parsed) : undefined;
  } catch {
    return undefined;
  }
}

/** True when the list grants every action (`*` or `*:*`). */
export function grantsEverything(actions: readonly string[]): boolean {
  return actions.some((action) => action === '*' || action === '*:*');
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

function jsonStatements(document: Record<string, unknown>): PolicyStatement[] {
  return blockList(document.Statement).map((statement) => ({
    effect: String(statement.Effect ?? ''),
    actions: asStrings(statement.Action),
    notActions: asStrings(statement.NotAction),
    resources: asStrings(statement.Resource),
    principals: jsonPrincipals(statement.Principal),
    conditions: jsonConditions(statement.Condition),
  }));
}

function jsonPrincipals(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (!isObject(principal)) return asStrings(principal);
  return Object.values(principal).flatMap(asStrings);
}

function jsonConditions(condition: unknown): PolicyCondition[] {
  if (!isObject(condition)) return [];
  return Object.entries(condition).flatMap(([operator, entries]) =>
    isObject(entries) ? Object.entries(entries).map(([key, values]) => ({ operator, key, values: asStrings(values) })) : [],
  );
}

function dataSourceStatements(document: Record<string, unknown>): PolicyStatement[] {
  return blockList(document.statement).map((statement) => ({
    effect: String(statement.effect ?? 'Allow'),
    actions: stringList(statement.actions),
    notActions: stringList(statement.not_actions),
    resources: stringList(statement.resources),
    principals: blockList(statement.principals).flatMap((p) => stringList(p.identifiers)),
    conditions: blockList(statement.condition).map((c) => ({ operator: String(c.test ?? ''), key: String(c.variable ?? ''), values: asStrings(c.values) })),
  }));
}
