/**
 * What the PR comment shows, computed: the renderer (render-markdown.ts) turns this into
 * Markdown and decides nothing but layout; preview.ts builds it from the inputs.
 */
import type { CostModel } from '../stacks/cost-estimate';
import type { CapacityModel } from './capacity';
import type { ChangeCounts, StackPlanSummary, DriftEntry } from './plan-summary';
import type { DataLossRisk, StatefulChange } from './stateful';
import type { StackDiff } from './synth-diff';
import type { Reason } from '../strategy/select';

/** A guardrail finding the caller passes in (from the guardrails pass over the synthesized JSON). */
export interface PreviewFinding {
  readonly level: 'error' | 'warning' | 'info';
  readonly ruleId: string;
  readonly stack: string;
  /** Construct path of the resource the finding is about. */
  readonly path: string;
  readonly message: string;
}

/** The strategy part of the comment. */
export interface StrategyView {
  readonly name: string;
  readonly environment: string;
  readonly strategy: string;
  readonly source: 'auto' | 'override';
  readonly reasons: readonly Reason[];
  readonly warnings: readonly string[];
  /** The base's strategy when it differs from the head's. */
  readonly changedFrom?: string;
  /** Stacks the head adds and removes against the base (only with a base). */
  readonly stacksAdded: readonly string[];
  readonly stacksRemoved: readonly string[];
}

/** One stack's row and details: from its Terraform plan, or from the synth diff. */
export type StackChanges =
  | { readonly source: 'plan'; readonly stack: string; readonly counts: ChangeCounts; readonly plan: StackPlanSummary; readonly paths: Readonly<Record<string, string>> }
  | { readonly source: 'synth'; readonly stack: string; readonly counts: ChangeCounts; readonly diff: StackDiff };

/** Drift of one stack, from its plan. */
export interface StackDrift {
  readonly stack: string;
  readonly entries: readonly DriftEntry[];
  /** Construct paths by address. */
  readonly paths: Readonly<Record<string, string>>;
}

/** Everything the comment shows. */
export interface PreviewModel {
  readonly strategy: StrategyView;
  /** False when there is no base: every resource is an addition. */
  readonly hasBase: boolean;
  /** Every stateful resource the change destroys. */
  readonly risks: readonly DataLossRisk[];
  /** Stateful resources a synth diff shows changing (a plan may replace them). */
  readonly statefulChanges: readonly StatefulChange[];
  /** Stacks in deploy order, changed or not. */
  readonly stacks: readonly StackChanges[];
  /** Stacks the selection lists but the output lacks (roles not built yet). */
  readonly notBuilt: readonly string[];
  /** Stacks whose plan stopped on an error or defers changes. */
  readonly incompletePlans: readonly string[];
  readonly drift: readonly StackDrift[];
  readonly capacity: CapacityModel;
  /** The base's capacity, when the base needs are known. */
  readonly baseCapacity?: CapacityModel;
  readonly cost: CostModel;
  /** The base's cost, when the base needs are known. */
  readonly baseCost?: CostModel;
  readonly budgetUsd?: number;
  /** Undefined: the section is left out (no guardrails ran). */
  readonly findings?: readonly PreviewFinding[];
  /** Where the full, uncut output is (the CI log or an artifact). */
  readonly fullLogUrl?: string;
}
