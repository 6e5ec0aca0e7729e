/**
 * How many physical NVIDIA GPUs a node has, and which model, from what the NVIDIA GPU Operator
 * puts on the node: the device plugin's extended resource and GPU Feature Discovery's labels
 * (NVIDIA/k8s-device-plugin, docs/gpu-feature-discovery/README.md "Generated Labels", and
 * README.md "Shared Access to GPUs" / "Catalog of Labels").
 *
 * | source                                 | meaning                                                       |
 * |----------------------------------------|---------------------------------------------------------------|
 * | `nvidia.com/gpu.product` label         | the GPU model, e.g. `NVIDIA-H100-80GB-HBM3`                   |
 * | `nvidia.com/gpu.count` label           | physical GPUs; under MIG "single" the MIG devices instead     |
 * | `nvidia.com/gpu.replicas` label        | devices advertised per GPU under time-slicing or MPS          |
 * | `nvidia.com/mig.strategy` label        | the strategy configured; `single` is set with MIG off, too    |
 * | `nvidia.com/gpu.slices.gi` label       | GPU-instance slices of one MIG device: only when MIG is on    |
 * | capacity `nvidia.com/gpu`              | devices the device plugin advertises (GPUs, replicas or MIG)  |
 * | capacity `nvidia.com/gpu.shared`       | the same under sharing with `renameByDefault: true`           |
 *
 * GFD labels `mig.strategy=single` whether or not any GPU has MIG enabled (the GPU Operator's
 * default strategy; internal/lm/mig-strategy.go returns no MIG labels when no device has MIG
 * on), so `gpu.slices.gi` is what says the count is of MIG devices.
 * Physical GPUs, in this order: under MIG "single" with `slices.gi`, `gpu.count ÷ ⌊7 ÷ slices.gi⌋` (A100, H100
 * and H200 have seven GPU-instance slices: NVIDIA MIG User Guide,
 * https://docs.nvidia.com/datacenter/tesla/mig-user-guide/); else `gpu.count`; else (no GFD)
 * the advertised devices ÷ `gpu.replicas`. Without GFD there is no model: the node counts as a
 * GPU node of unknown model, which audit reports.
 */
import type { Accelerator } from '../catalog/accelerator';
import { acceleratorOfGpuProduct, baseGpuProduct } from '../catalog/gpu-product';
import type { ClusterNode } from './node-list';

/** GFD's label keys. */
export const GFD_LABELS = {
  product: 'nvidia.com/gpu.product',
  count: 'nvidia.com/gpu.count',
  replicas: 'nvidia.com/gpu.replicas',
  migStrategy: 'nvidia.com/mig.strategy',
  migSlices: 'nvidia.com/gpu.slices.gi',
} as const;

/** The device plugin's resources: whole (or shared, or MIG "single") GPUs. */
const GPU_RESOURCES = ['nvidia.com/gpu', 'nvidia.com/gpu.shared'] as const;

/** GPU-instance slices of a MIG-capable data-centre GPU (A100, H100, H200). */
const MIG_SLICES_PER_GPU = 7;

/** A node's GPUs. */
export interface NodeGpus {
  /** Physical GPUs; 0 for a node without NVIDIA GPUs. */
  readonly count: number;
  /** The model without GFD's MIG or sharing suffix, e.g. `NVIDIA-H100-80GB-HBM3`; undefined without GFD. */
  readonly product?: string;
  /** The catalog's kind for the model; undefined when unknown or not in the catalog. */
  readonly accelerator?: Accelerator;
  /** Devices the device plugin advertises (capacity); 0 with GPUs present means no device plugin runs. */
  readonly advertised: number;
  /** Devices the plugin advertises but pods cannot get (unhealthy GPUs): capacity − allocatable. */
  readonly unallocatable: number;
}

/** A non-negative integer quantity, or undefined (`"8"` → 8; `"1k"`, `"abc"` → undefined). */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

function advertised(resources: Readonly<Record<string, string>>): number {
  return GPU_RESOURCES.reduce((sum, name) => sum + (wholeNumber(resources[name]) ?? 0), 0);
}

function physicalCount(node: ClusterNode, devices: number): number {
  const count = wholeNumber(node.labels[GFD_LABELS.count]);
  if (node.labels[GFD_LABELS.migStrategy] === 'single') {
    const slices = wholeNumber(node.labels[GFD_LABELS.migSlices]);
    const perGpu = slices && slices > 0 ? Math.max(1, Math.floor(MIG_SLICES_PER_GPU / slices)) : undefined;
    const migDevices = count ?? devices;
    if (perGpu) return Math.ceil(migDevices / perGpu);
  }
  if (count !== undefined) return count;
  const replicas = wholeNumber(node.labels[GFD_LABELS.replicas]) ?? 1;
  return Math.floor(devices / Math.max(1, replicas));
}

/** The node's NVIDIA GPUs by the table above. */
export function nodeGpus(node: ClusterNode): NodeGpus {
  const devices = advertised(node.capacity);
  const count = physicalCount(node, devices);
  const label = node.labels[GFD_LABELS.product];
  const product = count > 0 && label ? baseGpuProduct(label) : undefined;
  return {
    count,
    product,
    accelerator: product ? acceleratorOfGpuProduct(product) : undefined,
    advertised: devices,
    unallocatable: Math.max(0, devices - advertised(node.allocatable)),
  };
}
