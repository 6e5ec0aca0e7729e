/**
 * How the training GPUs are shared between teams, as Kueue quotas: a pure function from the
 * node sources (one ResourceFlavor each) and the teams (NEEDS-v1.1 `workload.teams`) to each
 * team's nominal quota and borrowing limit per flavor, and the cohort's own quota.
 *
 * | quantity                       | value                                                                         |
 * |--------------------------------|-------------------------------------------------------------------------------|
 * | a flavor's capacity            | max nodes × per-node chips, vCPUs, memory, EFA interfaces, RDMA slots        |
 * | a team's chips (its share)     | `team.gpus`; scaled down in proportion when the shares exceed the capacity   |
 * | a team's nominal quota         | its chips, filling the flavors in order; CPU, memory, EFA, RDMA in the same   |
 * |                                | proportion of the node as the chips (so a job can use its nodes whole)        |
 * | a team's borrowing limit       | the flavor's capacity less the team's nominal quota: a team can borrow all    |
 * |                                | that is idle, and never more than exists                                      |
 * | the cohort's own quota         | what no team is guaranteed (capacity less the sum of the nominal quotas);     |
 * |                                | any team may borrow it                                                        |
 *
 * Shares above the capacity happen in hybrid, where the shares may add up to the cloud and the
 * on-prem GPUs together (NEEDS-v1.1) while this cluster holds only the cloud ones.
 *
 * The fabric's resource is covered like the others: Kueue holds a workload that requests a
 * resource no flavor covers as inadmissible, so an InfiniBand job on the on-prem servers
 * (`rdma/rdma_shared_devices`, ../platform/rdma-shared-device-plugin) would never start if only
 * CPU, memory and the GPUs were covered. A flavor without the fabric has zero of it, so Kueue
 * admits such a job only on a flavor whose nodes have the device (cloud nodes do not: EFA is
 * their fabric).
 *
 * Quantities are whole units: chips, EFA interfaces and RDMA slots, CPU in millicores, memory in MiB;
 * rounding goes down for the teams and the cohort gets the rest, so every resource adds up to
 * the capacity exactly.
 */
import type { InstanceTypeSpec } from '../../catalog/instance-type';
import { EFA_RESOURCE } from '../compute/gpu-node-group';
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import { RDMA_PODS_PER_NODE, RDMA_RESOURCE } from '../platform/rdma-shared-device-plugin';

/** A node source of training capacity: one node group (one Kueue ResourceFlavor). */
export interface TrainingNodeSource {
  /** The flavor's name: the node group's name (its nodes carry it as `tracklayer.dev/node-group`). */
  readonly name: string;
  /** The instance type of its nodes. */
  readonly instance: Pick<InstanceTypeSpec, 'accelerator' | 'chips' | 'vcpus' | 'memoryGiB' | 'efaInterfaces'>;
  /** Most nodes the group can have. */
  readonly maxNodes: number;
  /** True when its nodes have EFA interfaces. */
  readonly efa: boolean;
  /**
   * True when its nodes have an InfiniBand or RoCE fabric served by the RDMA shared device
   * plugin ({@link RDMA_PODS_PER_NODE} slots a node).
   * @default false
   */
  readonly rdma?: boolean;
}

/** A team and its guaranteed share of the training chips. */
export interface TeamShare {
  readonly name: string;
  readonly gpus: number;
}

/** Quantities of the covered resources, in whole units (chips, millicores, MiB, interfaces, RDMA slots). */
export interface QuotaUnits {
  readonly chips: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly efa: number;
  readonly rdma: number;
}

/** One team's quota on one flavor. */
export interface FlavorQuota {
  readonly flavor: string;
  readonly nominal: QuotaUnits;
  readonly borrowingLimit: QuotaUnits;
}

/** A team's queue plan. */
export interface TeamQueuePlan {
  readonly team: string;
  /** The chips the team is guaranteed here (its share, scaled down to the capacity when the shares exceed it). */
  readonly chips: number;
  /** Its quota on every flavor, in flavor order (0 nominal where its share does not reach). */
  readonly flavors: readonly FlavorQuota[];
}

/** The whole plan. */
export interface QueuePlan {
  /** The accelerator resource the flavors provide (`nvidia.com/gpu` or `aws.amazon.com/neuron`). */
  readonly deviceResource: string;
  /** The resources every ClusterQueue covers, in order: cpu, memory, the accelerator, EFA and RDMA when a flavor has them. */
  readonly coveredResources: readonly string[];
  /** Each flavor's capacity, in flavor order. */
  readonly capacity: readonly { readonly flavor: string; readonly units: QuotaUnits }[];
  readonly teams: readonly TeamQueuePlan[];
  /** The cohort's own quota per flavor: what no team is guaranteed. */
  readonly cohort: readonly { readonly flavor: string; readonly units: QuotaUnits }[];
}

/** Thrown when the sources cannot be one pool. */
export class QueuePlanError extends Error {
  constructor(message: string) {
    super(`queuePlan: ${message}`);
    this.name = 'QueuePlanError';
  }
}

