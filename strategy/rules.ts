/**
 * The selection rules of NEEDS-v1, in precedence order: law before physics before economics.
 *
 * | # | rule        | fires when                                              | selects      |
 * |---|-------------|---------------------------------------------------------|--------------|
 * | 1 | sovereignty | business.dataSensitivity is high                        | hybrid       |
 * | 2 | latency     | workload.inference.latencyMs < 20 and sites not empty   | edge-centric |
 * | 3 | elasticity  | workload.pattern is bursty                              | cloud-first  |
 * | 4 | default     | always (reported only when no other rule fired)         | cloud-first  |
 */
import type { Needs, Strategy } from '../needs/schema';
import { hasGpuCluster } from './stack-plan';

/** Latency below which a cloud region cannot promise the budget (NEEDS-v1 rule 2). */
export const EDGE_LATENCY_MS = 20;

/** The names of the rules. */
export type RuleName = 'sovereignty' | 'latency' | 'elasticity' | 'default';

/** A rule: a name, what it selects, and a test that returns the detail when it fires. */
export interface SelectionRule {
  readonly rule: RuleName;
  readonly selects: Strategy;
  /** The detail shown to users when the rule fires, or undefined when it does not. */
  readonly fires: (needs: Needs) => string | undefined;
  /**
   * How another strategy still serves this rule's need, when it does (then losing to a
   * higher-precedence rule is no contradiction). @default - only the strategy it selects serves it
   */
  readonly servedBy?: (strategy: Strategy, needs: Needs) => string | undefined;
}

/** The rules, highest precedence first. */
export const SELECTION_RULES: readonly SelectionRule[] = [
  {
    rule: 'sovereignty',
    selects: 'hybrid',
    fires: (needs) => (needs.business.dataSensitivity === 'high' ? 'business.dataSensitivity is high' : undefined),
  },
  {
    rule: 'latency',
    selects: 'edge-centric',
    fires: ({ workload: { inference } }) =>
      inference && inference.latencyMs < EDGE_LATENCY_MS && (inference.sites?.length ?? 0) > 0
        ? `workload.inference.latencyMs is ${inference.latencyMs} (< ${EDGE_LATENCY_MS}) and ${inference.sites!.length} edge site(s) are listed`
        : undefined,
  },
  {
    rule: 'elasticity',
    selects: 'cloud-first',
    fires: (needs) => (needs.workload.pattern === 'bursty' ? 'workload.pattern is bursty' : undefined),
    // Hybrid bursts into the cloud cluster (the gpu-cluster stack) whenever the pattern is bursty.
    servedBy: (strategy, needs) => (strategy === 'hybrid' && hasGpuCluster(strategy, needs) ? 'the hybrid strategy bursts into the cloud GPU cluster' : undefined),
  },
];

/** The catch-all rule, reported when no other rule fired. */
export const DEFAULT_RULE: SelectionRule = {
  rule: 'default',
  selects: 'cloud-first',
  fires: () => 'no other rule fired',
};
