/** Catalog look-ups for the compute tests. */
import { findInstanceType } from '../../../catalog/choose-instance';
import type { InstanceTypeSpec } from '../../../catalog/instance-type';

/** The catalog entry named `name`; fails the test if the catalog lost it. */
export function instance(name: string): InstanceTypeSpec {
  const found = findInstanceType(name);
  if (found === undefined) throw new Error(`test setup: the catalog has no ${name}`);
  return found;
}

/** A Graviton NVIDIA type (g5g.xlarge: T4G on arm64) the catalog does not carry, for the arm64 AMI rule. */
export function armNvidiaInstance(): InstanceTypeSpec {
  return { ...instance('g5.xlarge'), name: 'g5g.xlarge', architecture: 'arm64' };
}
