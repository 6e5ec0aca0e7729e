/**
 * Rules of NEEDS-v1 (and v1.1) that relate several fields. Each section is validated on its own
 * first (./sections), so these checks run on every section that is itself valid: a typo in
 * `business` does not hide an overlapping CIDR in `onPrem`, and every problem is reported at once.
 *
 * | file                 | rules                                                                 |
 * |----------------------|-----------------------------------------------------------------------|
 * | this file            | residency, tier order, strategy prerequisites, catalog, suppressions, node-group quota |
 * | ./zone-checks        | zone count, `cloud.zoneIds`, reservation zones                        |
 * | ./training-checks    | capacity / interruptible / reservations, `workload.teams`             |
 * | ./site-checks        | unique site names, `workload.inference.rollout`                       |
 * | ./onprem-checks      | on-prem networks, accelerator, `onPrem.mode`                          |
 * | ./data-checks        | `data.streaming`, `data.quality`, the MSK Serverless exception         |
 */
import { chooseTrainingInstance, trainingProblem } from '../catalog/choose-instance';
import { tierProblems } from '../catalog/s3-lifecycle-rules';
import { dataFoundationChecks } from './data-checks';
import { onPremProblems } from './onprem-checks';
import type { Problem } from './problem';
import { isRecord, validSections, type Sections } from './sections';
import { rolloutChecks, siteNameProblems } from './site-checks';
import { capacityChecks, teamProblems } from './training-checks';
import { zoneProblems } from './zone-checks';

/** What the cross-field checks found. */
export interface CrossFieldResult {
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/** Runs every cross-field check on the raw document (any shape). */
export function crossFieldChecks(raw: unknown): CrossFieldResult {
  const root = isRecord(raw) ? raw : {};
  const sections = validSections(root);
  const strategy = typeof root.strategy === 'string' ? root.strategy : 'auto';
  const name = typeof root.name === 'string' ? root.name : undefined;
  const capacity = capacityChecks(root, sections);
  const rollout = rolloutChecks(root, sections);
  const dataFoundation = dataFoundationChecks(sections);
  const errors = [
    ...residencyProblems(sections),
    ...zoneProblems(root, sections),
    ...onPremProblems(root, sections),
    ...tierOrderProblems(sections),
    ...siteNameProblems(sections),
    ...rollout.errors,
    ...strategyPrerequisiteProblems(root, strategy, sections),
    ...trainingCatalogProblems(sections),
    ...capacity.errors,
    ...teamProblems(root, sections),
    ...suppressionPathProblems(name, sections),
    ...dataFoundation.errors,
  ];
  const warnings: Problem[] = [...nodeGroupQuotaWarnings(sections), ...capacity.warnings, ...rollout.warnings, ...dataFoundation.warnings];
  if (root.environment === 'prod' && root.state === undefined) {
    warnings.push({ path: ['environment'], message: 'is prod but no state section is given: Terraform state stays in local files; add state.bucket to keep it in S3 with locking' });
  }
  return { errors, warnings };
}

function residencyProblems({ cloud }: Sections): Problem[] {
  if (!cloud?.dataResidency || !cloud.region || cloud.dataResidency.includes(cloud.region)) return [];
  return [{ path: ['cloud', 'dataResidency'], message: `must include cloud.region (${cloud.region}): the lakehouse keeps data in that region` }];
}

/**
 * Tier days S3 would reject in a lifecycle rule (each tier at least 30 days after the previous),
 * reported here so a bad needs file fails before synthesis. hotDays under 30 is already a
 * field error of the schema, so it is not reported twice.
 */
function tierOrderProblems({ data }: Sections): Problem[] {
  if (!data?.tiers) return [];
  return tierProblems(data.tiers)
    .filter((problem) => problem.tier !== 'hotDays')
    .map((problem) => ({ path: ['data', 'tiers', problem.tier], message: problem.message }));
}

/** Presence is read from the document itself: a section or site list with its own problem is still there. */
function strategyPrerequisiteProblems(root: Record<string, unknown>, strategy: string, { business, onPrem }: Sections): Problem[] {
  const inference = isRecord(root.workload) && isRecord(root.workload.inference) ? root.workload.inference : undefined;
  const hasSites = Array.isArray(inference?.sites) && inference.sites.length > 0;
  if (strategy === 'hybrid' && !onPrem) {
    return [{ path: ['strategy'], message: 'is hybrid, which needs an onPrem section (the on-prem cluster and its VPN peer): add onPrem, or choose another strategy' }];
  }
  if (strategy === 'edge-centric' && !hasSites) {
    return [{ path: ['strategy'], message: 'is edge-centric, which needs at least one site in workload.inference.sites: add a site, or choose another strategy' }];
  }
  if (strategy === 'auto' && business?.dataSensitivity === 'high' && !onPrem) {
    return [
      {
        path: ['business', 'dataSensitivity'],
        message: 'is high, so rule sovereignty selects the hybrid strategy, which needs an onPrem section: add onPrem (your data centre), or set strategy explicitly (for example strategy: cloud-first) to overrule it',
      },
    ];
  }
  return [];
}

function trainingCatalogProblems({ workload }: Sections): Problem[] {
  const training = workload?.training;
  if (!training) return [];
  // Capacity Blocks are sold for a few types only: a need the on-demand catalog places may still find no block.
  const capacityBlock = training.capacity === 'capacity-block';
  const message = trainingProblem({ ...training, capacityBlock });
  if (!message) return [];
  const field = capacityBlock && !trainingProblem(training) ? 'capacity' : training.multiNode ? 'accelerator' : 'gpus';
  return [{ path: ['workload', 'training', field], message }];
}

function suppressionPathProblems(name: string | undefined, { guardrails }: Sections): Problem[] {
  if (!name || !guardrails?.suppress) return [];
  return guardrails.suppress.flatMap((suppression, index) =>
    suppression.resource === undefined || suppression.resource.startsWith(`${name}-`)
      ? []
      : [{ path: ['guardrails', 'suppress', index, 'resource'], message: `must be a construct path that starts with a stack of this file ("${name}-<role>/..."), got "${suppression.resource}"` }],
  );
}

/** EKS service quota "Nodes per managed node group" (adjustable; https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html). */
export const EKS_NODES_PER_GROUP_QUOTA = 450;

function nodeGroupQuotaWarnings({ workload }: Sections): Problem[] {
  const warnings: Problem[] = [];
  const training = workload?.training;
  if (training && !trainingProblem(training)) {
    const nodes = chooseTrainingInstance(training).nodes;
    if (nodes > EKS_NODES_PER_GROUP_QUOTA) {
      warnings.push({ path: ['workload', 'training', 'gpus'], message: `needs ${nodes} nodes, more than the default EKS quota of ${EKS_NODES_PER_GROUP_QUOTA} nodes per managed node group: request a quota increase before applying` });
    }
  }
  const replicas = workload?.inference?.replicas ?? 0;
  if (replicas > EKS_NODES_PER_GROUP_QUOTA) {
    warnings.push({ path: ['workload', 'inference', 'replicas'], message: `needs ${replicas} nodes (one per replica), more than the default EKS quota of ${EKS_NODES_PER_GROUP_QUOTA} nodes per managed node group: request a quota increase before applying` });
  }
  return warnings;
}