const ZERO: QuotaUnits = { chips: 0, cpuMillis: 0, memoryMiB: 0, efa: 0, rdma: 0 };

/** The units of `chips` chips of a node of `source`: CPU, memory, EFA and RDMA in the same proportion of the node. */
function unitsOf(source: TrainingNodeSource, chips: number): QuotaUnits {
  const { instance } = source;
  const share = chips / instance.chips;
  return {
    chips,
    cpuMillis: Math.floor(instance.vcpus * 1000 * share),
    memoryMiB: Math.floor(instance.memoryGiB * 1024 * share),
    efa: source.efa ? Math.floor(instance.efaInterfaces * share) : 0,
    rdma: source.rdma ? Math.floor(RDMA_PODS_PER_NODE * share) : 0,
  };
}

function minus(a: QuotaUnits, b: QuotaUnits): QuotaUnits {
  return { chips: a.chips - b.chips, cpuMillis: a.cpuMillis - b.cpuMillis, memoryMiB: a.memoryMiB - b.memoryMiB, efa: a.efa - b.efa, rdma: a.rdma - b.rdma };
}

/** Shares scaled down to `capacity` chips in proportion, by the largest-remainder method (stable: ties go to the earlier team). */
export function scaledShares(teams: readonly TeamShare[], capacity: number): number[] {
  const total = teams.reduce((sum, team) => sum + team.gpus, 0);
  if (total <= capacity) return teams.map((team) => team.gpus);
  const exact = teams.map((team) => (team.gpus * capacity) / total);
  const shares = exact.map(Math.floor);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  const left = capacity - shares.reduce((sum, n) => sum + n, 0);
  for (let i = 0; i < left; i++) shares[order[i].index] += 1;
  return shares;
}

/**
 * The plan of the table above.
 * @throws QueuePlanError without a source, with sources of different accelerator resources, or
 *   with a source of no nodes.
 */
export function queuePlan(sources: readonly TrainingNodeSource[], teams: readonly TeamShare[]): QueuePlan {
  if (sources.length === 0) throw new QueuePlanError('there is no training node source to queue on; give at least one node group');
  const resources = new Set(sources.map((s) => ACCELERATOR_SPECS[s.instance.accelerator].deviceResource));
  if (resources.size > 1) throw new QueuePlanError(`the node sources advertise different accelerator resources (${[...resources].join(', ')}); one pool shares one resource`);
  const empty = sources.find((s) => !Number.isInteger(s.maxNodes) || s.maxNodes < 1);
  if (empty) throw new QueuePlanError(`node source ${empty.name} has maxNodes ${empty.maxNodes}; a flavor needs at least one node`);
  const deviceResource = [...resources][0];
  const capacity = sources.map((source) => ({ flavor: source.name, units: unitsOf(source, source.maxNodes * source.instance.chips) }));
  const totalChips = capacity.reduce((sum, c) => sum + c.units.chips, 0);
  const shares = scaledShares(teams, totalChips);
  const free = capacity.map((c) => c.units.chips);
  const teamPlans = teams.map((team, index) => {
    let left = shares[index];
    const flavors = sources.map((source, f) => {
      const chips = Math.min(left, free[f]);
      left -= chips;
      free[f] -= chips;
      const nominal = unitsOf(source, chips);
      return { flavor: source.name, nominal, borrowingLimit: minus(capacity[f].units, nominal) };
    });
    return { team: team.name, chips: shares[index], flavors };
  });
  const cohort = capacity.map((c, f) => ({
    flavor: c.flavor,
    units: teamPlans.reduce((rest, plan) => minus(rest, plan.flavors[f].nominal), c.units),
  }));
  const fabrics = [...(sources.some((s) => s.efa) ? [EFA_RESOURCE] : []), ...(sources.some((s) => s.rdma) ? [RDMA_RESOURCE] : [])];
  return { deviceResource, coveredResources: ['cpu', 'memory', deviceResource, ...fabrics], capacity, teams: teamPlans, cohort };
}

/** Kubernetes quantities of `units` for the covered resources, in the covered order. */
export function quantities(units: QuotaUnits, plan: Pick<QueuePlan, 'coveredResources' | 'deviceResource'>): { name: string; quantity: string }[] {
  const byName: Record<string, string> = {
    cpu: units.cpuMillis % 1000 === 0 ? String(units.cpuMillis / 1000) : `${units.cpuMillis}m`,
    memory: `${units.memoryMiB}Mi`,
    [plan.deviceResource]: String(units.chips),
    [EFA_RESOURCE]: String(units.efa),
    [RDMA_RESOURCE]: String(units.rdma),
  };
  return plan.coveredResources.map((name) => ({ name, quantity: byName[name] }));
}

/** True when every quantity of `units` is zero. */
export function isZero(units: QuotaUnits): boolean {
  return (Object.keys(ZERO) as (keyof QuotaUnits)[]).every((key) => units[key] === 0);
}
