/**
 * Pure functions that pick an instance type for an accelerator need.
 *
 * Decision table (`chips` = accelerator chips per instance, price = on-demand USD/hour):
 *
 * | need                         | candidates                        | pick                                             | nodes              | efa   |
 * | ---------------------------- | --------------------------------- | ------------------------------------------------ | ------------------ | ----- |
 * | training, multiNode: true    | on-demand types with EFA (> 0)    | most chips; tie: more EFA interfaces; tie: cheaper | ceil(gpus / chips) | true  |
 * | training, multiNode: false   | on-demand types with chips >= gpus| fewest chips; tie: cheaper                       | 1                  | false |
 * | inference                    | on-demand types                   | fewest chips; tie: cheaper                       | (caller scales)    | -     |
 *
 * With `capacityBlock`, the candidates are the types sold as EC2 Capacity Blocks instead of the
 * on-demand ones (h200 multi-node → p5e.48xlarge, 32 EFA cards; h100 → p5.48xlarge).
 *
 * Why: multi-node training is bound by the collective traffic between nodes, so the fewest,
 * fattest nodes with the most EFA cards win (fewer hops, more rails per GPU); single-node work
 * wants the cheapest box the job fits on. Types AWS sells only through Capacity Blocks
 * (`capacityBlockOnly`) are never picked, because an on-demand node group cannot launch them.
 *
 * What the rule gives with the shipped catalog: h200 multi-node → p5en.48xlarge (p5e.48xlarge
 * has more EFA cards but is capacity-block-only); a100 multi-node → p4d.24xlarge (ties p4de on
 * chips and EFA, and is cheaper: pick p4de by hand when the 80 GB chip is what the model needs);
 * trainium multi-node → trn1n.32xlarge (16 EFA cards, 1600 Gbps, against trn1.32xlarge's 8).
 *
 * Every function takes the catalog as an optional last argument so tests can pass a small one.
 */
import { ACCELERATORS, Accelerator } from './accelerator';
import { CatalogError } from './catalog-error';
import { soldAsCapacityBlock } from './capacity-block-prices';
import { INSTANCE_TYPES, InstanceTypeSpec } from './instance-type';

export { CatalogError } from './catalog-error';

/** What a training job asks of the catalog. */
export interface TrainingNeed {
  /** Accelerator kind the job runs on. */
  readonly accelerator: Accelerator;
  /** Total accelerator chips the job wants, over all nodes. */
  readonly gpus: number;
  /** True when the job may (and, above one instance's chips, must) span several nodes. */
  readonly multiNode: boolean;
  /**
   * True when the nodes come from EC2 Capacity Blocks (NEEDS-v1.1 `capacity: capacity-block`):
   * the candidates are then the types AWS sells as blocks (./capacity-block-prices), including
   * capacity-block-only ones such as p5e.48xlarge, instead of the on-demand types.
   * @default false
   */
  readonly capacityBlock?: boolean;
}

/** Where a training job lands: which type, how many of them, and whether pods get EFA. */
export interface TrainingPlacement {
  /** The instance type every node of the job uses. */
  readonly instance: InstanceTypeSpec;
  /** Number of nodes; their chips together cover the need. */
  readonly nodes: number;
  /** True when the nodes talk over EFA (multi-node), so the stack must attach EFA interfaces. */
  readonly efa: boolean;
}

/** Fewest chips first, then cheapest; the name keeps the order total, so results are stable. */
function bySmallest(a: InstanceTypeSpec, b: InstanceTypeSpec): number {
  return a.chips - b.chips || a.onDemandUsdPerHour - b.onDemandUsdPerHour || a.name.localeCompare(b.name);
}

/** Best multi-node candidate first: most chips, then most EFA interfaces, then cheapest. */
function byBestForMultiNode(a: InstanceTypeSpec, b: InstanceTypeSpec): number {
  return (
    b.chips - a.chips ||
    b.efaInterfaces - a.efaInterfaces ||
    a.onDemandUsdPerHour - b.onDemandUsdPerHour ||
    a.name.localeCompare(b.name)
  );
}

/** True for types a node group can launch on demand. */
function onDemand(instance: InstanceTypeSpec): boolean {
  return instance.capacityBlockOnly !== true;
}

/** The on-demand types carrying `accelerator`, fewest chips then cheapest first. */
function launchable(accelerator: Accelerator, catalog: readonly InstanceTypeSpec[]): readonly InstanceTypeSpec[] {
  return instanceTypesFor(accelerator, catalog).filter(onDemand);
}

/** Every type carrying `accelerator` (capacity-block-only ones included), fewest chips then cheapest first. */
export function instanceTypesFor(
  accelerator: Accelerator,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): readonly InstanceTypeSpec[] {
  return catalog.filter((instance) => instance.accelerator === accelerator).sort(bySmallest);
}

/** The message for an accelerator the catalog has no on-demand type for (only a cut-down catalog). */
function noInstanceMessage(accelerator: Accelerator): string {
  return `${accelerator}: the catalog has no on-demand instance type carrying ${accelerator}; choose another accelerator`;
}

