/**
 * What optimize recommends (NEEDS-v1.1): `{ rule, detail, change: { path, from, to } | null,
 * monthlySavingsUsd }`, and what a rule proposes before it is priced.
 */
import type { NeedsEdit } from '../needs/needs-edit';

/** The optimization rules, in the order they are applied. */
export const OPTIMIZE_RULES = ['scale-down', 'spot', 'quantize', 'cache'] as const;
/** One rule. */
export type OptimizeRule = (typeof OPTIMIZE_RULES)[number];

/** A change to the needs file. */
export interface NeedsFieldChange {
  /** `workload.training.gpus`. */
  readonly path: string;
  readonly from: unknown;
  readonly to: string | number | boolean;
}

/** One recommendation, as `optimize --json` prints it. */
export interface Recommendation {
  readonly rule: OptimizeRule;
  /** The evidence and what to do, for people. */
  readonly detail: string;
  /** The needs-file change `--write` applies; null when the step is outside the needs file. */
  readonly change: NeedsFieldChange | null;
  /**
   * Monthly saving in USD from the catalog prices: the planned (max-scale) compute cost of the
   * needs before the change less after it, as the PR preview prices them; for a step outside
   * the needs file, the estimate the detail explains (0 when there is nothing to price).
   */
  readonly monthlySavingsUsd: number;
}

/** A rule's proposal, priced by the orchestrator. */
export interface Proposal {
  readonly rule: OptimizeRule;
  readonly detail: string;
  /** The change to make to the needs file. */
  readonly edit?: NeedsEdit;
  /**
   * A change that prices the saving but is not to be written (it becomes right only after a
   * step outside the needs file, e.g. serving a quantized model).
   */
  readonly pricedAs?: NeedsEdit;
  /** The saving when the rule prices it itself (see ./plan-cost trainingSpotSaving). @default - the plan difference of the edit */
  readonly monthlySavingsUsd?: number;
}
