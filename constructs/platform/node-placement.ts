/**
 * Which nodes each platform DaemonSet runs on, per target, as pure functions. On EKS the node
 * groups carry the tracklayer labels and accelerator taints (../compute/accelerator-node-config);
 * on-prem and edge clusters are not ours, so placement uses labels such clusters already have.
 *
 * | component             | eks                                         | onprem                          | edge                                                     |
 * |-----------------------|---------------------------------------------|---------------------------------|----------------------------------------------------------|
 * | NVIDIA plugin, DCGM   | `tracklayer.dev/accelerator` in NVIDIA kinds | `nvidia.com/gpu.present=true`   | jetson: `kubernetes.io/arch=arm64`; else `nvidia.com/gpu.present=true` |
 * | Neuron plugin         | `tracklayer.dev/accelerator` in Trainium     | error (AWS only)                | error (AWS only)                                         |
 * | EFA plugin            | `tracklayer.dev/efa=true`                    | error (AWS only)                | error (AWS only)                                         |
 * | RDMA shared plugin    | error (EFA is the AWS fabric)                | `nvidia.com/gpu.present=true`   | error (no fabric at a site)                              |
 *
 * `nvidia.com/gpu.present=true` is the label NVIDIA GPU Feature Discovery (standalone or in the
 * GPU Operator) sets on NVIDIA GPU nodes; label the nodes by hand where neither runs. Every
 * node of an edge site is of the site's hardware kind, so on a Jetson site the arm64 nodes are
 * the GPU nodes.
 *
 * Tolerations: each DaemonSet tolerates the `NoSchedule` taint keyed by the device resource of
 * the nodes it serves (`nvidia.com/gpu`, `aws.amazon.com/neuron`; {@link acceleratorTaint}),
 * with operator `Exists` so any taint value matches.
 */
import { ACCELERATORS, ACCELERATOR_SPECS, type AcceleratorSpec } from '../../catalog/accelerator';
import { ACCELERATOR_LABEL, EFA_LABEL, type NodeTaint } from '../compute/accelerator-node-config';
import { COMPUTE_TYPE_LABEL, HYBRID_COMPUTE_TYPE } from '../connectivity/hybrid-node-labels';

/** Where the platform runs: an EKS cluster of ours, an on-prem cluster, an edge site's cluster. */
export type PlatformTarget = 'eks' | 'onprem' | 'edge';

/** Extended resource a device plugin advertises, one per chip. */
export type DeviceResource = AcceleratorSpec['deviceResource'];

/** NVIDIA's extended resource. */
export const NVIDIA_GPU_RESOURCE: DeviceResource = 'nvidia.com/gpu';
/** The Neuron device plugin's extended resource (one per Trainium chip). */
export const NEURON_RESOURCE: DeviceResource = 'aws.amazon.com/neuron';

/** Label NVIDIA GPU Feature Discovery sets to `true` on NVIDIA GPU nodes. */
export const NVIDIA_GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';
/** Well-known label with the node's CPU architecture (`amd64`, `arm64`). */
export const ARCH_LABEL = 'kubernetes.io/arch';

/** A requirement on a node's labels: label `key` has one of `values`. */
export interface NodeRequirement {
  readonly key: string;
  readonly values: readonly string[];
}

/** A toleration of every taint with this key and effect (operator `Exists`). */
export interface NodeToleration {
  readonly key: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Where a DaemonSet runs: nodes meeting every requirement, past the tolerated taints. */
export interface NodePlacement {
  readonly requirements: readonly NodeRequirement[];
  readonly tolerations: readonly NodeToleration[];
}

/** EKS API taint effects in their Kubernetes spelling. */
const KUBERNETES_EFFECT: Readonly<Record<NodeTaint['effect'], NodeToleration['effect']>> = {
  NO_SCHEDULE: 'NoSchedule',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
  NO_EXECUTE: 'NoExecute',
};

/** The toleration of a node-group taint (EKS spelling in, Kubernetes spelling out). */
export function tolerationOf(taint: Pick<NodeTaint, 'key' | 'effect'>): NodeToleration {
  return { key: taint.key, effect: KUBERNETES_EFFECT[taint.effect] };
}

/** The toleration of the taint accelerator nodes carry for `resource`. */
function tolerateAccelerator(resource: DeviceResource): NodeToleration {
  return tolerationOf({ key: resource, effect: 'NO_SCHEDULE' });
}

/** Accelerator kinds of a vendor, in catalog order. */
function kindsOf(vendor: AcceleratorSpec['vendor']): string[] {
  return ACCELERATORS.filter((kind) => ACCELERATOR_SPECS[kind].vendor === vendor);
}

const GPU_PRESENT: NodeRequirement = { key: NVIDIA_GPU_PRESENT_LABEL, values: ['true'] };

/**
 * The nodes with NVIDIA GPUs: where the NVIDIA device plugin and the DCGM exporter run.
 * @param jetson true on an edge site of Jetson modules (arm64 nodes with an integrated GPU).
 */
export function nvidiaNodes(target: PlatformTarget, jetson = false): NodePlacement {
  const tolerations = [tolerateAccelerator(NVIDIA_GPU_RESOURCE)];
  switch (target) {
    case 'eks':
      return { requirements: [{ key: ACCELERATOR_LABEL, values: kindsOf('nvidia') }], tolerations };
    case 'onprem':
      return { requirements: [GPU_PRESENT], tolerations };
    case 'edge':
      return { requirements: [jetson ? { key: ARCH_LABEL, values: ['arm64'] } : GPU_PRESENT], tolerations };
  }
}

/** The Trainium nodes of an EKS cluster: where the Neuron device plugin runs. */
export function neuronNodes(): NodePlacement {
  return { requirements: [{ key: ACCELERATOR_LABEL, values: kindsOf('aws') }], tolerations: [tolerateAccelerator(NEURON_RESOURCE)] };
}

/** The EKS nodes with EFA interfaces (GPU or Trainium): where the EFA device plugin runs. */
export function efaNodes(): NodePlacement {
  return {
    requirements: [{ key: EFA_LABEL, values: ['true'] }],
    tolerations: [tolerateAccelerator(NVIDIA_GPU_RESOURCE), tolerateAccelerator(NEURON_RESOURCE)],
  };
}

/** The on-prem GPU nodes on the InfiniBand or RoCE fabric: where the RDMA shared device plugin runs. */
export function rdmaNodes(): NodePlacement {
  return nvidiaNodes('onprem');
}

/**
 * The on-prem GPU servers that joined the EKS cluster as EKS Hybrid Nodes, and only they (the
 * label EKS gives hybrid nodes, and the one nodeadm gives GPU servers,
 * ../connectivity/hybrid-node-labels): where the servers' own DCGM exporter runs, never on a
 * cloud GPU node.
 */
export function hybridNvidiaNodes(): NodePlacement {
  return { requirements: [{ key: COMPUTE_TYPE_LABEL, values: [HYBRID_COMPUTE_TYPE] }, GPU_PRESENT], tolerations: [tolerateAccelerator(NVIDIA_GPU_RESOURCE)] };
}
