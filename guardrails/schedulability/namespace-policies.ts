/**
 * What a namespace lets a pod have: its ResourceQuotas (`kubernetes_resource_quota_v1`) and
 * LimitRanges (`kubernetes_limit_range_v1`), and how admission applies them (Kubernetes,
 * "Limit Ranges" and "Resource Quotas"):
 * - LimitRange, per container: a missing limit gets `default` (which itself defaults to `max`),
 *   a missing request gets `defaultRequest` (which defaults to `default`), and a request still
 *   missing where a limit is set becomes the limit; then a limit above `max`, a request below
 *   `min`, or a request above its limit rejects the pod.
 * - ResourceQuota: the sum of the namespace's pods' requests (`requests.<r>`, or `<r>` for cpu
 *   and memory) and limits (`limits.<r>`), and the pod count (`pods`), may not exceed `hard`;
 *   a pod that states no request or limit of a tracked compute resource is rejected.
 */
import type { SynthesizedStack } from '../rule';
import { blockList, resourcesOf, singleBlock, type TerraformBlock } from '../terraform-json';
import { mapOf, type ContainerShape } from './pods';
import { formatQuantity, resourceList, type ResourceList } from './quantities';
import type { ReferenceResolver } from './references';

/** A namespace's quota. */
export interface Quota {
  readonly block: TerraformBlock;
  readonly stack: string;
  readonly hard: ResourceList;
}

/** One `type: Container` item of a LimitRange. */
export interface ContainerLimits {
  readonly block: TerraformBlock;
  readonly stack: string;
  readonly defaultLimits: ResourceList;
  readonly defaultRequests: ResourceList;
  readonly max: ResourceList;
  readonly min: ResourceList;
}

/** The quotas and container limits of one namespace. */
export interface NamespacePolicies {
  readonly quotas: readonly Quota[];
  readonly limits: readonly ContainerLimits[];
}

/** The namespace a namespaced resource names (resolving a reference to a namespace resource), default `default`. */
export function namespaceOf(block: TerraformBlock, stack: SynthesizedStack, resolver: ReferenceResolver): string {
  const metadata = singleBlock(block.config.metadata);
  return resolver.resolveString(metadata?.namespace, stack) ?? 'default';
}

/** The policies of every namespace of the stack, keyed by namespace. */
export function namespacePoliciesOf(stack: SynthesizedStack, resolver: ReferenceResolver): Map<string, { quotas: Quota[]; limits: ContainerLimits[] }> {
  const byNamespace = new Map<string, { quotas: Quota[]; limits: ContainerLimits[] }>();
  const entry = (namespace: string) => {
    if (!byNamespace.has(namespace)) byNamespace.set(namespace, { quotas: [], limits: [] });
    return byNamespace.get(namespace)!;
  };
  for (const block of resourcesOf(stack, 'kubernetes_resource_quota_v1', 'kubernetes_resource_quota')) {
    entry(namespaceOf(block, stack, resolver)).quotas.push({ block, stack: stack.name, hard: resourceList(mapOf(singleBlock(block.config.spec)?.hard)) });
  }
  for (const block of resourcesOf(stack, 'kubernetes_limit_range_v1', 'kubernetes_limit_range')) {
    for (const item of blockList(singleBlock(block.config.spec)?.limit).filter((l) => l.type === 'Container')) {
      const max = resourceList(mapOf(item.max));
      const defaultLimits = { ...max, ...resourceList(mapOf(item.default)) };
      entry(namespaceOf(block, stack, resolver)).limits.push({
        block,
        stack: stack.name,
        defaultLimits,
        defaultRequests: { ...defaultLimits, ...resourceList(mapOf(item.default_request)) },
        max,
        min: resourceList(mapOf(item.min)),
      });
    }
  }
  return byNamespace;
}

/** A container after LimitRange defaulting, with what came from the defaults. */
export interface AdmittedContainer extends ContainerShape {
  /** Resources whose limit came from a LimitRange default. */
  readonly defaultedLimits: readonly string[];
}

/** The container as admission leaves it: LimitRange defaults applied, then requests defaulted to limits. */
export function applyLimitRanges(container: ContainerShape, limits: readonly ContainerLimits[]): AdmittedContainer {
  const requests: Record<string, number> = { ...container.requests };
  const applied: Record<string, number> = { ...container.limits };
  const defaultedLimits: string[] = [];
  for (const item of limits) {
    for (const [name, value] of Object.entries(item.defaultLimits)) {
      if (applied[name] === undefined) {
        applied[name] = value;
        defaultedLimits.push(name);
      }
    }
    for (const [name, value] of Object.entries(item.defaultRequests)) if (requests[name] === undefined) requests[name] = value;
  }
  for (const [name, value] of Object.entries(applied)) if (requests[name] === undefined) requests[name] = value;
  return { name: container.name, requests, limits: applied, defaultedLimits };
}

/** Why admission rejects the container under the LimitRanges (empty: it admits it). */
export function limitRangeRejections(container: AdmittedContainer, limits: readonly ContainerLimits[]): string[] {
  const reasons: string[] = [];
  for (const [name, request] of Object.entries(container.requests)) {
    const limit = container.limits[name];
    if (limit !== undefined && request > limit) {
      reasons.push(`container ${container.name} requests ${formatQuantity(name, request)} ${name} but its limit is ${formatQuantity(name, limit)}${container.defaultedLimits.includes(name) ? ' (the LimitRange default)' : ''}`);
    }
  }
  for (const item of limits) {
    for (const [name, max] of Object.entries(item.max)) {
      const limit = container.limits[name];
      if (limit !== undefined && limit > max) reasons.push(`container ${container.name} has limit ${formatQuantity(name, limit)} ${name}, above the LimitRange maximum ${formatQuantity(name, max)}`);
    }
    for (const [name, min] of Object.entries(item.min)) {
      const request = container.requests[name];
      if (request === undefined || request < min) reasons.push(`container ${container.name} requests ${request === undefined ? 'no' : formatQuantity(name, request)} ${name}, below the LimitRange minimum ${formatQuantity(name, min)}`);
    }
  }
  return reasons;
}

/** The usage a quota key counts for a set of admitted containers times `pods`: `requests.x`, `x` (cpu, memory), `limits.x`, `pods`. */
export function quotaUsage(key: string, containers: readonly AdmittedContainer[], pods: number): number | undefined {
  if (key === 'pods') return pods;
  const [scope, name] = key.startsWith('requests.') ? ['requests', key.slice('requests.'.length)] : key.startsWith('limits.') ? ['limits', key.slice('limits.'.length)] : ['requests', key];
  // Object counts and persistent-volume storage are not pod resources.
  if (name.startsWith('count/') || name === 'storage' || name.includes('storageclass')) return undefined;
  const perPod = containers.reduce((sum, c) => sum + ((scope === 'limits' ? c.limits[name] : c.requests[name]) ?? 0), 0);
  return perPod * pods;
}

/** Quota keys that make admission reject a pod that does not state them (compute resources tracked by a quota). */
export function unstatedQuotaResources(hard: ResourceList, containers: readonly AdmittedContainer[]): string[] {
  return Object.keys(hard)
    .filter((key) => /^(requests\.|limits\.)?(cpu|memory)$/.test(key))
    .filter((key) => {
      const [scope, name] = key.includes('.') ? key.split('.') : ['requests', key];
      return containers.some((c) => (scope === 'limits' ? c.limits[name] : c.requests[name]) === undefined);
    });
}
