/**
 * The `<name>-onprem-platform` stack of the hybrid strategy: the GPU platform on the existing
 * on-prem cluster, reached through kubeconfig context `onPrem.kubeContext`; quotas from
 * `gpuNodes × gpusPerNode`, and the RDMA device plugin for an InfiniBand or RoCE interconnect.
 */
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import type { Construct } from 'constructs';
import { GpuPlatform } from '../constructs/platform/gpu-platform';
import { onPremPlatformProfile } from '../constructs/platform/platform-profile';
import type { StackRef } from '../strategy/stack-plan';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/**
 * The kubeconfig file the Kubernetes provider reads (the provider reads no kubeconfig unless
 * told where). The default location of kubectl; a different file is a symlink away.
 */
export const KUBECONFIG_PATH = '~/.kube/config';

/** The Kubernetes provider on a kubeconfig context. */
export function kubeContextProvider(scope: Construct, context: string): KubernetesProvider {
  return new KubernetesProvider(scope, 'kubernetes', { configPath: KUBECONFIG_PATH, configContext: context });
}

/** The on-prem platform stack. */
export class OnPremPlatformStack extends TracklayerStack {
  /** The platform on the on-prem cluster. */
  readonly platform: GpuPlatform;

  constructor(scope: Construct, ref: StackRef, context: StackContext) {
    super(scope, ref, context);
    const onPrem = context.needs.onPrem;
    if (!onPrem) throw new Error(`${ref.name}: the on-prem platform needs onPrem (validation guarantees it for hybrid)`);
    kubeContextProvider(this, onPrem.kubeContext);
    this.platform = new GpuPlatform(this, 'platform', onPremPlatformProfile(onPrem));
  }
}
