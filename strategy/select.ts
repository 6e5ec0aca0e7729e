/**
 * Strategy selection: a pure function from validated needs to the strategy, why, what
 * to watch out for, and the stacks to build. No I/O, no synthesis; tested as a table.
 *
 * - `strategy: auto`: the first rule of {@link SELECTION_RULES} that fires decides
 *   (source `auto`); when none fires, the default rule selects cloud-first.
 * - An explicit strategy wins (source `override`); the rules are still evaluated and
 *   reported, and a rule that would have decided otherwise is a warning.
 * - Every rule that fired is reported in `reasons`, in precedence order.
 */
import type { Needs, Strategy } from '../needs/schema';
import { DEFAULT_RULE, EDGE_LATENCY_MS, SELECTION_RULES, type RuleName, type SelectionRule } from './rules';
import { stacksFor, type StackRef } from './stack-plan';

/** One rule that fired. */
export interface Reason {
  readonly rule: RuleName;
  readonly detail: string;
}

/** The outcome of selection; `select --json` prints exactly this. */
export interface Selection {
  readonly strategy: Strategy;
  readonly source: 'auto' | 'override';
  readonly reasons: readonly Reason[];
  readonly warnings: readonly string[];
  readonly stacks: readonly StackRef[];
}

/** Selects the strategy for validated needs. */
export function selectStrategy(needs: Needs): Selection {
  const fired = SELECTION_RULES.flatMap((rule) => {
    const detail = rule.fires(needs);
    return detail === undefined ? [] : [{ rule, detail }];
  });
  const decider = fired[0] ?? { rule: DEFAULT_RULE, detail: DEFAULT_RULE.fires(needs)! };
  const source = needs.strategy === 'auto' ? 'auto' : 'override';
  const strategy: Strategy = needs.strategy === 'auto' ? decider.rule.selects : needs.strategy;
  const reasons = (fired.length > 0 ? fired : [decider]).map(({ rule, detail }) => ({ rule: rule.rule, detail }));
  const warnings = [...contradictionWarnings(strategy, source, fired, needs), ...needWarnings(strategy, needs)];
  return { strategy, source, reasons, warnings, stacks: stacksFor(strategy, needs) };
}

type Fired = { readonly rule: SelectionRule; readonly detail: string };

/**
 * An override that goes against the rule that would have decided; rules that fired but lost.
 * A rule whose need the chosen strategy serves anyway (elasticity in a bursting hybrid) lost
 * nothing and is not a contradiction.
 */
function contradictionWarnings(strategy: Strategy, source: 'auto' | 'override', fired: readonly Fired[], needs: Needs): string[] {
  return fired
    .filter(({ rule }, index) => rule.selects !== strategy && (source === 'override' ? index === 0 : true))
    .filter(({ rule }) => rule.servedBy?.(strategy, needs) === undefined)
    .map(({ rule, detail }) =>
      source === 'override'
        ? `strategy ${strategy} overrides rule ${rule.rule}, which selects ${rule.selects} (${detail})`
        : `rule ${rule.rule} also fired (${detail}) but a higher-precedence rule chose ${strategy}; the ${rule.selects} need is not served`,
    );
}

/** Needs that the chosen strategy cannot serve. */
function needWarnings(strategy: Strategy, needs: Needs): string[] {
  const inference = needs.workload.inference;
  const warnings: string[] = [];
  const sites = inference?.sites?.length ?? 0;
  if (inference && inference.latencyMs < EDGE_LATENCY_MS && sites === 0) {
    warnings.push(
      `workload.inference.latencyMs is ${inference.latencyMs}: a cloud region cannot promise under ${EDGE_LATENCY_MS} ms to distant users; list edge sites in workload.inference.sites to serve from the edge`,
    );
  }
  if (sites > 0 && strategy !== 'edge-centric') {
    warnings.push(`workload.inference.sites lists ${sites} site(s), but the ${strategy} strategy builds no edge stacks`);
  }
  if (needs.onPrem && strategy !== 'hybrid') {
    warnings.push(`onPrem is given, but the ${strategy} strategy builds no connectivity or on-prem stacks`);
  }
  return warnings;
}
