/**
 * The phases of a migration and the stacks in each, following the seeds' migration plan
 * (pilot, data layer, compute, full transition) within the order the stacks must deploy in.
 * A pure function of the validated needs and the selection.
 *
 * | phase           | cloud-first  | hybrid                          | edge-centric                       |
 * |-----------------|--------------|---------------------------------|------------------------------------|
 * | pilot           | network      | network                         | (after compute: the pilot sites)   |
 * | data-layer      | lakehouse    | lakehouse                       | network, lakehouse                 |
 * | compute         | gpu-cluster  | gpu-cluster, connectivity       | gpu-cluster, gpu-platform          |
 * | pilot (edge)    | -            | -                               | edge-<pilot sites>                 |
 * | full-transition | gpu-platform | gpu-platform, onprem-platform   | one phase per wave: wave-1 … wave-n |
 *
 * Cloud-first and hybrid pilot the network: the cheapest slice that proves the account, the
 * credentials, the state backend, the guardrails and the pipeline, holding no data and no
 * GPUs. Edge-centric pilots sites, as `workload.inference.rollout` says, and a site reads its
 * models and its trust anchor from the lakehouse, so its data layer (with the network) comes
 * first. The full transition moves workloads onto the new platform: the Kubernetes layers
 * where teams' jobs and servers run, or, at the edge, the remaining sites wave by wave.
 * Phases without stacks are left out: no edge sites, no edge phases; no cluster, no compute.
 */
import type { EdgeSite, Needs } from '../needs/schema';
import { edgeRollout } from '../strategy/edge-rollout';
import type { Selection } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';

/** One phase's name and stacks, in deploy order, with the edge sites it rolls out. */
export interface PhaseGroup {
  readonly name: string;
  readonly stacks: readonly StackRef[];
  /** The edge sites this phase deploys (pilot and wave phases). */
  readonly sites: readonly EdgeSite[];
}

/** The phase of a non-edge role, by strategy. */
function phaseOf(role: StackRef['role'], strategy: Selection['strategy']): string {
  if (strategy === 'edge-centric') return role === 'network' || role === 'lakehouse' ? 'data-layer' : 'compute';
  switch (role) {
    case 'network':
      return 'pilot';
    case 'lakehouse':
      return 'data-layer';
    case 'gpu-cluster':
    case 'connectivity':
      return 'compute';
    default:
      return 'full-transition';
  }
}

/** The order of the phases that hold non-edge stacks; edge phases (pilot, waves) follow them. */
const PHASE_ORDER: Readonly<Record<Selection['strategy'], readonly string[]>> = {
  'cloud-first': ['pilot', 'data-layer', 'compute', 'full-transition'],
  hybrid: ['pilot', 'data-layer', 'compute', 'full-transition'],
  'edge-centric': ['data-layer', 'compute'],
};

/** The phases of the selection, in order; each phase's stacks keep the selection's deploy order. */
export function phaseGroups(needs: Needs, selection: Pick<Selection, 'strategy' | 'stacks'>): PhaseGroup[] {
  const edgeStack = (site: EdgeSite) => selection.stacks.find((stack) => stack.role === `edge-${site.name}`);
  const core = selection.stacks.filter((stack) => !stack.role.startsWith('edge-'));
  const groups: PhaseGroup[] = PHASE_ORDER[selection.strategy].map((name) => ({ name, stacks: core.filter((stack) => phaseOf(stack.role, selection.strategy) === name), sites: [] }));
  const rollout = edgeRollout(needs.workload.inference);
  const withStacks = (sites: readonly EdgeSite[]) => sites.filter((site) => edgeStack(site) !== undefined);
  const sitePhase = (name: string, sites: readonly EdgeSite[]): PhaseGroup => ({ name, stacks: withStacks(sites).map((site) => edgeStack(site)!), sites: withStacks(sites) });
  const edge = [sitePhase('pilot', rollout.pilot), ...rollout.waves.map((wave, index) => sitePhase(`wave-${index + 1}`, wave))];
  return [...groups, ...edge].filter((group) => group.stacks.length > 0);
}
