/**
 * How many training GPUs the cloud has to provide (NEEDS-v1.1 Amendments: "Burst capacity in
 * hybrid is what the on-prem GPUs lack"). Pure functions of the needs and the chosen strategy;
 * the capacity plan (stacks/gpu-capacity-plan), the stack plan's burst causes (./stack-plan)
 * and `select`'s report all read them, so they can never disagree.
 *
 * | strategy      | cloud training GPUs                                               |
 * |---------------|-------------------------------------------------------------------|
 * | cloud-first   | `training.gpus`                                                   |
 * | edge-centric  | `training.gpus`                                                   |
 * | hybrid        | max(0, `training.gpus` − `onPrem.gpuNodes` × `onPrem.gpusPerNode`) |
 * | (no training) | 0                                                                 |
 *
 * Chips, not nodes: the capacity plan turns the chips into nodes of the chosen instance
 * (ceil(chips / chips per instance)). A hybrid gap of 0 means the data centre covers training
 * and the cloud cluster gets no training node group.
 */
import type { Needs, Strategy } from '../needs/schema';

/** The GPUs of the data centre: `onPrem.gpuNodes × onPrem.gpusPerNode` (0 without `onPrem`). */
export function onPremGpus(needs: Pick<Needs, 'onPrem'>): number {
  const { onPrem } = needs;
  return onPrem ? onPrem.gpuNodes * onPrem.gpusPerNode : 0;
}

/** The training GPUs the data centre lacks: max(0, `training.gpus` − on-prem GPUs); 0 without training. */
export function trainingGapGpus(needs: Pick<Needs, 'onPrem' | 'workload'>): number {
  const training = needs.workload.training;
  return training ? Math.max(0, training.gpus - onPremGpus(needs)) : 0;
}

/** The training GPUs the cloud training node group is sized for, by the table above. */
export function cloudTrainingGpus(needs: Pick<Needs, 'onPrem' | 'workload'>, strategy: Strategy): number {
  const training = needs.workload.training;
  if (!training) return 0;
  return strategy === 'hybrid' ? trainingGapGpus(needs) : training.gpus;
}

/** A training need as the needs file states it. */
type TrainingNeed = NonNullable<Needs['workload']['training']>;

/**
 * `workload.training` as the cloud must serve it: `gpus` replaced by {@link cloudTrainingGpus};
 * undefined when there is no training or the cloud's share is 0 (no cloud training group).
 * `multiNode` keeps the needs file's value: a job that spans nodes on premises still spans
 * nodes when part of it bursts.
 */
export function cloudTraining(needs: Pick<Needs, 'onPrem' | 'workload'>, strategy: Strategy): TrainingNeed | undefined {
  const training = needs.workload.training;
  const gpus = cloudTrainingGpus(needs, strategy);
  return training && gpus > 0 ? { ...training, gpus } : undefined;
}
