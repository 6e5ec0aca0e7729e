/**
 * `tracklayer rollout`: the ordered phases of a migration (./phase-groups), each with its stacks
 * in dependency order, the checks to pass before it (./preflight-checks, ./edge-site-checks),
 * the checks to run after it (./stack-validation, ./edge-site-checks), its rollback plan
 * (./rollback-plans) and the exact `cdktf deploy` command (./deploy-command). A pure function of
 * the validated needs and the selection; nothing is synthesized or called.
 */
import type { Needs } from '../needs/schema';
import type { Selection } from '../strategy/select';
import { deployCommand } from './deploy-command';
import { edgePreflightChecks, edgeValidationChecks } from './edge-site-checks';
import { phaseGroups } from './phase-groups';
import { budgetCheck, computeCapacityChecks, projectChecks, spendCheck } from './preflight-checks';
import { rollbackPlan } from './rollback-plans';
import type { RolloutCheck, RolloutPlan } from './rollout-check';
import { stackValidationChecks } from './stack-validation';

/** The rollout of a selection; `needsFile` is the path the printed commands name. */
export function rolloutPlan(needs: Needs, selection: Pick<Selection, 'strategy' | 'stacks'>, needsFile: string): RolloutPlan {
  const groups = phaseGroups(needs, selection);
  const edgeCentric = selection.strategy === 'edge-centric';
  const clusterPhase = groups.findIndex((group) => group.stacks.some((stack) => stack.role === 'gpu-cluster'));
  const phases = groups.map((group, index) => {
    const siteOf = (role: string) => group.sites.find((site) => role === `edge-${site.name}`);
    const spend = clusterPhase >= 0 && index > clusterPhase ? spendCheck(needs) : undefined;
    const budget = budgetCheck(needs, group.stacks, selection);
    const preflight: RolloutCheck[] = [
      ...projectChecks(needsFile),
      ...(budget ? [budget] : []),
      ...(spend ? [spend] : []),
      ...group.stacks.flatMap((stack) => {
        const site = siteOf(stack.role);
        if (site) return edgePreflightChecks(site, stack.name);
        return stack.role === 'gpu-cluster' ? computeCapacityChecks(needs, stack) : [];
      }),
    ];
    const validate = group.stacks.flatMap((stack) => {
      const site = siteOf(stack.role);
      return site ? edgeValidationChecks(site, stack.name) : stackValidationChecks(needs, stack, edgeCentric);
    });
    return { name: group.name, stacks: group.stacks.map((stack) => stack.name), preflight, validate, rollback: rollbackPlan(group), command: deployCommand(group.stacks, selection) };
  });
  return { phases };
}
