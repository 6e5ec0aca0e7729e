/**
 * How a Kubernetes stack reaches its cluster, as one value both providers are configured from:
 * the Kubernetes provider (tracklayer's own objects) and the Helm provider (upstream charts).
 * One definition, so the two can never point at different clusters or credentials.
 *
 * | access       | used by                                  | credentials                                        |
 * |--------------|------------------------------------------|----------------------------------------------------|
 * | `eks`        | gpu-platform (the EKS cluster)           | exec `aws eks get-token`: a short-lived token per run, never in config or state |
 * | `kubeconfig` | onprem-platform, edge-`<site>`           | the context of ~/.kube/config the operator already uses                         |
 */
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

/** The client authentication API `aws eks get-token` speaks. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * The kubeconfig file the providers read (neither reads a kubeconfig unless told where). The
 * default location of kubectl; a different file is a symlink away.
 */
export const KUBECONFIG_PATH = '~/.kube/config';

/** An EKS cluster reached at its endpoint with a token `aws eks get-token` mints. */
export interface EksClusterAccess {
  readonly kind: 'eks';
  readonly clusterName: string;
  readonly region: string;
  /** The API server endpoint (a token from the gpu-cluster stack's outputs). */
  readonly endpoint: string;
  /** Base64 certificate authority data of the API server. */
  readonly certificateAuthorityData: string;
}

/** A cluster reached through a context of the operator's kubeconfig. */
export interface KubeconfigAccess {
  readonly kind: 'kubeconfig';
  readonly context: string;
}

/** How a stack reaches its cluster. */
export type ClusterAccess = EksClusterAccess | KubeconfigAccess;

/** The exec arguments that mint a token for `clusterName` in `region`. */
export function eksTokenArgs(clusterName: string, region: string): string[] {
  return ['eks', 'get-token', '--cluster-name', clusterName, '--region', region];
}

/** The providers of a Kubernetes stack. */
export interface ClusterProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/** Configures the Kubernetes and Helm providers of `scope` on the same cluster, with the same credentials. */
export function configureClusterProviders(scope: Construct, access: ClusterAccess): ClusterProviders {
  if (access.kind === 'kubeconfig') {
    const connection = { configPath: KUBECONFIG_PATH, configContext: access.context };
    return { kubernetes: new KubernetesProvider(scope, 'kubernetes', connection), helm: new HelmProvider(scope, 'helm', { kubernetes: connection }) };
  }
  const endpoint = { host: access.endpoint, clusterCaCertificate: Fn.base64decode(access.certificateAuthorityData) };
  const exec = { apiVersion: EXEC_API_VERSION, command: 'aws', args: eksTokenArgs(access.clusterName, access.region) };
  // The Kubernetes provider takes exec as a block list, the Helm provider 3.x as an object.
  return {
    kubernetes: new KubernetesProvider(scope, 'kubernetes', { ...endpoint, exec: [exec] }),
    helm: new HelmProvider(scope, 'helm', { kubernetes: { ...endpoint, exec } }),
  };
}
