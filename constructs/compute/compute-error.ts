/**
 * The errors the compute constructs throw. A message starts with the construct path or the
 * function it is about, names the prop, shows the value and says how to fix it.
 */
import type { InstanceTypeSpec } from '../../catalog/instance-type';

/** Any invalid input to a compute construct or helper. */
export class ComputeError extends Error {
  /** `where` is a construct path or a function name; `message` says what is wrong and what to do. */
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'ComputeError';
  }
}

/**
 * EFA was asked of an instance type that has no EFA-capable network card (catalog
 * `efaInterfaces === 0`), e.g. g5.xlarge. Its own class so a caller can tell "pick another
 * type" apart from other input mistakes.
 */
export class EfaNotSupportedError extends ComputeError {
  /** The instance type that has no EFA. */
  readonly instanceType: string;

  /** `where` is the function or construct path that needed EFA. */
  constructor(where: string, instance: Pick<InstanceTypeSpec, 'name'>) {
    super(
      where,
      `instance type ${instance.name} has no EFA-capable network card (efaInterfaces is 0), so it cannot join an EFA fabric; ` +
        `pick an EFA type for multi-node training (e.g. p5.48xlarge, p5en.48xlarge, p4d.24xlarge, trn1n.32xlarge) or drop efa for single-node work`,
    );
    this.name = 'EfaNotSupportedError';
    this.instanceType = instance.name;
  }
}
