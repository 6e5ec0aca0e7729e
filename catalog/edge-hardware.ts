/**
 * Kinds of edge node a needs file can target, and what Kubernetes needs to know to schedule
 * accelerated pods on them.
 */

/** Every edge hardware kind the catalog knows. */
export const EDGE_HARDWARE = ['jetson-orin', 'x86-l4', 'x86-cpu'] as const;

/** One edge hardware kind, e.g. `'jetson-orin'`. */
export type EdgeHardware = (typeof EDGE_HARDWARE)[number];

/** What one node of an edge hardware kind offers. */
export interface EdgeHardwareSpec {
  /** The kind this spec describes. */
  readonly id: EdgeHardware;
  /** CPU architecture, which decides the container images the node can run. */
  readonly architecture: 'x86_64' | 'arm64';
  /** GPUs per node; 0 for CPU-only nodes. */
  readonly gpusPerNode: number;
  /** Extended resource a pod requests for a GPU, or undefined when the node has none. */
  readonly deviceResource: 'nvidia.com/gpu' | undefined;
  /**
   * RuntimeClass a GPU pod must name, or undefined when the default runtime already exposes
   * the GPU. On Jetson (JetPack with k3s/containerd) the NVIDIA runtime is registered but not
   * the default, so pods opt in with `runtimeClassName: nvidia`; on x86 the NVIDIA GPU Operator
   * makes the NVIDIA runtime containerd's default, so no RuntimeClass is needed.
   */
  readonly runtimeClass: 'nvidia' | undefined;
  /** Memory the GPU can use, in GiB; 0 for CPU-only nodes. */
  readonly acceleratorMemoryGiB: number;
  /** One line saying what the hardware is. */
  readonly description: string;
}

/**
 * Reference module for jetson-orin: Jetson AGX Orin 64GB, whose 64 GB is unified memory the
 * integrated GPU shares with the CPU, so a model gets somewhat less than that. Smaller Orin
 * modules (Orin NX 8/16 GB, Orin Nano 4/8 GB) need a lower figure.
 * https://www.nvidia.com/en-us/autonomous-machines/embedded-systems/jetson-orin/
 */
const JETSON_AGX_ORIN_MEMORY_GIB = 64;

/** NVIDIA L4 memory. https://www.nvidia.com/en-us/data-center/l4/ */
const L4_MEMORY_GIB = 24;

/** The spec of every edge hardware kind, keyed by kind. */
export const EDGE_HARDWARE_SPECS: Readonly<Record<EdgeHardware, EdgeHardwareSpec>> = Object.freeze({
  'jetson-orin': {
    id: 'jetson-orin',
    architecture: 'arm64',
    gpusPerNode: 1,
    deviceResource: 'nvidia.com/gpu',
    runtimeClass: 'nvidia',
    acceleratorMemoryGiB: JETSON_AGX_ORIN_MEMORY_GIB,
    description: 'NVIDIA Jetson AGX Orin module: arm64 CPU with one integrated Ampere GPU sharing unified memory',
  },
  'x86-l4': {
    id: 'x86-l4',
    architecture: 'x86_64',
    gpusPerNode: 1,
    deviceResource: 'nvidia.com/gpu',
    runtimeClass: undefined,
    acceleratorMemoryGiB: L4_MEMORY_GIB,
    description: 'x86_64 server with one NVIDIA L4 (24 GB) PCIe GPU',
  },
  'x86-cpu': {
    id: 'x86-cpu',
    architecture: 'x86_64',
    gpusPerNode: 0,
    deviceResource: undefined,
    runtimeClass: undefined,
    acceleratorMemoryGiB: 0,
    description: 'x86_64 server without an accelerator; runs CPU inference only',
  },
});