/** The message for an accelerator AWS sells no Capacity Block of. */
function noBlockMessage(accelerator: Accelerator, catalog: readonly InstanceTypeSpec[]): string {
  const sold = ACCELERATORS.filter((other) => instanceTypesFor(other, catalog).some(soldAsCapacityBlock));
  return `${accelerator}: AWS sells no ${accelerator} instance type as EC2 Capacity Blocks; choose ${sold.join('/')} for capacity-block, or another capacity`;
}

/**
 * The on-demand type with the most chips (tie: cheaper): its chip count is "one instance"
 * for the multiNode default and the ceiling of a single-node job.
 * @throws CatalogError when the catalog has no on-demand type for `accelerator`.
 */
export function largestInstance(
  accelerator: Accelerator,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): InstanceTypeSpec {
  const candidates = launchable(accelerator, catalog);
  const maxChips = Math.max(...candidates.map((instance) => instance.chips));
  const largest = candidates.find((instance) => instance.chips === maxChips);
  if (largest === undefined) throw new CatalogError(noInstanceMessage(accelerator));
  return largest;
}

/**
 * The smallest on-demand type (fewest chips, then cheapest) for serving on `accelerator`;
 * inference scales out by replicas, so one replica gets the smallest box.
 * @throws CatalogError when the catalog has no on-demand type for `accelerator`.
 */
export function chooseInferenceInstance(
  accelerator: Accelerator,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): InstanceTypeSpec {
  const smallest = launchable(accelerator, catalog)[0];
  if (smallest === undefined) throw new CatalogError(noInstanceMessage(accelerator));
  return smallest;
}

/** The type named `name` (e.g. `'g6.12xlarge'`), or undefined when the catalog has none. */
export function findInstanceType(
  name: string,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): InstanceTypeSpec | undefined {
  return catalog.find((instance) => instance.name === name);
}

/** Outcome of placing a need: the placement, or the message saying why there is none. */
type Placed = { readonly placement: TrainingPlacement } | { readonly problem: string };

/** Applies the decision table; shared by the throwing and the non-throwing entry points. */
function place(need: TrainingNeed, catalog: readonly InstanceTypeSpec[]): Placed {
  const { accelerator, gpus, multiNode } = need;
  if (!Number.isInteger(gpus) || gpus < 1) {
    return { problem: `${accelerator}: gpus must be a whole number of at least 1, got ${gpus}` };
  }
  const candidates = need.capacityBlock ? instanceTypesFor(accelerator, catalog).filter(soldAsCapacityBlock) : launchable(accelerator, catalog);
  if (candidates.length === 0) return { problem: need.capacityBlock ? noBlockMessage(accelerator, catalog) : noInstanceMessage(accelerator) };

  if (multiNode) {
    const best = candidates.filter((instance) => instance.efaInterfaces > 0).sort(byBestForMultiNode)[0];
    if (best === undefined) {
      const withEfa = ACCELERATORS.filter((other) => launchable(other, catalog).some((i) => i.efaInterfaces > 0));
      const instead = withEfa.length > 0 ? `choose ${withEfa.join('/')} or set multiNode false` : 'set multiNode false';
      return {
        problem:
          `${accelerator}: multi-node training needs an EFA instance type (Elastic Fabric Adapter, for the ` +
          `traffic between nodes), but none of the ${accelerator} instance types (${candidates.map((i) => i.name).join(', ')}) ` +
          `carries one; ${instead}`,
      };
    }
    return { placement: { instance: best, nodes: Math.ceil(gpus / best.chips), efa: true } };
  }

  const fitting = candidates.find((instance) => instance.chips >= gpus);
  if (fitting === undefined) {
    const largest = need.capacityBlock ? candidates[candidates.length - 1] : largestInstance(accelerator, catalog);
    return {
      problem:
        `${accelerator}: gpus ${gpus} does not fit on one node; the largest ${accelerator} instance type, ` +
        `${largest.name}, has ${largest.chips}; set multiNode true or ask for at most ${largest.chips} gpus`,
    };
  }
  return { placement: { instance: fitting, nodes: 1, efa: false } };
}

/**
 * Places a training job by the decision table above.
 * @throws CatalogError when no type fits; the message is the one `trainingProblem` returns.
 */
export function chooseTrainingInstance(
  need: TrainingNeed,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): TrainingPlacement {
  const placed = place(need, catalog);
  if ('problem' in placed) throw new CatalogError(placed.problem);
  return placed.placement;
}

/**
 * Why `need` cannot be placed, or undefined when it can. Lets the needs-file validator report
 * the message at the line of the need instead of catching an exception.
 */
export function trainingProblem(
  need: TrainingNeed,
  catalog: readonly InstanceTypeSpec[] = INSTANCE_TYPES,
): string | undefined {
  const placed = place(need, catalog);
  return 'problem' in placed ? placed.problem : undefined;
}
