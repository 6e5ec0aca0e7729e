/**
 * How to undo each phase. The rule for every phase is the same: revert the change in git and
 * run the phase's command again, so Terraform returns the stacks to the previous
 * configuration; never destroy a stack to roll back (later phases build on it, and data
 * stores in prod carry prevent_destroy). What differs is what is safe meanwhile.
 */
import type { EdgeSite } from '../needs/schema';
import { edgeUndoCommand } from './edge-site-checks';
import type { PhaseGroup } from './phase-groups';

const REVERT = 'Revert the change in git and run this phase\'s command again: Terraform returns its stacks to the previous configuration.';

/** What the rollback of each phase adds to the rule. */
function specifics(group: PhaseGroup): string {
  const roles = new Set(group.stacks.map((stack) => stack.role));
  if (group.sites.length > 0) return edgeSpecifics(group.name, group.sites);
  const parts: string[] = [];
  if (roles.has('network')) parts.push('The network carries every later stack; changes that replace subnets or endpoints are visible in the plan as replacements: stop there rather than apply them.');
  if (roles.has('lakehouse')) parts.push('Buckets, the data key and (edge-centric) the private CA keep their contents across a revert; in prod they carry prevent_destroy, so no rollback can delete them. A failed first deploy leaves empty buckets that the next deploy adopts.');
  if (roles.has('gpu-cluster')) parts.push('Node groups scale and roll back in place one node at a time; a failed control-plane update leaves the previous version serving (EKS updates in place).');
  if (roles.has('connectivity')) parts.push('A VPN change that replaces the connection drops the tunnels until the on-prem device is reconfigured: check the plan for a replacement first.');
  if (roles.has('gpu-platform') || roles.has('onprem-platform')) parts.push('Kubernetes objects revert in place; running jobs and servers keep running while the platform reverts.');
  return parts.join(' ');
}

function edgeSpecifics(phase: string, sites: readonly EdgeSite[]): string {
  const undo = sites.map(edgeUndoCommand).join('; ');
  const later = phase === 'pilot' ? 'No wave starts until the pilot validates: the other sites keep the previous version.' : 'Later waves do not start: their sites keep the previous version.';
  return `${later} To stop the bleeding first, put this phase's sites back on their previous pods at once: ${undo}. Then revert and deploy this phase again so Terraform and the sites agree. Never destroy a site's stack to roll back: its certificate stays valid and its models stay in S3.`;
}

/** The rollback text of a phase. */
export function rollbackPlan(group: PhaseGroup): string {
  const extra = specifics(group);
  return extra ? `${REVERT} ${extra}` : REVERT;
}
