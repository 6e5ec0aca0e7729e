/**
 * Kubernetes workloads in synthesized JSON (hashicorp/kubernetes provider resources): their
 * pod specs, containers and annotations, whatever the workload kind and provider generation
 * (`kubernetes_daemon_set_v1` and the older `kubernetes_daemonset` alike).
 */
import { LIMITS } from '../needs/schema';
import type { RuleId } from '../needs/rule-ids';
import type { SynthesizedStack } from './rule';
import { blockList, isObject, resourcesOf, singleBlock, type TerraformBlock } from './terraform-json';

/** Where the pod spec sits in each workload resource type. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  kubernetes_daemon_set_v1: ['spec', 'template', 'spec'],
  kubernetes_daemonset: ['spec', 'template', 'spec'],
  kubernetes_deployment_v1: ['spec', 'template', 'spec'],
  kubernetes_deployment: ['spec', 'template', 'spec'],
  kubernetes_stateful_set_v1: ['spec', 'template', 'spec'],
  kubernetes_stateful_set: ['spec', 'template', 'spec'],
  kubernetes_job_v1: ['spec', 'template', 'spec'],
  kubernetes_job: ['spec', 'template', 'spec'],
  kubernetes_cron_job_v1: ['spec', 'job_template', 'spec', 'template', 'spec'],
  kubernetes_cron_job: ['spec', 'job_template', 'spec', 'template', 'spec'],
  kubernetes_pod_v1: ['spec'],
  kubernetes_pod: ['spec'],
};

/** The workload resource types the Kubernetes rules read. */
export const WORKLOAD_TYPES = Object.keys(POD_SPEC_PATHS);

/**
 * The annotation prefix that documents an exception to a Kubernetes rule on the workload
 * itself: `guardrails.tracklayer.dev/K8S_NO_PRIVILEGED: "<why, at least 10 characters>"` on
 * the workload's or the pod template's metadata. For exceptions the platform needs by design
 * (a device plugin must be privileged), written where the workload is defined.
 */
export const EXCEPTION_ANNOTATION_PREFIX = 'guardrails.tracklayer.dev/';

/** A workload with its pod spec and annotations. */
export interface Workload {
  readonly block: TerraformBlock;
  readonly podSpec: Record<string, unknown>;
  /** Annotations of the workload and of its pod template, merged. */
  readonly annotations: Readonly<Record<string, unknown>>;
}

/** A container of a workload (init containers included). */
export interface Container {
  readonly workload: Workload;
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** Follows `path` through nested blocks (each an object or a one-element list). */
function dig(config: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = config;
  for (const key of path) node = node ? singleBlock(node[key]) : undefined;
  return node;
}

function annotationsOf(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const annotations = metadata?.annotations;
  return isObject(annotations) ? annotations : {};
}

/** Every workload of the stack that has a pod spec. */
export function workloadsOf(stack: SynthesizedStack): Workload[] {
  return resourcesOf(stack, ...WORKLOAD_TYPES).flatMap((block) => {
    const path = POD_SPEC_PATHS[block.type];
    const podSpec = dig(block.config, path);
    if (!podSpec) return [];
    const template = dig(block.config, path.slice(0, -1));
    const annotations = { ...annotationsOf(singleBlock(block.config.metadata)), ...(path.length > 1 ? annotationsOf(singleBlock(template?.metadata)) : {}) };
    return [{ block, podSpec, annotations }];
  });
}

/** Every container and init container of every workload of the stack. */
export function containersOf(stack: SynthesizedStack): Container[] {
  return workloadsOf(stack).flatMap((workload) =>
    [...blockList(workload.podSpec.container), ...blockList(workload.podSpec.init_container)].map((config) => ({ workload, name: String(config.name ?? '(unnamed)'), config })),
  );
}

/**
 * The documented exception to `rule` on a workload: `{ documented: true }` when its annotation
 * gives a reason of at least the needs-file minimum; the too-short reason otherwise.
 */
export function exceptionOf(workload: Workload, rule: RuleId): { documented: boolean; reason?: string } {
  const reason = workload.annotations[`${EXCEPTION_ANNOTATION_PREFIX}${rule}`];
  if (typeof reason !== 'string') return { documented: false };
  return { documented: reason.trim().length >= LIMITS.minSuppressReason, reason };
}
