/**
 * From the name an NVIDIA GPU reports to the accelerator kind of the catalog.
 *
 * The name comes from NVML (`nvidia-smi --query-gpu=name`, e.g. `NVIDIA H100 80GB HBM3`). NVIDIA's
 * GPU Feature Discovery writes it into the node label `nvidia.com/gpu.product` with every run of
 * spaces turned into one `-` and characters outside `[A-Za-z0-9-_. ]` dropped
 * (NVIDIA/k8s-device-plugin, internal/lm/resource.go `sanitise`), so the label reads
 * `NVIDIA-H100-80GB-HBM3`; the DCGM exporter puts the raw name in its `modelName` label. Both
 * forms are read here. GFD appends `-MIG-<profile>` under the MIG "single" strategy and
 * `-SHARED` under time-slicing or MPS (same repository, docs/gpu-feature-discovery/README.md
 * "Generated Labels" and internal/lm/resource_test.go); those suffixes are removed first.
 *
 * Matching is by whole tokens, never by prefix, because NVIDIA's names nest: the H20 is not an
 * H200, the L40 is not an L40S, the A10 is not an A10G, the GH200 is a Grace Hopper superchip.
 *
 * | token in the name | accelerator | names seen                                                        |
 * |-------------------|-------------|-------------------------------------------------------------------|
 * | H100              | h100        | NVIDIA H100 80GB HBM3 (SXM5), NVIDIA H100 PCIe, NVIDIA H100 NVL    |
 * | H200              | h200        | NVIDIA H200, NVIDIA H200 NVL                                       |
 * | A100              | a100        | NVIDIA A100-SXM4-80GB, NVIDIA A100-SXM4-40GB, NVIDIA A100-PCIE-40GB, NVIDIA A100 80GB PCIe |
 * | L40S              | l40s        | NVIDIA L40S                                                        |
 * | L4                | l4          | NVIDIA L4                                                          |
 * | A10G              | a10g        | NVIDIA A10G (AWS G5 only)                                          |
 *
 * Anything else (Tesla-V100-SXM2-16GB, Tesla-T4, NVIDIA-A10, NVIDIA-L40, NVIDIA-H20,
 * NVIDIA-GH200-480GB, NVIDIA-B200, …) is not a kind the catalog prices: the caller reports it.
 */
import type { Accelerator } from './accelerator';

/** The model token of each NVIDIA accelerator kind the catalog knows (Trainium has no NVIDIA name). */
const MODEL_TOKENS: Readonly<Record<string, Accelerator>> = {
  H100: 'h100',
  H200: 'h200',
  A100: 'a100',
  L40S: 'l40s',
  L4: 'l4',
  A10G: 'a10g',
};

/** GFD's suffixes for a partitioned (MIG) or shared (time-slicing, MPS) GPU. */
const MIG_SUFFIX = /-MIG-.*$/i;
const SHARED_SUFFIX = /-SHARED$/i;

/**
 * The GPU's name without GFD's MIG or sharing suffix, e.g. `NVIDIA-A100-SXM4-40GB` for
 * `NVIDIA-A100-SXM4-40GB-MIG-1g.5gb`.
 */
export function baseGpuProduct(product: string): string {
  return product.trim().replace(SHARED_SUFFIX, '').replace(MIG_SUFFIX, '');
}

/**
 * The accelerator kind of an NVIDIA GPU name, in GFD label form (`NVIDIA-H100-80GB-HBM3`) or
 * NVML form (`NVIDIA H100 80GB HBM3`); undefined when the name is no kind the catalog knows.
 */
export function acceleratorOfGpuProduct(product: string): Accelerator | undefined {
  const tokens = baseGpuProduct(product).toUpperCase().split(/[\s_-]+/);
  for (const token of tokens) {
    const accelerator = MODEL_TOKENS[token];
    if (accelerator) return accelerator;
  }
  return undefined;
}
