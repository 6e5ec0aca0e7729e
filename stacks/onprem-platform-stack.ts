/**
 * The `<name>-onprem-platform` stack of the hybrid strategy: the GPU platform on the existing
 * on-prem cluster, reached through kubeconfig context `onPrem.kubeContext`; quotas from
 * `gpuNodes × gpusPerNode`, and the RDMA device plugin for an InfiniBand or RoCE interconnect.
 */
import type { Construct } from 'constructs';
import { GpuPlatform } from '../constructs/platform/gpu-platform';
import { onPremPlatformProfile } from '../constructs/platform/platform-profile';
import type { StackRef } from '../strategy/stack-plan';
import { configureClusterProviders } from './cluster-access';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The on-prem platform stack. */
export class OnPremPlatformStack extends TracklayerStack {
  /** The platform on the on-prem cluster. */
  readonly platform: GpuPlatform;

  constructor(scope: Construct, ref: StackRef, context: StackContext) {
    super(scope, ref, context);
    const onPrem = context.needs.onPrem;
    // Validation guarantees onPrem for hybrid, and a kubeContext in mode cluster (the only mode with this stack).
    if (!onPrem?.kubeContext) throw new Error(`${ref.name}: the on-prem platform needs onPrem with a kubeContext (mode cluster)`);
    configureClusterProviders(this, { kind: 'kubeconfig', context: onPrem.kubeContext });
    this.platform = new GpuPlatform(this, 'platform', onPremPlatformProfile(onPrem, context.needs));
  }
}
