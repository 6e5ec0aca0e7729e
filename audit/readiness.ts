/**
 * How ready a cluster is to run tracklayer's on-prem GPU platform, as a score and the gaps that
 * cost points. The score starts at 100 and loses each gap's weight (never below 0); a cluster
 * with no node, or no GPU node of a catalog accelerator, scores 0. Gaps are listed in the order
 * of the table (heaviest first).
 *
 * | id                    | when                                                                            | weight |
 * |-----------------------|---------------------------------------------------------------------------------|--------|
 * | no-nodes              | the list is empty                                                               | → 0    |
 * | no-gpu-nodes          | no node has an NVIDIA GPU                                                       | → 0    |
 * | no-rdma               | more than one GPU node and no RDMA: NCCL falls back to TCP between nodes         | 30     |
 * | nodes-not-ready       | a node's Ready condition is False or Unknown                                    | 20     |
 * | unknown-gpu-model     | a GPU node without GFD's product label, or with a model the catalog lacks       | 15     |
 * | mixed-gpu-models      | GPU nodes of more than one model (10 when only variants of one kind, e.g. A100 40/80 GB) | 15 |
 * | partial-rdma          | some GPU nodes have RDMA, others not                                            | 15     |
 * | gpus-not-advertised   | a node has GPUs but advertises no nvidia.com/gpu (no device plugin)             | 15     |
 * | interconnect-unknown  | several GPU nodes, no RDMA evidence and no NFD labels to rule it out            | 10     |
 * | gpus-unallocatable    | allocatable nvidia.com/gpu below capacity (the device plugin marked GPUs unhealthy) | 10 |
 * | nodes-cordoned        | a node is unschedulable                                                         | 10     |
 * | uneven-gpus-per-node  | counted GPU nodes differ in GPU count                                           | 5      |
 * | rdma-link-unknown     | RDMA everywhere, but nothing says InfiniBand or RoCE                             | 5      |
 * | nodes-without-gpus    | worker nodes (not control plane) without a GPU                                  | 5      |
 *
 * The weights rank what stops GPU work (no fast fabric for multi-node training, nodes down,
 * GPUs the scheduler cannot hand out) above what only makes the estimate less exact.
 */
import type { NodeFacts, OnPremDerivation } from './derive-on-prem';

/** One gap: an id from the table, what was found, and the points it costs. */
export interface Gap {
  readonly id: GapId;
  readonly detail: string;
  readonly weight: number;
}

/** The gap ids, in report order. */
export const GAP_WEIGHTS = {
  'no-nodes': 100,
  'no-gpu-nodes': 100,
  'no-rdma': 30,
  'nodes-not-ready': 20,
  'unknown-gpu-model': 15,
  'mixed-gpu-models': 15,
  'partial-rdma': 15,
  'gpus-not-advertised': 15,
  'interconnect-unknown': 10,
  'gpus-unallocatable': 10,
  'nodes-cordoned': 10,
  'uneven-gpus-per-node': 5,
  'rdma-link-unknown': 5,
  'nodes-without-gpus': 5,
} as const;
/** A gap id. */
export type GapId = keyof typeof GAP_WEIGHTS;
/** Weight of mixed-gpu-models when the models are variants of one catalog kind. */
const MIXED_VARIANTS_WEIGHT = 10;
/** Node names listed in one detail before "and N more". */
const MAX_NAMES = 8;

/** Labels that mark a control-plane node (kubeadm's current and legacy role labels). */
const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

