/**
 * Rule `scale-down`: GPUs sustained under {@link SCALE_DOWN_THRESHOLD_PERCENT} utilization
 * (./utilization: the fleet's 95th percentile over at least a week) are more than the work
 * needs, so the needs file asks for fewer:
 *
 * | workload  | field                        | new value                                                                                   |
 * |-----------|------------------------------|---------------------------------------------------------------------------------------------|
 * | training  | `workload.training.gpus`     | ⌈gpus × p95 ÷ target⌉, rounded up to whole nodes of the accelerator's largest instance when it spans nodes |
 * | inference | `workload.inference.replicas`| ⌈replicas × p95 ÷ target⌉, at least min(replicas, {@link MIN_INFERENCE_REPLICAS})          |
 *
 * The target is {@link TARGET_UTILIZATION_PERCENT}: the same GPU-time on fewer GPUs raises
 * their utilization in proportion (utilization is the share of time a kernel runs), and the
 * target leaves room for the busiest 5% and for what a five-minute average hides. No change is
 * proposed when the rounding gives no fewer GPUs. Nothing is inferred without a week of data:
 * a shorter window gives a note, not a recommendation.
 *
 * What happens on apply: the gpu-cluster stack sizes the training node group to
 * ⌈gpus ÷ chips⌉ nodes (or the inference group to `replicas` nodes); `cdktf deploy` lowers the
 * managed node group's desired/max size and EKS drains and terminates the surplus nodes. Jobs
 * sized for the old GPU count must be resized first; the PR preview shows the cost delta.
 */
import { largestInstance } from '../catalog/choose-instance';
import type { Needs } from '../needs/schema';
import type { Proposal } from './recommendation';
import { SUSTAINED_PERCENTILE, SUSTAINED_WINDOW_HOURS, sustainedUnder, type WorkloadUtilization } from './utilization';

/** The seeds' rule: GPUs under 30% utilization are to be scaled down. */
export const SCALE_DOWN_THRESHOLD_PERCENT = 30;
/** Utilization the smaller fleet is sized to reach at the 95th percentile. */
export const TARGET_UTILIZATION_PERCENT = 60;
/** Replicas kept for availability: one per zone in two zones (a zone outage leaves one serving). */
export const MIN_INFERENCE_REPLICAS = 2;

function round1(value: number): string {
  return value.toFixed(1);
}

/** How the reading reads in a detail. */
function evidence(reading: WorkloadUtilization, metricNames: string): string {
  return `${reading.workload} GPUs ran at ${round1(reading.p95)}% at the ${SUSTAINED_PERCENTILE}th percentile (mean ${round1(reading.mean)}%) over ${Math.round(reading.hours)} h, ${reading.series} series of ${metricNames}`;
}

/** The new training GPU count, by the table. */
export function smallerTrainingGpus(needs: Needs, p95: number): number | undefined {
  const training = needs.workload.training;
  if (!training) return undefined;
  const needed = Math.max(1, Math.ceil((training.gpus * p95) / TARGET_UTILIZATION_PERCENT));
  const chips = largestInstance(training.accelerator).chips;
  const gpus = needed > chips ? Math.ceil(needed / chips) * chips : needed;
  return gpus < training.gpus ? gpus : undefined;
}

/** The new replica count, by the table. */
export function fewerReplicas(needs: Needs, p95: number): number | undefined {
  const inference = needs.workload.inference;
  if (!inference) return undefined;
  const replicas = Math.max(Math.min(inference.replicas, MIN_INFERENCE_REPLICAS), Math.ceil((inference.replicas * p95) / TARGET_UTILIZATION_PERCENT));
  return replicas < inference.replicas ? replicas : undefined;
}

/** The rule's proposal for one workload, or a note saying why there is none. */
export function scaleDown(needs: Needs, reading: WorkloadUtilization, metricNames: string): { readonly proposal?: Proposal; readonly note?: string } {
  if (reading.hours < SUSTAINED_WINDOW_HOURS) {
    return { note: `scale-down: ${Math.round(reading.hours)} h of ${reading.workload} GPU utilization; "sustained" needs ${SUSTAINED_WINDOW_HOURS} h (a week): export a longer range` };
  }
  if (!sustainedUnder(reading, SCALE_DOWN_THRESHOLD_PERCENT)) return {};
  const zeroBetweenJobs = needs.workload.pattern !== 'steady' ? '; the nodes scale to zero between jobs (pattern ' + needs.workload.pattern + '), so the saving is at most this' : '';
  if (reading.workload === 'training' && needs.workload.training) {
    const gpus = smallerTrainingGpus(needs, reading.p95);
    if (gpus === undefined) return { note: `scale-down: ${evidence(reading, metricNames)}, but whole nodes leave no smaller size` };
    const hybrid = needs.onPrem ? ' (training.gpus counts the on-prem GPUs too; the saving is the cloud group\'s, as the capacity plan prices it)' : '';
    return {
      proposal: {
        rule: 'scale-down',
        detail: `${evidence(reading, metricNames)}, under ${SCALE_DOWN_THRESHOLD_PERCENT}%: the same work fits ${gpus} GPUs at ${TARGET_UTILIZATION_PERCENT}% (whole ${largestInstance(needs.workload.training.accelerator).name} nodes when it spans nodes); set workload.training.gpus ${needs.workload.training.gpus} → ${gpus}${hybrid}${zeroBetweenJobs}`,
        edit: { path: ['workload', 'training', 'gpus'], value: gpus },
      },
    };
  }
  if (reading.workload === 'inference' && needs.workload.inference) {
    const replicas = fewerReplicas(needs, reading.p95);
    if (replicas === undefined) return { note: `scale-down: ${evidence(reading, metricNames)}, but ${needs.workload.inference.replicas} replica(s) is already the floor of ${MIN_INFERENCE_REPLICAS} kept for availability` };
    return {
      proposal: {
        rule: 'scale-down',
        detail: `${evidence(reading, metricNames)}, under ${SCALE_DOWN_THRESHOLD_PERCENT}%: ${replicas} replica(s) carry the load at ${TARGET_UTILIZATION_PERCENT}% (at least ${MIN_INFERENCE_REPLICAS} kept across zones); set workload.inference.replicas ${needs.workload.inference.replicas} → ${replicas}`,
        edit: { path: ['workload', 'inference', 'replicas'], value: replicas },
      },
    };
  }
  return {};
}
