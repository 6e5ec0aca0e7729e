/**
 * `tracklayer audit`: from a cluster's node list to the `onPrem` section of the needs file,
 * a readiness score and the gaps (NEEDS-v1 Amendments v1.1). Pure; the CLI reads the list
 * (a file, or `kubectl get nodes -o json`) and writes the needs file.
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

/** The derived `onPrem` fields, with the kube context when the nodes were read from one. */
export type AuditedOnPrem = { readonly kubeContext?: string } & DerivedOnPrem;

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
  const derived = deriveOnPrem(facts);
  const gaps = readinessGaps(facts, derived);
  const onPrem = derived ? { ...(options.kubeContext !== undefined ? { kubeContext: options.kubeContext } : {}), ...derived.onPrem } : null;
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
