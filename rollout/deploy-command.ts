/**
 * The `cdktf deploy` command of a phase. cdktf refuses to deploy a stack whose dependencies
 * are not in the same command unless told `--ignore-missing-stack-dependencies` (earlier
 * phases deployed them); with that flag it no longer waits for dependencies inside the command
 * either, so a phase whose stacks depend on each other runs them one at a time
 * (`--parallelism 1`), in the order listed (cdktf-cli `deploy`, `CdktfProject.deploy`).
 * Stacks that are independent of each other (the sites of a wave) deploy a few at a time.
 */
import { stackDependencies } from '../stacks/stack-dependencies';
import type { Selection } from '../strategy/select';
import type { StackRef } from '../strategy/stack-plan';
import { shellCommand } from './shell';

/** Independent stacks (edge sites of one wave) deployed at once: enough to move a wave along, few enough to watch. */
export const WAVE_PARALLELISM = 4;

/** The deploy command of a phase's stacks. */
export function deployCommand(stacks: readonly StackRef[], selection: Pick<Selection, 'strategy' | 'stacks'>): string {
  const inPhase = new Set(stacks.map((stack) => stack.name));
  const dependencies = stacks.map((stack) => stackDependencies(stack, selection));
  const outside = dependencies.some((deps) => deps.some((dep) => !inPhase.has(dep)));
  const inside = dependencies.some((deps) => deps.some((dep) => inPhase.has(dep)));
  const words = ['cdktf', 'deploy', ...stacks.map((stack) => stack.name)];
  if (outside) {
    words.push('--ignore-missing-stack-dependencies');
    words.push('--parallelism', String(inside ? 1 : Math.min(WAVE_PARALLELISM, stacks.length)));
  }
  return shellCommand(words);
}
