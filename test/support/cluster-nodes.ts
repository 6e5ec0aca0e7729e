/** Nodes for audit tests, shaped like what the NVIDIA GPU Operator, NFD and the RDMA plugins leave on them. */
import type { ClusterNode } from '../../audit/node-list';

/** A node with the given labels and resources; Ready and schedulable unless told. */
export function clusterNode(name: string, parts: Partial<Omit<ClusterNode, 'name'>> = {}): ClusterNode {
  const capacity = parts.capacity ?? {};
  return { name, labels: parts.labels ?? {}, capacity, allocatable: parts.allocatable ?? capacity, ready: 'ready' in parts ? parts.ready : true, unschedulable: parts.unschedulable ?? false };
}

/** GPU Feature Discovery's labels for `count` GPUs of `product`. */
export function gfdLabels(product: string, count: number): Record<string, string> {
  return { 'nvidia.com/gpu.product': product, 'nvidia.com/gpu.count': String(count), 'nvidia.com/gpu.replicas': '1', 'nvidia.com/mig.strategy': 'single', 'nvidia.com/gpu.present': 'true' };
}

/** A GPU node as the GPU Operator leaves it: GFD labels and nvidia.com/gpu capacity, plus `extra` labels and resources. */
export function gpuNode(name: string, product = 'NVIDIA-H100-80GB-HBM3', count = 8, extra: { labels?: Record<string, string>; capacity?: Record<string, string>; ready?: boolean | undefined } = {}): ClusterNode {
  return clusterNode(name, {
    labels: { ...gfdLabels(product, count), ...extra.labels },
    capacity: { cpu: '192', 'nvidia.com/gpu': String(count), ...extra.capacity },
    ...('ready' in extra ? { ready: extra.ready } : {}),
  });
}

/** NFD labels of a node with InfiniBand HCAs whose RDMA modules are loaded. */
export const NFD_INFINIBAND = {
  'feature.node.kubernetes.io/kernel-version.full': '5.15.0-1063-nvidia',
  'feature.node.kubernetes.io/rdma.available': 'true',
  'feature.node.kubernetes.io/rdma.capable': 'true',
  'feature.node.kubernetes.io/pci-0207_15b3.present': 'true',
};

/** NFD labels of a node with a Mellanox Ethernet NIC whose RDMA modules are loaded (RoCE). */
export const NFD_ROCE = {
  'feature.node.kubernetes.io/kernel-version.full': '5.15.0-1063-nvidia',
  'feature.node.kubernetes.io/rdma.available': 'true',
  'feature.node.kubernetes.io/rdma.capable': 'true',
  'feature.node.kubernetes.io/pci-0200_15b3.present': 'true',
};

/** NFD labels of a node without RDMA. */
export const NFD_PLAIN = { 'feature.node.kubernetes.io/kernel-version.full': '5.15.0-1063-nvidia' };
