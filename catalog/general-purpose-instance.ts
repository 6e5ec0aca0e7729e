/**
 * General-purpose (non-accelerated) EC2 instance types tracklayer runs cluster services on, with
 * the figures a scheduling check needs. The system node group uses m7i.large
 * (constructs/compute/system-node-group.ts); the larger sizes are there for a bigger system group.
 * Specs: https://aws.amazon.com/ec2/instance-types/m7i/ (vCPU and memory per size).
 */

/** CPU and memory of an instance type. */
export interface GeneralPurposeInstance {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly architecture: 'x86_64' | 'arm64';
}

/** The general-purpose types, smallest first. */
export const GENERAL_PURPOSE_INSTANCES: readonly GeneralPurposeInstance[] = Object.freeze([
  { name: 'm7i.large', vcpus: 2, memoryGiB: 8, architecture: 'x86_64' },
  { name: 'm7i.xlarge', vcpus: 4, memoryGiB: 16, architecture: 'x86_64' },
  { name: 'm7i.2xlarge', vcpus: 8, memoryGiB: 32, architecture: 'x86_64' },
]);

/** The general-purpose type named `name`, or undefined. */
export function findGeneralPurposeInstance(name: string): GeneralPurposeInstance | undefined {
  return GENERAL_PURPOSE_INSTANCES.find((instance) => instance.name === name);
}
