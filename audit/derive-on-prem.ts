/**
 * The `onPrem` section a person would write for a cluster, from its nodes' GPUs and RDMA
 * evidence (./node-gpus, ./node-rdma). Pure; the readiness gaps are in ./readiness.
 *
 * | field        | derived as                                                                                         |
 * |--------------|----------------------------------------------------------------------------------------------------|
 * | accelerator  | the catalog kind with the most GPUs (tie: more nodes, then catalog order); others are a gap         |
 * | gpuNodes     | nodes carrying that kind, Ready or not (a NotReady node is capacity to repair, and a gap)          |
 * | gpusPerNode  | the most common physical GPU count on those nodes (tie: the smaller); uneven counts are a gap      |
 * | interconnect | by the table below, over those nodes                                                               |
 *
 * | RDMA evidence on the nodes                         | interconnect              | certain |
 * |----------------------------------------------------|---------------------------|---------|
 * | every node; some node names the link layer         | that link (the majority)  | yes     |
 * | every node; none names the link layer              | infiniband                | no      |
 * | some nodes only                                    | the link of those nodes   | no      |
 * | none; NFD labels the nodes or a capable NIC is seen | ethernet                  | yes     |
 * | none, and no NFD to say so                         | ethernet                  | no      |
 *
 * "Not certain" means the node list cannot tell: `audit --write` then keeps an `infiniband` or
 * `roce` the needs file already states (a person knew), and the report says what is missing.
 * tracklayer deploys the same RDMA device plugin for infiniband and roce, so an unknown link
 * layer changes no infrastructure, only the label.
 */
import { ACCELERATORS, type Accelerator } from '../catalog/accelerator';
import type { NodeGpus } from './node-gpus';
import type { NodeRdma, RdmaLinkLayer } from './node-rdma';
import type { ClusterNode } from './node-list';

/** The on-prem interconnects of NEEDS-v1. */
export type Interconnect = RdmaLinkLayer | 'ethernet';

/** What audit knows about one node. */
export interface NodeFacts {
  readonly node: ClusterNode;
  readonly gpus: NodeGpus;
  readonly rdma: NodeRdma;
}

/** The derived `onPrem` fields, in the contract's order. */
export interface DerivedOnPrem {
  readonly gpuNodes: number;
  readonly gpusPerNode: number;
  readonly accelerator: Accelerator;
  readonly interconnect: Interconnect;
}

/** The derived section and how sure the interconnect is. */
export interface OnPremDerivation {
  readonly onPrem: DerivedOnPrem;
  /** False when the node list cannot tell the interconnect (see the table). */
  readonly interconnectCertain: boolean;
  /** The nodes the section counts. */
  readonly counted: readonly NodeFacts[];
}

/** The accelerator with the most GPUs; tie: more nodes, then catalog order. */
function dominantAccelerator(gpuNodes: readonly NodeFacts[]): Accelerator | undefined {
  const score = (kind: Accelerator) => {
    const nodes = gpuNodes.filter((f) => f.gpus.accelerator === kind);
    return { gpus: nodes.reduce((sum, f) => sum + f.gpus.count, 0), nodes: nodes.length };
  };
  const present = ACCELERATORS.filter((kind) => gpuNodes.some((f) => f.gpus.accelerator === kind));
  return [...present].sort((a, b) => score(b).gpus - score(a).gpus || score(b).nodes - score(a).nodes || ACCELERATORS.indexOf(a) - ACCELERATORS.indexOf(b))[0];
}

/** The most common value; tie: the smaller. */
export function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function majorityLink(nodes: readonly NodeFacts[]): RdmaLinkLayer | undefined {
  const ib = nodes.filter((f) => f.rdma.link === 'infiniband').length;
  const roce = nodes.filter((f) => f.rdma.link === 'roce').length;
  if (ib === 0 && roce === 0) return undefined;
  return ib >= roce ? 'infiniband' : 'roce';
}

/** The interconnect of `nodes` by the second table above. */
export function deriveInterconnect(nodes: readonly NodeFacts[]): { readonly value: Interconnect; readonly certain: boolean } {
  const withRdma = nodes.filter((f) => f.rdma.available);
  if (withRdma.length === nodes.length && nodes.length > 0) {
    const link = majorityLink(withRdma);
    return link ? { value: link, certain: true } : { value: 'infiniband', certain: false };
  }
  if (withRdma.length > 0) return { value: majorityLink(withRdma) ?? 'infiniband', certain: false };
  const seen = nodes.some((f) => f.rdma.nfd || f.rdma.capable);
  return { value: 'ethernet', certain: seen };
}

/** The `onPrem` section for the GPU nodes among `facts`, or undefined when none carries a catalog accelerator. */
export function deriveOnPrem(facts: readonly NodeFacts[]): OnPremDerivation | undefined {
  const gpuNodes = facts.filter((f) => f.gpus.count > 0);
  const accelerator = dominantAccelerator(gpuNodes);
  if (!accelerator) return undefined;
  const counted = gpuNodes.filter((f) => f.gpus.accelerator === accelerator);
  const interconnect = deriveInterconnect(counted);
  return {
    onPrem: {
      gpuNodes: counted.length,
      gpusPerNode: mostCommon(counted.map((f) => f.gpus.count)),
      accelerator,
      interconnect: interconnect.value,
    },
    interconnectCertain: interconnect.certain,
    counted,
  };
}
