/**
 * Which stacks read another stack's outputs (cdktf cross-stack references become remote-state
 * reads), as the builders in ./build-stacks wire them. A pure table, so commands that order
 * deployments (`tracklayer rollout`) need not synthesize; a test compares it with the
 * dependencies cdktf records in the synthesized manifest.
 *
 * | stack           | reads                                                        |
 * |-----------------|--------------------------------------------------------------|
 * | network         | nothing                                                      |
 * | lakehouse       | network, in hybrid (its S3 endpoint gates raw and curated)   |
 * | gpu-cluster     | network, lakehouse                                           |
 * | gpu-platform    | gpu-cluster                                                  |
 * | gpu-queues      | gpu-cluster, and gpu-platform (Kueue's CRDs) before it       |
 * | connectivity    | network; gpu-cluster in `onPrem.mode: hybrid-nodes` (the servers join it) |
 * | onprem-platform | nothing (its own kubeconfig context)                         |
 * | edge-<site>     | lakehouse (models bucket, key, trust anchor)                 |
 */
import type { Selection } from '../strategy/select';
import type { StackRef, StackRole } from '../strategy/stack-plan';
import { roleKind, type RoleKind } from './build-stacks';

/**
 * True when the on-prem servers join the EKS cluster (`onPrem.mode: hybrid-nodes`): the one
 * hybrid layout without an onprem-platform stack (strategy/stack-plan).
 */
function serversJoinEks(selection: Pick<Selection, 'strategy' | 'stacks'>): boolean {
  return selection.strategy === 'hybrid' && !selection.stacks.some((stack) => stack.role === 'onprem-platform');
}

/** The roles each role kind reads, before filtering to the stacks the selection builds. */
function readsOf(kind: RoleKind, selection: Pick<Selection, 'strategy' | 'stacks'>): StackRole[] {
  const { strategy } = selection;
  switch (kind) {
    case 'network':
    case 'onprem-platform':
      return [];
    case 'lakehouse':
      return strategy === 'hybrid' ? ['network'] : [];
    case 'gpu-cluster':
      return ['network', 'lakehouse'];
    case 'gpu-platform':
      return ['gpu-cluster'];
    case 'gpu-queues':
      // Reads the cluster; applied after gpu-platform, whose Kueue release installs the CRDs.
      return ['gpu-cluster', 'gpu-platform'];
    case 'connectivity':
      return serversJoinEks(selection) ? ['network', 'gpu-cluster'] : ['network'];
    case 'edge':
      return ['lakehouse'];
  }
}

/** The names of the stacks `ref` reads outputs from, among the stacks of the selection. */
export function stackDependencies(ref: StackRef, selection: Pick<Selection, 'strategy' | 'stacks'>): string[] {
  const byRole = new Map(selection.stacks.map((stack) => [stack.role, stack.name]));
  return readsOf(roleKind(ref.role), selection).flatMap((role) => {
    const name = byRole.get(role);
    return name ? [name] : [];
  });
}
