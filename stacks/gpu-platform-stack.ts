/**
 * The `<name>-gpu-platform` stack: the Kubernetes layer on the EKS cluster of the gpu-cluster
 * stack (namespaces, quotas, priorities, device plugins, GPU metrics; constructs/platform).
 *
 * A stack of its own because the Kubernetes provider is configured from the cluster's
 * endpoint and certificate: the cluster must exist before this stack can even plan. It reads
 * them from the gpu-cluster stack's outputs ({@link GpuClusterOutputs}, remote state).
 *
 * Authentication is exec-based: the provider runs `aws eks get-token` with the credentials of
 * whoever runs Terraform, so a short-lived token is minted per run and no token is ever
 * written to the configuration or the state. The cluster's access entries decide what that
 * principal may do (the creator is cluster admin). The API endpoint is private unless
 * `cloud.apiAccessCidrs` opens it, so this stack is applied from inside the VPC (or over the
 * VPN) or from an allowed CIDR.
 */
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { GpuPlatform } from '../constructs/platform/gpu-platform';
import { eksPlatformProfile } from '../constructs/platform/platform-profile';
import type { StackRef } from '../strategy/stack-plan';
import { plannedGpuGroups } from './gpu-capacity-plan';
import type { GpuClusterOutputs } from './gpu-cluster-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The client authentication API `aws eks get-token` speaks. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** The exec arguments that mint a token for `clusterName` in `region`. */
export function eksTokenArgs(clusterName: string, region: string): string[] {
  return ['eks', 'get-token', '--cluster-name', clusterName, '--region', region];
}

/** The gpu-platform stack. */
export class GpuPlatformStack extends TracklayerStack {
  /** The Kubernetes provider on the EKS cluster. */
  readonly kubernetesProvider: KubernetesProvider;
  /** The platform. */
  readonly platform: GpuPlatform;

  constructor(scope: Construct, ref: StackRef, context: StackContext, cluster: GpuClusterOutputs) {
    super(scope, ref, context);
    const { needs } = context;
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthorityData),
      exec: [{ apiVersion: EXEC_API_VERSION, command: 'aws', args: eksTokenArgs(cluster.clusterName, needs.cloud.region) }],
    });
    this.platform = new GpuPlatform(this, 'platform', eksPlatformProfile(needs, plannedGpuGroups(needs)));
  }
}
