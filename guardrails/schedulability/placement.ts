/**
 * Whether pods fit a node source: the scheduler's predicates (labels, taints, resources per
 * node) and the size of the source, including whether an autoscaler can create the nodes a
 * source at its minimum lacks, and what it must know to do so at zero.
 */
import type { NodeSource } from './node-sources';
import { describeTaint, podRequests, untoleratedTaints, unmetSelectors, type PodShape } from './pods';
import { formatQuantity, type ResourceList } from './quantities';

/** Resources a node source may not state (nodes tracklayer does not build): then they are not checked. */
const OPTIONAL_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Pods of `requests` that fit on one node with `allocatable`: Infinity when no counted resource limits them. */
function podsPerNode(requests: ResourceList, allocatable: ResourceList): number {
  let fit = Infinity;
  for (const [name, request] of Object.entries({ ...requests, pods: 1 })) {
    if (request <= 0) continue;
    const available = allocatable[name];
    if (available === undefined) {
      if (OPTIONAL_RESOURCES.has(name) || name === 'pods') continue;
      return 0;
    }
    fit = Math.min(fit, Math.floor(available / request));
  }
  return fit;
}

/** Why one pod of `requests` does not fit on an empty node with `allocatable` (empty: it fits). */
export function perNodeShortfalls(requests: ResourceList, allocatable: ResourceList): string[] {
  return Object.entries(requests)
    .filter(([name, request]) => request > 0 && (allocatable[name] !== undefined ? request > allocatable[name] : !OPTIONAL_RESOURCES.has(name)))
    .map(([name, request]) => `a pod needs ${formatQuantity(name, request)} ${name}, a node has ${allocatable[name] === undefined ? 'none' : formatQuantity(name, allocatable[name])}`);
}

/** What an autoscaler can do for a cluster. */
export interface AutoscalerView {
  /** True when an autoscaler of this synthesis discovers the cluster's node groups. */
  readonly present: boolean;
  /** Where it is installed, for messages. */
  readonly where?: string;
}

/** The verdict on one node source. */
export interface SourceVerdict {
  readonly source: NodeSource;
  /** The source's labels and taints admit the pod. */
  readonly matches: boolean;
  /** Why not (empty: the pods fit). */
  readonly reasons: readonly string[];
  /** What to do about it. */
  readonly fixes: readonly string[];
}

/** Labels and taints: why the pod cannot go on any node of the source at all. */
export function selectionReasons(pod: PodShape, source: NodeSource): string[] {
  const unmet = unmetSelectors(pod, source.labels);
  const taints = untoleratedTaints(pod, source.taints);
  return [
    ...(unmet.length > 0 ? [`its nodes do not carry ${unmet.join(', ')}`] : []),
    ...(taints.length > 0 ? [`the pod does not tolerate the taint ${taints.map(describeTaint).join(', ')}`] : []),
  ];
}

/**
 * Whether `pods` pods of `pod` fit on `source` at once, and how the nodes come to be: the
 * source's minimum is always there; beyond it up to its maximum only with an autoscaler, and at
 * zero only if the autoscaler's template of a new node (labels, taints, resources) admits the pod.
 */
export function placeOn(pod: PodShape, pods: number, source: NodeSource, autoscaler: AutoscalerView): SourceVerdict {
  const selection = selectionReasons(pod, source);
  if (selection.length > 0) return { source, matches: false, reasons: selection, fixes: [] };
  const requests = podRequests(pod);
  const shortfalls = perNodeShortfalls(requests, source.allocatable);
  if (shortfalls.length > 0) return { source, matches: true, reasons: shortfalls, fixes: ['lower the requests or use a larger instance type'] };
  const perNode = podsPerNode(requests, source.allocatable);
  const nodes = perNode === Infinity ? Math.min(1, pods) : Math.ceil(pods / perNode);
  if (nodes > source.maxNodes) {
    return {
      source,
      matches: true,
      reasons: [`${pods} pod${pods === 1 ? '' : 's'} need${pods === 1 ? 's' : ''} ${nodes} node${nodes === 1 ? '' : 's'} (${perNode} per node), and it has at most ${source.maxNodes}`],
      fixes: ['raise the node count or lower the pods or their accelerators'],
    };
  }
  if (nodes <= source.minNodes) return { source, matches: true, reasons: [], fixes: [] };
  if (!source.scalable) return { source, matches: true, reasons: [`the pods need ${nodes} nodes and it has ${source.minNodes}`], fixes: ['add nodes'] };
  if (!autoscaler.present) {
    return {
      source,
      matches: true,
      reasons: [`the pods need ${nodes} node${nodes === 1 ? '' : 's'}, it keeps ${source.minNodes}${source.minNodes === 0 ? ' (it can be at zero)' : ''}, and no autoscaler in these stacks adds nodes to it`],
      fixes: ['install a cluster autoscaler that discovers the group, or raise its minimum size'],
    };
  }
  if (source.minNodes > 0 || !source.zeroTemplate) return { source, matches: true, reasons: [], fixes: [] };
  const template = source.zeroTemplate;
  const zeroSelection = [
    ...unmetSelectors(pod, template.labels).map((label) => `the label ${label}`),
    ...untoleratedTaints(pod, template.taints).map((taint) => `the taint ${describeTaint(taint)} untolerated`),
  ];
  const zeroShortfalls = Object.entries(requests)
    .filter(([name, request]) => request > 0 && name !== 'pods' && (template.resources[name] ?? 0) < request)
    .map(([name, request]) => `${formatQuantity(name, request)} ${name} (the template has ${formatQuantity(name, template.resources[name] ?? 0)})`);
  if (zeroSelection.length === 0 && zeroShortfalls.length === 0) return { source, matches: true, reasons: [], fixes: [] };
  return {
    source,
    matches: true,
    reasons: [`it can be at zero, and the autoscaler's template of a new node lacks ${[...zeroSelection, ...zeroShortfalls].join(', ')}, so it never scales the group up for this pod`],
    fixes: [
      `tag the group's Auto Scaling group with k8s.io/cluster-autoscaler/node-template/${zeroShortfalls.length > 0 ? 'resources/<resource>' : 'label/<key>'} (aws_autoscaling_group_tag), or keep a node (minimum size 1)`,
    ],
  };
}