function names(facts: readonly NodeFacts[]): string {
  const all = facts.map((f) => f.node.name);
  return all.length <= MAX_NAMES ? all.join(', ') : `${all.slice(0, MAX_NAMES).join(', ')} and ${all.length - MAX_NAMES} more`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The readiness gaps of the cluster, in table order. */
export function readinessGaps(facts: readonly NodeFacts[], derived: OnPremDerivation | undefined): Gap[] {
  if (facts.length === 0) return [{ id: 'no-nodes', weight: GAP_WEIGHTS['no-nodes'], detail: 'the node list is empty: check the kube context (kubectl get nodes) or the file' }];
  const gpuNodes = facts.filter((f) => f.gpus.count > 0);
  if (gpuNodes.length === 0) {
    return [{ id: 'no-gpu-nodes', weight: GAP_WEIGHTS['no-gpu-nodes'], detail: `none of the ${count(facts.length, 'node')} has an NVIDIA GPU (no nvidia.com/gpu capacity or GPU Feature Discovery labels): there is no on-prem GPU capacity to describe` }];
  }
  const gaps: Gap[] = [];
  const add = (id: GapId, detail: string, weight: number = GAP_WEIGHTS[id]) => gaps.push({ id, detail, weight });
  const counted = derived?.counted ?? [];
  const interconnect = derived?.onPrem.interconnect;
  const multiNode = counted.length > 1;

  const withRdma = counted.filter((f) => f.rdma.available);
  if (multiNode && withRdma.length === 0 && derived?.interconnectCertain) {
    const capable = counted.filter((f) => f.rdma.capable);
    const why = capable.length > 0
      ? `${count(capable.length, 'node')} ha${capable.length === 1 ? 's' : 've'} an RDMA-capable NIC, but RDMA is not set up (no rdma/ resource, no ib_uverbs/rdma_ucm per NFD): install the NVIDIA DOCA/MOFED driver and an RDMA device plugin`
      : 'no node shows an RDMA NIC or resource';
    add('no-rdma', `${count(counted.length, 'GPU node')} without RDMA: multi-node training would run NCCL over TCP; ${why}`);
  }
  const notReady = facts.filter((f) => f.node.ready !== true);
  if (notReady.length > 0) add('nodes-not-ready', `${count(notReady.length, 'node')} not Ready (${names(notReady)}); onPrem counts them as capacity, so bring them back or take them out of the estimate`);
  const unknown = gpuNodes.filter((f) => !f.gpus.accelerator);
  if (unknown.length > 0) {
    const without = unknown.filter((f) => !f.gpus.product);
    const other = unknown.filter((f) => f.gpus.product);
    const parts = [
      ...(without.length > 0 ? [`${count(without.length, 'GPU node')} without the nvidia.com/gpu.product label (${names(without)}): deploy GPU Feature Discovery (part of the NVIDIA GPU Operator)`] : []),
      ...(other.length > 0 ? [`${count(other.length, 'GPU node')} with a model the catalog has no kind for (${[...new Set(other.map((f) => f.gpus.product))].join(', ')}): not counted`] : []),
    ];
    add('unknown-gpu-model', parts.join('; '));
  }
  const products = new Map<string, NodeFacts[]>();
  for (const f of gpuNodes.filter((g) => g.gpus.product)) products.set(f.gpus.product as string, [...(products.get(f.gpus.product as string) ?? []), f]);
  if (products.size > 1) {
    const kinds = new Set(gpuNodes.map((f) => f.gpus.accelerator).filter(Boolean));
    const list = [...products.entries()].map(([product, nodes]) => `${product} on ${count(nodes.length, 'node')}`).join(', ');
    const counts = derived ? `; onPrem describes the ${derived.onPrem.accelerator} nodes only` : '';
    add('mixed-gpu-models', `${list}${counts}: a training job spanning models runs at the pace of the slowest`, kinds.size <= 1 ? MIXED_VARIANTS_WEIGHT : GAP_WEIGHTS['mixed-gpu-models']);
  }
  if (multiNode && withRdma.length > 0 && withRdma.length < counted.length) {
    const missing = counted.filter((f) => !f.rdma.available);
    add('partial-rdma', `${withRdma.length} of ${counted.length} GPU nodes have RDMA; without it: ${names(missing)}. Jobs that span them fall back to TCP`);
  }
  const silent = gpuNodes.filter((f) => f.gpus.advertised === 0);
  if (silent.length > 0) add('gpus-not-advertised', `${count(silent.length, 'node')} ha${silent.length === 1 ? 's' : 've'} GPUs but advertise${silent.length === 1 ? 's' : ''} no nvidia.com/gpu (${names(silent)}): the NVIDIA device plugin is not running there, so no pod can get a GPU`);
  if (multiNode && withRdma.length === 0 && derived && !derived.interconnectCertain) {
    add('interconnect-unknown', 'no node shows RDMA resources or Node Feature Discovery labels, so audit cannot tell InfiniBand or RoCE from plain Ethernet; deploy NFD (or the RDMA device plugin), or state onPrem.interconnect yourself (audit --write keeps what the file says)');
  }
  const unhealthy = gpuNodes.filter((f) => f.gpus.unallocatable > 0);
  if (unhealthy.length > 0) add('gpus-unallocatable', `${unhealthy.reduce((sum, f) => sum + f.gpus.unallocatable, 0)} GPU device(s) advertised but not allocatable on ${names(unhealthy)}: the device plugin marked them unhealthy (check XID errors with nvidia-smi / DCGM)`);
  const cordoned = facts.filter((f) => f.node.unschedulable);
  if (cordoned.length > 0) add('nodes-cordoned', `${count(cordoned.length, 'node')} cordoned (${names(cordoned)}): no new pods land there`);
  if (derived) {
    const uneven = counted.filter((f) => f.gpus.count !== derived.onPrem.gpusPerNode);
    if (uneven.length > 0) {
      const total = counted.reduce((sum, f) => sum + f.gpus.count, 0);
      add('uneven-gpus-per-node', `${count(uneven.length, 'node')} ${uneven.length === 1 ? 'differs' : 'differ'} from ${derived.onPrem.gpusPerNode} GPUs per node (${uneven.map((f) => `${f.node.name}: ${f.gpus.count}`).slice(0, MAX_NAMES).join(', ')}); the cluster has ${total} ${derived.onPrem.accelerator} GPUs, onPrem says ${derived.onPrem.gpuNodes * derived.onPrem.gpusPerNode}`);
    }
  }
  if (derived && withRdma.length === counted.length && !derived.interconnectCertain) {
    add('rdma-link-unknown', `RDMA on every GPU node (${[...new Set(withRdma.flatMap((f) => f.rdma.evidence))].join(', ')}), but nothing says InfiniBand or RoCE; onPrem.interconnect is ${interconnect} (tracklayer deploys the same RDMA plugin for both); ibv_devinfo shows link_layer on a node, and NFD with PCI class 02 whitelisted labels it`);
  }
  const controlPlane = (f: NodeFacts) => CONTROL_PLANE_LABELS.some((label) => label in f.node.labels);
  const workersWithout = facts.filter((f) => f.gpus.count === 0 && !controlPlane(f));
  if (workersWithout.length > 0) add('nodes-without-gpus', `${count(workersWithout.length, 'worker node')} without a GPU (${names(workersWithout)}): not counted in onPrem.gpuNodes; fine for system pods`);
  return gaps;
}

/** 100 less the weights of `gaps`, at least 0; 0 when there is nothing to describe. */
export function readinessScore(gaps: readonly Gap[], describable: boolean): number {
  if (!describable) return 0;
  const lost = gaps.reduce((sum, gap) => sum + gap.weight, 0);
  return Math.max(0, 100 - lost);
}
