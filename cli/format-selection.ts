/** Renders a selection for people (the `select` command without --json). */
import type { Selection } from '../strategy/select';
import { burstCauses } from '../strategy/stack-plan';
import type { Needs } from '../needs/schema';

/** Human-readable selection: strategy, reasons, warnings, stacks. */
export function formatSelection(needs: Needs, selection: Selection): string {
  const lines = [`strategy: ${selection.strategy} (${selection.source === 'auto' ? 'selected by the rules' : 'set in the needs file'})`, 'reasons:'];
  for (const reason of selection.reasons) lines.push(`  - ${reason.rule}: ${reason.detail}`);
  if (selection.warnings.length > 0) {
    lines.push('warnings:');
    for (const warning of selection.warnings) lines.push(`  - ${warning}`);
  }
  lines.push('stacks:');
  for (const stack of selection.stacks) lines.push(`  - ${stack.name} (${stack.role})`);
  if (selection.strategy === 'hybrid') {
    const causes = burstCauses(needs);
    lines.push(causes.length > 0 ? `cloud burst capacity: yes (${causes.join('; ')})` : 'cloud burst capacity: no (the on-prem cluster covers the need)');
  }
  return `${lines.join('\n')}\n`;
}
