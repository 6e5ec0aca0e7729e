/**
 * Accelerator kinds a needs file can ask for, and what one chip of each is.
 *
 * Memory figures are the vendor's nominal sizes (NVIDIA and AWS print them as "GB"); they are
 * kept as GiB here because the scheduler and the memory-fit checks work in GiB, and the
 * difference (under 5%) is below the headroom any fit check must leave anyway.
 */

/** Every accelerator kind the catalog knows, in the order the docs list them. */
export const ACCELERATORS = ['h100', 'h200', 'a100', 'l40s', 'l4', 'a10g', 'trainium'] as const;

/** One accelerator kind, e.g. `'h100'`. */
export type Accelerator = (typeof ACCELERATORS)[number];

/** What one chip of an accelerator kind is, independent of the instance that carries it. */
export interface AcceleratorSpec {
  /** The accelerator kind this spec describes. */
  readonly id: Accelerator;
  /** Who makes the chip: NVIDIA GPUs, or AWS's own Trainium. */
  readonly vendor: 'nvidia' | 'aws';
  /** Marketing name of the chip, e.g. `'NVIDIA H100'`. */
  readonly model: string;
  /**
   * Accelerator memory of one chip. For a kind sold in several memory sizes (A100: 40 and
   * 80 GB) this is the smallest, so a fit computed from it holds on every instance carrying
   * the kind; the instance's own `acceleratorMemoryGiB` has the exact total.
   */
  readonly memoryGiBPerChip: number;
  /**
   * Kubernetes extended resource a pod requests to get one chip: the NVIDIA device plugin
   * advertises `nvidia.com/gpu`; the Neuron device plugin advertises one
   * `aws.amazon.com/neuron` per Trainium chip (a "Neuron device").
   */
  readonly deviceResource: 'nvidia.com/gpu' | 'aws.amazon.com/neuron';
}

/** Memory per chip, from the vendors' data sheets. */
const H100_MEMORY_GIB = 80; // https://www.nvidia.com/en-us/data-center/h100/ (SXM, as in p5)
const H200_MEMORY_GIB = 141; // https://www.nvidia.com/en-us/data-center/h200/
const A100_MEMORY_GIB = 40; // https://www.nvidia.com/en-us/data-center/a100/ (40 GB in p4d; 80 GB in p4de)
const L40S_MEMORY_GIB = 48; // https://www.nvidia.com/en-us/data-center/l40s/
const L4_MEMORY_GIB = 24; // https://www.nvidia.com/en-us/data-center/l4/
const A10G_MEMORY_GIB = 24; // https://aws.amazon.com/ec2/instance-types/g5/ (A10G is AWS-only)
const TRAINIUM_MEMORY_GIB = 32; // https://aws.amazon.com/ec2/instance-types/trn1/ (512 GB over 16 chips)

/** The spec of every accelerator kind, keyed by kind. */
export const ACCELERATOR_SPECS: Readonly<Record<Accelerator, AcceleratorSpec>> = Object.freeze({
  h100: { id: 'h100', vendor: 'nvidia', model: 'NVIDIA H100', memoryGiBPerChip: H100_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  h200: { id: 'h200', vendor: 'nvidia', model: 'NVIDIA H200', memoryGiBPerChip: H200_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  a100: { id: 'a100', vendor: 'nvidia', model: 'NVIDIA A100', memoryGiBPerChip: A100_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  l40s: { id: 'l40s', vendor: 'nvidia', model: 'NVIDIA L40S', memoryGiBPerChip: L40S_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  l4: { id: 'l4', vendor: 'nvidia', model: 'NVIDIA L4', memoryGiBPerChip: L4_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  a10g: { id: 'a10g', vendor: 'nvidia', model: 'NVIDIA A10G', memoryGiBPerChip: A10G_MEMORY_GIB, deviceResource: 'nvidia.com/gpu' },
  trainium: {
    id: 'trainium',
    vendor: 'aws',
    model: 'AWS Trainium',
    memoryGiBPerChip: TRAINIUM_MEMORY_GIB,
    deviceResource: 'aws.amazon.com/neuron',
  },
});

/** True when `value` names an accelerator kind; lets a parser narrow a string without a cast. */
export function isAccelerator(value: string): value is Accelerator {
  return (ACCELERATORS as readonly string[]).includes(value);
}
