/**
 * Builds the stacks a selection lists, role by role, from a registry of stack builders.
 * Roles whose builder has not landed yet are returned as missing, never built empty.
 */
import type { Construct } from 'constructs';
import type { Selection } from '../strategy/select';
import type { StackRef, StackRole } from '../strategy/stack-plan';
import { ConnectivityStack } from './connectivity-stack';
import { GpuClusterStack } from './gpu-cluster-stack';
import { EdgeSiteStack } from './edge-site-stack';
import { GpuPlatformStack } from './gpu-platform-stack';
import { GpuQueuesStack } from './gpu-queues-stack';
import { LakehouseStack } from './lakehouse-stack';
import { NetworkStack } from './network-stack';
import { OnPremPlatformStack } from './onprem-platform-stack';
import type { StackContext, TracklayerStack } from './tracklayer-stack';

/** A role without its site: edge stacks share one builder. */
export type RoleKind = Exclude<StackRole, `edge-${string}`> | 'edge';

/** The stacks built so far, by role kind, so later stacks can take typed outputs of earlier ones. */
export interface BuiltStacks {
  network?: NetworkStack;
  lakehouse?: LakehouseStack;
  gpuCluster?: GpuClusterStack;
  gpuPlatform?: GpuPlatformStack;
}

/** Builds one stack of a role. */
type StackBuilder = (scope: Construct, ref: StackRef, context: StackContext, built: BuiltStacks) => TracklayerStack;

/** The builders that exist; a role missing here is reported, not faked. */
const STACK_BUILDERS: Partial<Record<RoleKind, StackBuilder>> = {
  network: (scope, ref, context) => new NetworkStack(scope, ref, context),
  // The stack confines data to the network's S3 endpoint in the hybrid strategy, and puts Kafka brokers in its subnets.
  lakehouse: (scope, ref, context, built) => new LakehouseStack(scope, ref, context, built.network?.outputs),
  'gpu-cluster': (scope, ref, context, built) => new GpuClusterStack(scope, ref, context, { network: required(built.network, ref).outputs, lakehouse: required(built.lakehouse, ref).outputs }),
  'gpu-platform': (scope, ref, context, built) => new GpuPlatformStack(scope, ref, context, required(built.gpuCluster, ref).outputs),
  'gpu-queues': (scope, ref, context, built) => new GpuQueuesStack(scope, ref, context, required(built.gpuCluster, ref).outputs, required(built.gpuPlatform, ref)),
  connectivity: (scope, ref, context, built) => new ConnectivityStack(scope, ref, context, { network: required(built.network, ref).outputs, cluster: built.gpuCluster?.outputs }),
  'onprem-platform': (scope, ref, context) => new OnPremPlatformStack(scope, ref, context),
  edge: (scope, ref, context, built) => new EdgeSiteStack(scope, ref, context, siteOf(ref, context), required(built.lakehouse, ref).outputs),
};

/** The edge site of an `edge-<site>` stack. */
function siteOf(ref: StackRef, context: StackContext) {
  const site = context.needs.workload.inference?.sites?.find((s) => ref.role === `edge-${s.name}`);
  if (!site) throw new Error(`${ref.name}: no site for role ${ref.role}`);
  return site;
}

/** A stack this one builds on; the stack plan always lists it first, so its absence is a bug. */
function required<T>(stack: T | undefined, ref: StackRef): T {
  if (!stack) throw new Error(`${ref.name}: a stack it builds on was not built first`);
  return stack;
}

/** The kind of a role (`edge-plant-berlin` → `edge`). */
export function roleKind(role: StackRole): RoleKind {
  return role.startsWith('edge-') ? 'edge' : (role as RoleKind);
}

/** What was built and what could not be. */
export interface BuildResult {
  readonly built: readonly TracklayerStack[];
  readonly missing: readonly StackRef[];
}

/** Builds every stack of the selection that has a builder, in the selection's order. */
export function buildStacks(scope: Construct, context: StackContext, selection: Selection): BuildResult {
  const built: TracklayerStack[] = [];
  const missing: StackRef[] = [];
  const byKind: BuiltStacks = {};
  for (const ref of selection.stacks) {
    const builder = STACK_BUILDERS[roleKind(ref.role)];
    if (!builder) {
      missing.push(ref);
      continue;
    }
    const stack = builder(scope, ref, context, byKind);
    if (stack instanceof NetworkStack) byKind.network = stack;
    if (stack instanceof LakehouseStack) byKind.lakehouse = stack;
    if (stack instanceof GpuClusterStack) byKind.gpuCluster = stack;
    if (stack instanceof GpuPlatformStack) byKind.gpuPlatform = stack;
    built.push(stack);
  }
  return { built, missing };
}
