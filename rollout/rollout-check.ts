/**
 * The shape of `tracklayer rollout --json` (NEEDS-v1.1 "New commands"):
 * `{ "phases": [{ "name", "stacks", "preflight", "validate", "rollback", "command" }] }`, and
 * of the checks in `preflight` and `validate`.
 */
import type { UpdateStrategy } from '../constructs/edge/inference-rollout';

/**
 * What an edge site's inference Deployment needs from the site's nodes, for a schedulability
 * check: replicas, whole GPUs per pod, the nodes and their GPUs, the placement, the update
 * strategy. The same figures the Deployment is synthesized from.
 */
export interface EdgeCapacity {
  readonly site: string;
  /** The kubeconfig context of the site's cluster. */
  readonly context: string;
  /** `<namespace>/<name>` of the Deployment. */
  readonly deployment: string;
  readonly hardware: string;
  readonly replicas: number;
  readonly nodes: number;
  /** Whole GPUs each pod requests (`gpuResource`); 0 when it requests none. */
  readonly gpusPerPod: number;
  /** The extended resource GPUs are requested as, or null. */
  readonly gpuResource: string | null;
  readonly gpusPerNode: number;
  /** True when at most one pod may run on a node (required anti-affinity). */
  readonly onePerNode: boolean;
  readonly strategy: UpdateStrategy;
}

/** One check before or after a phase's deploy. */
export interface RolloutCheck {
  /** What kind of check: `needs-valid`, `verify`, `guardrails`, `budget`, `quota`, `reservations`, `capacity`, `device-certificate`, `status`, `alarm`, `spend`. */
  readonly id: string;
  /** What it checks and what passing means, for people. */
  readonly detail: string;
  /** A bash command that exits 0 when the check passes; null when no command can check it. */
  readonly command: string | null;
  /** The stack the check concerns; absent when it concerns the whole project. */
  readonly stack?: string;
  /** The figures of an edge capacity check. */
  readonly capacity?: EdgeCapacity;
}

/** One phase of the rollout. */
export interface RolloutPhase {
  readonly name: string;
  /** Stack names, in dependency order. */
  readonly stacks: readonly string[];
  readonly preflight: readonly RolloutCheck[];
  readonly validate: readonly RolloutCheck[];
  /** How to undo the phase. */
  readonly rollback: string;
  /** The exact `cdktf deploy` command (run with TRACKLAYER_NEEDS set to the needs file). */
  readonly command: string;
}

/** `tracklayer rollout --json`. */
export interface RolloutPlan {
  readonly phases: readonly RolloutPhase[];
}
