/**
 * Rules of NEEDS-v1 that relate several fields. Each section is validated on its own first,
 * so these checks run on every section that is itself valid: a typo in `business` does not
 * hide an overlapping CIDR in `onPrem`, and every problem is reported at once.
 */
import type { z } from 'zod';
import { chooseTrainingInstance, trainingProblem } from '../catalog/choose-instance';
import { tierProblems } from '../catalog/s3-lifecycle-rules';
import { findRegion } from './aws-regions';
import { Cidr } from './ipv4';
import type { Problem } from './problem';
import { SECTIONS } from './schema';

type Sections = { [K in keyof typeof SECTIONS]?: z.output<(typeof SECTIONS)[K]> };

/** Sections whose every field is optional or defaulted: absent means "all defaults". */
const DEFAULTED_SECTIONS = new Set(['business', 'workload', 'data', 'guardrails']);

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
  const errors = [
    ...residencyProblems(sections),
    ...zoneCountProblems(sections),
    ...cidrOverlapProblems(sections),
    ...tierOrderProblems(sections),
    ...siteNameProblems(sections),
    ...strategyPrerequisiteProblems(strategy, sections),
    ...trainingCatalogProblems(sections),
    ...suppressionPathProblems(name, sections),
    ...onPremAcceleratorProblems(sections),
  ];
  const warnings: Problem[] = [...nodeGroupQuotaWarnings(sections)];
  if (root.environment === 'prod' && root.state === undefined) {
    warnings.push({ path: ['environment'], message: 'is prod but no state section is given: Terraform state stays in local files; add state.bucket to keep it in S3 with locking' });
  }
  return { errors, warnings };
}

function validSections(root: Record<string, unknown>): Sections {
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SECTIONS)) {
    const value = root[key] === undefined && DEFAULTED_SECTIONS.has(key) ? {} : root[key];
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (result.success) sections[key] = result.data;
  }
  return sections as Sections;
}

function residencyProblems({ cloud }: Sections): Problem[] {
  if (!cloud?.dataResidency || cloud.dataResidency.includes(cloud.region)) return [];
  return [{ path: ['cloud', 'dataResidency'], message: `must include cloud.region (${cloud.region}): the lakehouse keeps data in that region` }];
}

function zoneCountProblems({ cloud }: Sections): Problem[] {
  const zones = cloud && findRegion(cloud.region)?.zoneIds.length;
  if (!cloud || zones === undefined || cloud.availabilityZones <= zones) return [];
  return [{ path: ['cloud', 'availabilityZones'], message: `${cloud.region} offers ${zones} availability zones usable by EKS, got ${cloud.availabilityZones}` }];
}

function cidrOverlapProblems({ cloud, onPrem }: Sections): Problem[] {
  if (!cloud || !onPrem) return [];
  const vpc = Cidr.of(cloud.vpcCidr);
  const network = Cidr.of(onPrem.networkCidr);
  const problems: Problem[] = [];
  if (network.overlaps(vpc)) {
    problems.push({ path: ['onPrem', 'networkCidr'], message: `${network} overlaps cloud.vpcCidr ${vpc}: routes across the VPN would be ambiguous; choose disjoint ranges` });
  }
  if (onPrem.podCidr) {
    const pods = Cidr.of(onPrem.podCidr);
    for (const [other, label] of [[vpc, 'cloud.vpcCidr'], [network, 'onPrem.networkCidr']] as const) {
      if (pods.overlaps(other)) {
        problems.push({ path: ['onPrem', 'podCidr'], message: `${pods} overlaps ${label} ${other}: choose disjoint ranges` });
      }
    }
  }
  return problems;
}

/**
 * Tier days S3 would reject in a lifecycle rule (each tier at least 30 days after the previous),
 * reported here so a bad needs file fails before synthesis. hotDays under 30 is already a
 * field error of the schema, so it is not reported twice.
 */
function tierOrderProblems({ data }: Sections): Problem[] {
  if (!data) return [];
  return tierProblems(data.tiers)
    .filter((problem) => problem.tier !== 'hotDays')
    .map((problem) => ({ path: ['data', 'tiers', problem.tier], message: problem.message }));
}

function siteNameProblems({ workload }: Sections): Problem[] {
  const sites = workload?.inference?.sites ?? [];
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  sites.forEach((site, index) => {
    const first = firstIndex.get(site.name);
    if (first === undefined) {
      firstIndex.set(site.name, index);
    } else {
      problems.push({ path: ['workload', 'inference', 'sites', index, 'name'], message: `duplicate site name "${site.name}" (also sites[${first}]); site names must be unique` });
    }
  });
  return problems;
}

function strategyPrerequisiteProblems(strategy: string, { business, workload, onPrem }: Sections): Problem[] {
  const hasSites = (workload?.inference?.sites?.length ?? 0) > 0;
  if (strategy === 'hybrid' && !onPrem) {
    return [{ path: ['strategy'], message: 'is hybrid, which needs an onPrem section (the on-prem cluster and its VPN peer): add onPrem, or choose another strategy' }];
  }
  if (strategy === 'edge-centric' && !hasSites && workload) {
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
  const message = training && trainingProblem(training);
  if (!training || !message) return [];
  return [{ path: ['workload', 'training', training.multiNode ? 'accelerator' : 'gpus'], message }];
}

function suppressionPathProblems(name: string | undefined, { guardrails }: Sections): Problem[] {
  if (!name || !guardrails) return [];
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

function onPremAcceleratorProblems({ onPrem }: Sections): Problem[] {
  if (onPrem?.accelerator !== 'trainium') return [];
  return [{ path: ['onPrem', 'accelerator'], message: 'is trainium, which exists only in AWS: name the NVIDIA accelerator of the on-prem servers (h100, h200, a100, l40s, l4 or a10g)' }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
