/**
 * Pods as the scheduler sees them: what their containers request, which node labels they
 * require (node selector and required node affinity) and which taints they tolerate; read from
 * the hashicorp/kubernetes provider's JSON (snake_case blocks) or built for workloads the needs
 * imply. And the scheduler's predicates on one node: labels, taints, resources.
 */
import { blockList, isObject, singleBlock, stringList } from '../terraform-json';
import { add, resourceList, type ResourceList } from './quantities';

/** A node taint (Kubernetes spelling). */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** A toleration. */
export interface Toleration {
  /** Absent with operator Exists: every key. */
  readonly key?: string;
  readonly operator: 'Exists' | 'Equal';
  readonly value?: string;
  /** Absent: every effect. */
  readonly effect?: string;
}

/** A requirement on a node label. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values: readonly string[];
}

/** One container's stated requests and limits. */
export interface ContainerShape {
  readonly name: string;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

/** What the scheduler needs of a pod. */
export interface PodShape {
  readonly containers: readonly ContainerShape[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node affinity: the pod fits a node matching every requirement of any one term; empty: no requirement. */
  readonly affinityTerms: readonly (readonly LabelRequirement[])[];
  readonly tolerations: readonly Toleration[];
}

/** Resources whose request Kubernetes takes from the limit when only the limit is set (all of them); extended resources may not be overcommitted. */
function effectiveRequests(container: ContainerShape): Record<string, number> {
  return { ...container.limits, ...container.requests };
}

/** What the pod requests in all: the sum over its containers (a request missing where a limit is set is the limit). */
export function podRequests(pod: Pick<PodShape, 'containers'>): Record<string, number> {
  return pod.containers.reduce<Record<string, number>>((sum, container) => add(sum, effectiveRequests(container)), {});
}

/** True when `labels` satisfy the requirement. */
function satisfies(labels: Readonly<Record<string, string>>, requirement: LabelRequirement): boolean {
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(requirement.values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(requirement.values[0]);
  }
}

/** The label requirements a node with `labels` fails, for the message; empty when it satisfies them all. */
export function unmetSelectors(pod: Pick<PodShape, 'nodeSelector' | 'affinityTerms'>, labels: Readonly<Record<string, string>>): string[] {
  const unmet = Object.entries(pod.nodeSelector)
    .filter(([key, value]) => labels[key] !== value)
    .map(([key, value]) => `${key}=${value}`);
  if (pod.affinityTerms.length > 0 && !pod.affinityTerms.some((term) => term.every((r) => satisfies(labels, r)))) {
    unmet.push(pod.affinityTerms.map((term) => term.map((r) => `${r.key} ${r.operator}${r.values.length > 0 ? ` (${r.values.join(', ')})` : ''}`).join(' and ')).join(' or '));
  }
  return unmet;
}

/** True when the toleration tolerates the taint. */
function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === taint.value;
}

/** The taints (NoSchedule or NoExecute) the pod does not tolerate. */
export function untoleratedTaints(pod: Pick<PodShape, 'tolerations'>, taints: readonly Taint[]): Taint[] {
  return taints.filter((taint) => taint.effect !== 'PreferNoSchedule' && !pod.tolerations.some((t) => tolerates(t, taint)));
}

/** A taint for people: `nvidia.com/gpu=true:NoSchedule`. */
export function describeTaint(taint: Taint): string {
  return `${taint.key}=${taint.value}:${taint.effect}`;
}

/** The pod shape of a hashicorp/kubernetes pod spec block (`spec.template.spec`). */
export function podShapeOf(podSpec: Record<string, unknown>): PodShape {
  const containers = blockList(podSpec.container).map((container) => {
    const resources = singleBlock(container.resources) ?? {};
    return { name: String(container.name ?? '(unnamed)'), requests: resourceList(mapOf(resources.requests)), limits: resourceList(mapOf(resources.limits)) };
  });
  const nodeSelector = Object.fromEntries(Object.entries(mapOf(podSpec.node_selector)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const required = singleBlock(singleBlock(singleBlock(podSpec.affinity)?.node_affinity)?.required_during_scheduling_ignored_during_execution);
  const affinityTerms = blockList(required?.node_selector_term).map((term) =>
    blockList(term.match_expressions).map((e) => ({ key: String(e.key), operator: String(e.operator) as LabelRequirement['operator'], values: stringList(e.values) })),
  );
  const tolerations = blockList(podSpec.toleration).map((t) => ({
    ...(typeof t.key === 'string' ? { key: t.key } : {}),
    operator: (t.operator === 'Exists' ? 'Exists' : 'Equal') as Toleration['operator'],
    ...(typeof t.value === 'string' ? { value: t.value } : {}),
    ...(typeof t.effect === 'string' && t.effect !== '' ? { effect: t.effect } : {}),
  }));
  return { containers, nodeSelector, affinityTerms, tolerations };
}

/** A map attribute (cdktf writes maps as objects, sometimes inside a one-element list). */
export function mapOf(value: unknown): Record<string, unknown> {
  if (isObject(value)) return value;
  return singleBlock(value) ?? {};
}
