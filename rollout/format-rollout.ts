/** The text form of `tracklayer rollout`: each phase with its checks, deploy command and rollback. */
import type { RolloutCheck, RolloutPlan } from './rollout-check';
import { shellWord } from './shell';

function checkLines(checks: readonly RolloutCheck[]): string[] {
  return checks.flatMap((check) => [`     - [${check.id}] ${check.stack ? `${check.stack}: ` : ''}${check.detail}`, ...(check.command ? [`         $ ${check.command}`] : [])]);
}

/** The plan as text for people; `needsFile` is set as TRACKLAYER_NEEDS on the deploy commands. */
export function formatRollout(plan: RolloutPlan, context: { project: string; strategy: string; needsFile: string }): string {
  const env = `TRACKLAYER_NEEDS=${shellWord(context.needsFile)}`;
  const lines = [
    `${context.strategy} rollout of ${context.project}: ${plan.phases.length} phase(s), in order; a phase starts only when the one before it validated.`,
    '',
  ];
  plan.phases.forEach((phase, index) => {
    lines.push(`${index + 1}. ${phase.name}: ${phase.stacks.join(', ')}`);
    lines.push('   pre-flight:', ...checkLines(phase.preflight));
    lines.push('   deploy:', `       $ ${env} npx ${phase.command}`);
    lines.push('   validate:', ...checkLines(phase.validate));
    lines.push(`   rollback: ${phase.rollback}`, '');
  });
  return `${lines.join('\n')}\n`;
}
