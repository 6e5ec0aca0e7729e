/**
 * What the needs buy, for the comment: accelerators by group at min and max scale, EFA
 * bandwidth, on-prem and edge hardware, storage tiers (the cost is stacks/cost-estimate's). Pure; the node groups and prices come from stacks/gpu-capacity-plan.ts, the same
 * plan the gpu-cluster stack builds from, so the comment cannot disagree with the stack.
 */
import { ACCELERATOR_SPECS, type Accelerator } from '../catalog/accelerator';
import { EDGE_HARDWARE_SPECS, type EdgeHardware } from '../catalog/edge-hardware';
import type { Needs } from '../needs/schema';
import { plannedGpuGroups, type CostLine } from '../stacks/gpu-capacity-plan';
import { hasCloudCluster } from '../stacks/cost-estimate';

export type { CostLine };
import type { Selection } from '../strategy/select';

/** One accelerator node group of the cloud cluster. */
export interface GroupCapacity {
  readonly workload: 'training' | 'inference';
  /** The group's key in the plan: `training`, `inference`, or `training-<reservation id>`. */
  readonly key: string;
  readonly instance: string;
  readonly accelerator: Accelerator;
  /** e.g. `NVIDIA H100`. */
  readonly model: string;
  readonly chipsPerNode: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly capacityType: 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';
  /** The capacity reservation (On-Demand Capacity Reservation or Capacity Block) the group launches into. */
  readonly reservationId?: string;
  /** Network bandwidth per node in Gbps (catalog `networkBandwidthGbps`) when the group is on an EFA fabric. */
  readonly efaGbpsPerNode?: number;
}

/** Edge nodes of one hardware kind. */
export interface EdgeCapacity {
  readonly hardware: EdgeHardware;
  readonly sites: number;
  readonly nodes: number;
  readonly gpus: number;
}

/** Everything the capacity section shows. */
export interface CapacityModel {
  /** True when the selection builds the gpu-cluster stack. */
  readonly cloudCluster: boolean;
  readonly groups: readonly GroupCapacity[];
  readonly onPrem?: { readonly accelerator: Accelerator; readonly nodes: number; readonly gpusPerNode: number; readonly interconnect: string };
  readonly edge: readonly EdgeCapacity[];
  readonly storage: { readonly volumeTb: number; readonly hotDays: number; readonly coolDays: number; readonly archiveDays: number; readonly tableFormat: string; readonly retentionDays?: number };
}



/** The capacity the needs ask for under the selection. */
export function capacityOf(needs: Needs, selection: Selection): CapacityModel {
  const cloudCluster = hasCloudCluster(selection);
  const groups = cloudCluster
    ? plannedGpuGroups(needs).map((g) => ({
        workload: g.workload,
        key: g.key,
        instance: g.instance.name,
        accelerator: g.instance.accelerator,
        model: ACCELERATOR_SPECS[g.instance.accelerator].model,
        chipsPerNode: g.instance.chips,
        minNodes: g.minSize,
        maxNodes: g.maxSize,
        capacityType: g.capacityType,
        ...(g.reservationId ? { reservationId: g.reservationId } : {}),
        ...(g.efa ? { efaGbpsPerNode: g.instance.networkBandwidthGbps } : {}),
      }))
    : [];
  const { onPrem, data } = needs;
  const edgeStacks = new Set(selection.stacks.filter((s) => s.role.startsWith('edge-')).map((s) => s.role.slice('edge-'.length)));
  const edge = new Map<EdgeHardware, { sites: number; nodes: number }>();
  for (const site of needs.workload.inference?.sites ?? []) {
    if (!edgeStacks.has(site.name)) continue;
    const entry = edge.get(site.hardware) ?? { sites: 0, nodes: 0 };
    edge.set(site.hardware, { sites: entry.sites + 1, nodes: entry.nodes + site.nodes });
  }
  return {
    cloudCluster,
    groups,
    ...(onPrem && selection.strategy === 'hybrid' ? { onPrem: { accelerator: onPrem.accelerator, nodes: onPrem.gpuNodes, gpusPerNode: onPrem.gpusPerNode, interconnect: onPrem.interconnect } } : {}),
    edge: [...edge.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hardware, e]) => ({ hardware, ...e, gpus: e.nodes * EDGE_HARDWARE_SPECS[hardware].gpusPerNode })),
    storage: { volumeTb: data.volumeTb, ...data.tiers, tableFormat: data.tableFormat, ...(data.retentionDays !== undefined ? { retentionDays: data.retentionDays } : {}) },
  };
}
