/**
 * Which Kubernetes cluster each stack's Kubernetes objects go to, read from its `kubernetes`
 * provider: an EKS cluster reached with `aws eks get-token --cluster-name <name>` is `eks:<name>`,
 * a kubeconfig context is `context:<context>` (the on-prem cluster, an edge site). The name of an
 * EKS cluster of the synthesis is the `name` of its `aws_eks_cluster`, so node groups (AWS) and
 * workloads (Kubernetes) meet under the same key.
 */
import type { SynthesizedStack } from '../rule';
import { providerConfigs, resourcesOf, singleBlock, stringList } from '../terraform-json';
import type { ReferenceResolver } from './references';

/** The key of an EKS cluster by name. */
export function eksClusterKey(name: string): string {
  return `eks:${name}`;
}

/** The key of a cluster reached through a kubeconfig context. */
export function contextClusterKey(context: string): string {
  return `context:${context}`;
}

/** The cluster a stack's Kubernetes objects go to, or undefined when the stack has no Kubernetes provider (or one it cannot read). */
export function clusterOfStack(stack: SynthesizedStack, resolver: ReferenceResolver): string | undefined {
  const config = providerConfigs(stack, 'kubernetes')[0]?.config;
  if (!config) return undefined;
  if (typeof config.config_context === 'string') return contextClusterKey(config.config_context);
  const args = stringList(singleBlock(config.exec)?.args);
  const at = args.indexOf('--cluster-name');
  const name = at >= 0 ? resolver.resolveString(args[at + 1], stack) : undefined;
  return name ? eksClusterKey(name) : undefined;
}

/** The EKS clusters the stack creates, by resource name: their cluster keys. */
export function eksClustersOf(stack: SynthesizedStack, resolver: ReferenceResolver): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const cluster of resourcesOf(stack, 'aws_eks_cluster')) {
    const name = resolver.resolveString(cluster.config.name, stack);
    if (name) clusters.set(cluster.name, eksClusterKey(name));
  }
  return clusters;
}
