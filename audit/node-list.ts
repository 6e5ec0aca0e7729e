/**
 * Reads a Kubernetes node list: what `kubectl get nodes -o json` prints (`kind: List`, each
 * item `kind: Node`) or what the API returns for `GET /api/v1/nodes` (`kind: NodeList`, items
 * without a kind). Only the fields audit uses are kept, and every problem is reported at once
 * with its path, so a wrong file says what it is and what was expected.
 *
 * Fields read (https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/node-v1/):
 * `metadata.name`, `metadata.labels`, `spec.unschedulable`, `status.capacity`,
 * `status.allocatable`, `status.conditions[type=Ready]`.
 */
import type { Problem } from '../needs/problem';
import { AuditInputError } from './audit-input-error';

/** One node, as audit sees it. */
export interface ClusterNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `status.capacity`: what the node has, resource name → quantity (`"8"`, `"2Ti"`). */
  readonly capacity: Readonly<Record<string, string>>;
  /** `status.allocatable`: what pods may request; below capacity when a device is unhealthy. */
  readonly allocatable: Readonly<Record<string, string>>;
  /** The Ready condition: true, false, or undefined when the kubelet stopped reporting (Unknown) or none is listed. */
  readonly ready: boolean | undefined;
  /** `spec.unschedulable`: cordoned. */
  readonly unschedulable: boolean;
}

/** What the file should be, for messages. */
export const NODE_LIST_EXPECTED = 'a Kubernetes node list as printed by `kubectl get nodes -o json` (kind List or NodeList, with items)';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : String(value);
}

/**
 * The nodes of a parsed node list.
 * @throws AuditInputError with every problem when `value` is not a node list.
 */
export function parseNodeList(value: unknown): ClusterNode[] {
  if (!isObject(value)) {
    throw new AuditInputError([{ path: [], message: `not a node list: expected ${NODE_LIST_EXPECTED}, got ${describe(value)}` }]);
  }
  const kind = value.kind;
  if (kind !== 'List' && kind !== 'NodeList') {
    const got = kind === undefined ? 'no kind' : `kind ${describe(kind)}`;
    const hint = kind === 'Node' ? ' (one node: run kubectl get nodes -o json, without a node name)' : '';
    throw new AuditInputError([{ path: kind === undefined ? [] : ['kind'], message: `not a node list: expected ${NODE_LIST_EXPECTED}, got ${got}${hint}` }]);
  }
  if (!Array.isArray(value.items)) {
    throw new AuditInputError([{ path: value.items === undefined ? [] : ['items'], message: `items: must be a list of nodes, got ${describe(value.items)}` }]);
  }
  const problems: Problem[] = [];
  const nodes = value.items.flatMap((item, index) => {
    const node = parseNode(item, ['items', index], problems);
    return node ? [node] : [];
  });
  if (problems.length > 0) throw new AuditInputError(problems);
  return nodes;
}

function parseNode(item: unknown, path: (string | number)[], problems: Problem[]): ClusterNode | undefined {
  if (!isObject(item)) {
    problems.push({ path, message: `must be a Node object, got ${describe(item)}` });
    return undefined;
  }
  if (item.kind !== undefined && item.kind !== 'Node') {
    problems.push({ path: [...path, 'kind'], message: `is a ${describe(item.kind)}, not a Node: the list must hold nodes only (kubectl get nodes -o json)` });
    return undefined;
  }
  const metadata = isObject(item.metadata) ? item.metadata : {};
  const spec = isObject(item.spec) ? item.spec : {};
  const status = isObject(item.status) ? item.status : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    problems.push({ path: [...path, 'metadata', 'name'], message: `a node needs metadata.name, got ${describe(metadata.name)}` });
    return undefined;
  }
  return {
    name: metadata.name,
    labels: stringMap(metadata.labels, [...path, 'metadata', 'labels'], problems),
    capacity: stringMap(status.capacity, [...path, 'status', 'capacity'], problems),
    allocatable: stringMap(status.allocatable, [...path, 'status', 'allocatable'], problems),
    ready: readyCondition(status.conditions),
    unschedulable: spec.unschedulable === true,
  };
}

/** A map of strings (labels, resource quantities); numbers are kept as their text. */
function stringMap(value: unknown, path: (string | number)[], problems: Problem[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    problems.push({ path, message: `must be a mapping, got ${describe(value)}` });
    return {};
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number') result[key] = String(entry);
    else problems.push({ path: [...path, key], message: `must be a string, got ${describe(entry)}` });
  }
  return result;
}

/** The Ready condition's status: "True" → true, "False" → false, "Unknown" or absent → undefined. */
function readyCondition(conditions: unknown): boolean | undefined {
  if (!Array.isArray(conditions)) return undefined;
  const ready = conditions.find((c) => isObject(c) && c.type === 'Ready') as Json | undefined;
  if (ready?.status === 'True') return true;
  if (ready?.status === 'False') return false;
  return undefined;
}
