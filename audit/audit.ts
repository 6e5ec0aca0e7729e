/**
 * `tracklayer audit`: from a cluster's node list to the `onPrem` section of the needs file,
 * a readiness score and the gaps (NEEDS-v1 Amendments v1.1). Pure; the CLI reads the list
 * (a file, or `kubectl get nodes -o json`) and writes the needs file.
 *
 * EKS Hybrid Nodes: when some nodes carry `eks.amazonaws.com/compute-type=hybrid` (the label EKS
 * gives every hybrid node; https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-overview.html),
 * the list is of an EKS cluster whose on-prem servers joined it, so only those nodes are
 * on-prem: `onPrem` is derived from them, with `mode: hybrid-nodes` and no `kubeContext` (NEEDS-v1.1
 * forbids it there), and the cloud nodes are listed but neither counted nor gaps.
 *
 * Runtime path of what audit derives: `onPrem.gpuNodes × gpusPerNode` sizes the on-prem
 * platform's accelerator quotas and the cloud burst (`training.gpus` − on-prem GPUs);
 * `accelerator` picks the device plugin; `interconnect` infiniband or roce adds the RDMA
 * shared device plugin (constructs/platform/platform-profile.ts). So what audit reads from
 * the nodes is what the onprem-platform stack then deploys onto them.
 */
import type { DerivedOnPrem } from './derive-on-prem';
import { deriveOnPrem, type NodeFacts } from './derive-on-prem';
import { nodeGpus } from './node-gpus';
import type { ClusterNode } from './node-list';
import { nodeRdma } from './node-rdma';
import { readinessGaps, readinessScore, type Gap } from './readiness';

/** What the audit knows besides the nodes. */
export interface AuditOptions {
  /** The kube context the nodes were read from; it becomes `onPrem.kubeContext`. @default - none (a node list from a file names no context) */
  readonly kubeContext?: string;
}

/** The label EKS puts on its hybrid nodes, and its value. */
export const EKS_COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
export const EKS_HYBRID_COMPUTE_TYPE = 'hybrid';

/**
 * The derived `onPrem` fields in the contract's order: `mode` when the servers are EKS hybrid
 * nodes, else the kube context when the nodes were read from one.
 */
export type AuditedOnPrem = { readonly mode?: 'hybrid-nodes'; readonly kubeContext?: string } & DerivedOnPrem;

/** One node in the report. */
export interface AuditedNode {
  readonly name: string;
  /** Physical NVIDIA GPUs. */
  readonly gpus: number;
  /** GFD's model name without MIG/sharing suffix; null without GPUs or GFD. */
  readonly product: string | null;
}

/** The audit of one cluster. */
export interface AuditReport {
  /** The section to merge; null when no node carries a catalog accelerator. */
  readonly onPrem: AuditedOnPrem | null;
  /** False when the node list cannot tell the interconnect (./derive-on-prem). */
  readonly interconnectCertain: boolean;
  /** 0..100 (./readiness). */
  readonly score: number;
  readonly gaps: readonly Gap[];
  /** Every node, by name. */
  readonly nodes: readonly AuditedNode[];
}

/** The facts of each node. */
export function nodeFacts(nodes: readonly ClusterNode[]): NodeFacts[] {
  return nodes.map((node) => ({ node, gpus: nodeGpus(node), rdma: nodeRdma(node) }));
}

/** Audits a cluster's nodes. */
export function auditNodes(nodes: readonly ClusterNode[], options: AuditOptions = {}): AuditReport {
  const facts = nodeFacts(nodes);
  const hybrid = facts.filter((f) => f.node.labels[EKS_COMPUTE_TYPE_LABEL] === EKS_HYBRID_COMPUTE_TYPE);
  const onPremFacts = hybrid.length > 0 ? hybrid : facts;
  const derived = deriveOnPrem(onPremFacts);
  const gaps = readinessGaps(onPremFacts, derived);
  const identity = hybrid.length > 0 ? { mode: 'hybrid-nodes' as const } : options.kubeContext !== undefined ? { kubeContext: options.kubeContext } : {};
  const onPrem = derived ? { ...identity, ...derived.onPrem } : null;
  return {
    onPrem,
    interconnectCertain: derived?.interconnectCertain ?? false,
    score: readinessScore(gaps, derived !== undefined),
    gaps,
    nodes: [...facts]
      .sort((a, b) => a.node.name.localeCompare(b.node.name))
      .map((f) => ({ name: f.node.name, gpus: f.gpus.count, product: f.gpus.product ?? null })),
  };
}

/** The `--json` object of NEEDS-v1.1: `{ onPrem, score, gaps: [{ id, detail }], nodes: [{ name, gpus, product }] }`. */
export function auditJson(report: AuditReport): object {
  return {
    onPrem: report.onPrem,
    score: report.score,
    gaps: report.gaps.map(({ id, detail }) => ({ id, detail })),
    nodes: report.nodes,
  };
}
