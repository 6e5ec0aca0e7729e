/**
 * Training rules of NEEDS-v1.1 that relate several fields: how capacity is bought
 * (`capacity`, `interruptible`, `reservations`) and who shares the GPUs (`workload.teams`).
 */
import { chooseTrainingInstance, trainingProblem } from '../catalog/choose-instance';
import type { Problem } from './problem';
import { DEFAULTS } from './schema';
import { isRecord, knownStrategy, type Sections } from './sections';

/** Capacity kinds that draw on reservations. */
const RESERVED_CAPACITIES: readonly string[] = ['reservation', 'capacity-block'];

/**
 * Namespaces a team may not take: the inference workload namespace, the platform's own (the node
 * agents' `gpu-system` of constructs/platform/workload-tenancy.ts, Kueue's `kueue-system`) and
 * Kubernetes' own (`default`, and every `kube-` name). A test keeps the list in step with the platform.
 */
export const RESERVED_NAMESPACES: readonly string[] = ['inference', 'gpu-system', 'kueue-system', 'default'];

/** What is wrong with the capacity settings. */
export function capacityChecks(root: Record<string, unknown>, { workload }: Sections): { errors: Problem[]; warnings: Problem[] } {
  const training = workload?.training;
  if (!training) return { errors: [], warnings: [] };
  const raw = isRecord(root.workload) && isRecord(root.workload.training) ? root.workload.training : {};
  const path = ['workload', 'training'];
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const explicit = raw.capacity !== undefined;
  if (explicit && training.capacity === 'spot' && !training.interruptible) {
    errors.push({ path: [...path, 'capacity'], message: 'is spot, but interruptible is false: spot capacity can be reclaimed at two minutes\' notice; set interruptible: true, or choose on-demand, reservation or capacity-block' });
  }
  if (explicit && training.capacity === 'on-demand' && training.interruptible) {
    warnings.push({ path: [...path, 'capacity'], message: 'is on-demand, but interruptible is true: spot would cost less for training that tolerates interruption (remove capacity to get spot)' });
  }
  const reserved = RESERVED_CAPACITIES.includes(training.capacity);
  if (reserved && training.reservations.length === 0) {
    errors.push({ path: [...path, 'capacity'], message: `is ${training.capacity}, which needs workload.training.reservations: list each reservation's id and zoneId` });
  }
  if (!reserved && raw.reservations !== undefined) {
    errors.push({ path: [...path, 'reservations'], message: `are given, but capacity is ${training.capacity}; reservations are used only with capacity reservation or capacity-block` });
  }
  errors.push(...duplicateReservationProblems(training.reservations));
  if (reserved) errors.push(...unusedReservationProblems(training));
  return { errors, warnings };
}

/**
 * Each reservation gets its own node group with a share of the nodes; a reservation left with no
 * node would be a node group of size 0 (EKS rejects it) and capacity paid for nothing.
 */
function unusedReservationProblems(training: NonNullable<NonNullable<Sections['workload']>['training']>): Problem[] {
  const need = { ...training, capacityBlock: training.capacity === 'capacity-block' };
  if (trainingProblem(need)) return [];
  const { nodes, instance } = chooseTrainingInstance(need);
  if (training.reservations.length <= nodes) return [];
  return [
    {
      path: ['workload', 'training', 'reservations'],
      message: `list ${training.reservations.length} reservations, but ${training.gpus} gpus need only ${nodes} ${instance.name} node${nodes === 1 ? '' : 's'}, and each reservation gets a node group of its own; list at most ${nodes}, or raise gpus`,
    },
  ];
}

function duplicateReservationProblems(reservations: readonly { id: string }[]): Problem[] {
  const seen = new Map<string, number>();
  return reservations.flatMap((reservation, index): Problem[] => {
    const first = seen.get(reservation.id);
    if (first === undefined) {
      seen.set(reservation.id, index);
      return [];
    }
    return [{ path: ['workload', 'training', 'reservations', index, 'id'], message: `duplicate reservation ${reservation.id} (also reservations[${first}]); list each reservation once` }];
  });
}

/** Teams need training, unique names that are free namespaces, and shares that fit the GPUs. */
export function teamProblems(root: Record<string, unknown>, sections: Sections): Problem[] {
  const { workload, onPrem } = sections;
  const teams = workload?.teams;
  if (!workload || !teams) return [];
  if (!workload.training) {
    return [{ path: ['workload', 'teams'], message: 'are given, but there is no workload.training: teams share the training GPUs, so add workload.training or remove teams' }];
  }
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  teams.forEach((team, index) => {
    const path = ['workload', 'teams', index, 'name'];
    const first = seen.get(team.name);
    if (first !== undefined) problems.push({ path, message: `duplicate team "${team.name}" (also teams[${first}]); team names must be unique` });
    else seen.set(team.name, index);
    if (RESERVED_NAMESPACES.includes(team.name) || team.name.startsWith('kube-')) problems.push({ path, message: `"${team.name}" is a namespace tracklayer or Kubernetes already uses; choose another team name (the default team is "${DEFAULTS.teamName}")` });
  });
  const onPremGpus = onPrem?.gpuNodes && onPrem.gpusPerNode && knownStrategy(root, sections) === 'hybrid' ? onPrem.gpuNodes * onPrem.gpusPerNode : 0;
  const limit = workload.training.gpus + onPremGpus;
  const total = teams.reduce((sum, team) => sum + team.gpus, 0);
  if (total > limit) {
    const of = onPremGpus > 0 ? `workload.training.gpus (${workload.training.gpus}) plus the ${onPremGpus} on-prem GPUs` : `workload.training.gpus (${workload.training.gpus})`;
    problems.push({ path: ['workload', 'teams'], message: `guarantee ${total} GPUs in all, more than ${of}; lower the shares (idle shares are borrowed anyway)` });
  }
  return problems;
}
