/**
 * How an edge site's inference Deployment sits on its hardware and how it updates, as pure
 * functions: the shape (replicas, GPUs per pod, one pod per node or not), the update strategy
 * that shape can afford, and a check that an update can always make progress. The
 * EdgeInferenceService synthesizes from these, `tracklayer rollout` prints them, and a
 * schedulability rule can read the same figures.
 *
 * Placement by hardware (one replica per node is the design: replicas = nodes):
 *
 * | hardware    | GPUs per pod           | one pod per node          | why                                            |
 * |-------------|------------------------|---------------------------|------------------------------------------------|
 * | jetson-orin | 0 (runtime class only) | required (anti-affinity)  | two servers on one Orin fight over the iGPU's  |
 * |             |                        |                           | unified memory; nothing else keeps them apart  |
 * | x86-l4      | 1 `nvidia.com/gpu`     | required (anti-affinity)  | one L4 per node                                |
 * | x86-cpu     | 0                      | preferred (spread)        | spreading is resilience, not a hardware limit  |
 *
 * Update strategy (Kubernetes defaults are maxSurge 25% rounded up, maxUnavailable 25%
 * rounded down: for 2 or 3 replicas, one surge pod and none unavailable):
 *
 * | free slots for one more pod                  | strategy                                         |
 * |----------------------------------------------|--------------------------------------------------|
 * | none (every GPU, or every node, is taken)     | RollingUpdate maxSurge 0, maxUnavailable 1: one  |
 * |                                              | old pod goes, its replacement takes its place     |
 * | at least one                                 | RollingUpdate maxSurge 1, maxUnavailable 0: no    |
 * |                                              | capacity is lost during the update                |
 *
 * With the defaults, a site whose pods fill its GPUs would create a surge pod that waits for a
 * GPU that does not exist, while no old pod may go (maxUnavailable 0): the update never ends.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
import { EDGE_HARDWARE_SPECS, type EdgeHardware } from '../../catalog/edge-hardware';

/** What an update has to fit into. */
export interface InferenceShape {
  /** Desired replicas. */
  readonly replicas: number;
  /** Nodes at the site. */
  readonly nodes: number;
  /** Whole GPUs (`nvidia.com/gpu`) each pod requests; 0 when it requests none. */
  readonly gpusPerPod: number;
  /** GPUs each node advertises. */
  readonly gpusPerNode: number;
  /** True when at most one pod may run on a node (required pod anti-affinity). */
  readonly onePerNode: boolean;
}

/** A Deployment update strategy, with absolute numbers. */
export type UpdateStrategy = { readonly type: 'RollingUpdate'; readonly maxSurge: number; readonly maxUnavailable: number } | { readonly type: 'Recreate' };

/** The shape of a site's inference Deployment: one replica per node. */
export function inferenceShape(hardware: EdgeHardware, nodes: number): InferenceShape {
  const spec = EDGE_HARDWARE_SPECS[hardware];
  // Jetson shares its integrated GPU through the nvidia runtime class; x86 GPU sites claim whole GPUs.
  const gpusPerPod = spec.deviceResource && spec.runtimeClass === undefined ? 1 : 0;
  return { replicas: nodes, nodes, gpusPerPod, gpusPerNode: spec.gpusPerNode, onePerNode: spec.gpusPerNode > 0 };
}

/** How many pods of the shape the site can hold at once. */
export function podSlots(shape: InferenceShape): number {
  const byGpu = shape.gpusPerPod > 0 ? Math.floor((shape.nodes * shape.gpusPerNode) / shape.gpusPerPod) : Number.POSITIVE_INFINITY;
  const byNode = shape.onePerNode ? shape.nodes : Number.POSITIVE_INFINITY;
  return Math.min(byGpu, byNode);
}

/** The strategy of the table above. */
export function updateStrategyFor(shape: InferenceShape): UpdateStrategy {
  return podSlots(shape) - shape.replicas >= 1 ? { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 } : { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 1 };
}

/** A rolling-update value as Kubernetes resolves it: a percentage of replicas (surge rounds up, unavailable down) or a number. */
export function resolveRollingValue(value: number | `${number}%`, replicas: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const exact = (Number(value.slice(0, -1)) * replicas) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** The strategy a Deployment gets when it names none: RollingUpdate 25% / 25%. */
export function kubernetesDefaultStrategy(replicas: number): UpdateStrategy {
  return { type: 'RollingUpdate', maxSurge: resolveRollingValue('25%', replicas, 'up'), maxUnavailable: resolveRollingValue('25%', replicas, 'down') };
}

/**
 * Why an update of `shape` with `strategy` cannot finish, or undefined when it can: the
 * replicas must fit at all, and each step must either place a surge pod in a free slot or
 * take an old pod down first.
 */
export function updateDeadlock(shape: InferenceShape, strategy: UpdateStrategy): string | undefined {
  const slots = podSlots(shape);
  if (shape.replicas > slots) return `${shape.replicas} replicas need more than the ${slots} pod slots of the site`;
  if (strategy.type === 'Recreate') return undefined;
  if (strategy.maxSurge === 0 && strategy.maxUnavailable === 0) return 'maxSurge and maxUnavailable are both 0, which Kubernetes rejects';
  if (strategy.maxUnavailable === 0 && slots - shape.replicas < 1) {
    const limit = shape.gpusPerPod > 0 ? `${shape.nodes * shape.gpusPerNode} GPUs` : `${shape.nodes} nodes (one pod each)`;
    return `a surge pod needs a free slot, but ${shape.replicas} replicas fill all ${limit}, and maxUnavailable 0 lets no old pod go first`;
  }
  return undefined;
}

/**
 * Voluntary disruptions a PodDisruptionBudget of `maxUnavailable` allows when every replica is
 * healthy. Zero blocks every node drain (`kubectl drain` waits forever), so the edge budget
 * allows one.
 */
export function allowedDisruptions(replicas: number, maxUnavailable: number): number {
  return Math.max(0, Math.min(replicas, maxUnavailable));
}
