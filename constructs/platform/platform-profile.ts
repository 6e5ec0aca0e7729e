/**
 * What each cluster has, derived from the validated needs: the {@link GpuPlatformProps} of the
 * EKS cluster, of the on-prem cluster and of an edge site. Pure functions, tested without
 * synthesis; the gpu-platform stack uses the EKS profile, the hybrid and edge stacks the others.
 *
 * EKS (`eksPlatformProfile(needs, plannedGpuGroups(needs))`, the node groups the gpu-cluster
 * stack builds):
 *
 * | prop               | value                                                                        |
 * |--------------------|------------------------------------------------------------------------------|
 * | nvidia             | a planned group carries an NVIDIA accelerator                                |
 * | dcgmExporter       | false while the CloudWatch add-on runs its own (one exporter per GPU node)   |
 * | neuron             | a planned group carries Trainium                                             |
 * | efa                | a planned group has EFA (multi-node training)                                |
 * | quotas.training    | every chip of the training groups (max nodes × chips), in each team namespace: |
 * |                    | Kueue's nominal quota plus borrowing limit of any team (../queueing/queue-plan) |
 * |                    | adds up to exactly that, so the namespace quota never refuses a pod Kueue     |
 * |                    | admitted on borrowed quota; none without training                             |
 * | teams              | the names of `workload.teams` (default: `training`)                          |
 * | quotas.inference   | `replicas` × chips of the inference instance; none without cloud replicas    |
 * | nodeShapes         | vCPUs and memory of the training / inference instance (container defaults)   |
 * | region             | `cloud.region`                                                               |
 *
 * On-prem (`onPremPlatformProfile(needs.onPrem)`):
 *
 * | prop               | value                                                                        |
 * |--------------------|------------------------------------------------------------------------------|
 * | nvidia             | true (an on-prem Trainium is an error: Trainium exists only in AWS)          |
 * | rdma               | `interconnect` is `infiniband` or `roce`                                     |
 * | quotas.training    | `gpuNodes × gpusPerNode`                                                     |
 * | quotas.inference   | `gpuNodes × gpusPerNode` too: one shared pool, each namespace capped at all   |
 * |                    | of it, with the priority classes deciding who yields                          |
 * | dcgmExporter       | default (true): nothing else is known to run one there                        |
 * | nodeShapes         | none: tracklayer does not know the servers' CPUs and memory                   |
 *
 * Edge site (`edgePlatformProfile(site)`), from the catalog's EDGE_HARDWARE_SPECS:
 *
 * | hardware     | nvidia | jetson | quotas.inference           | quotas.training |
 * |--------------|--------|--------|----------------------------|-----------------|
 * | jetson-orin  | true   | true   | nodes × gpusPerNode        | none            |
 * | x86-l4       | true   | false  | nodes × gpusPerNode        | none            |
 * | x86-cpu      | false  | false  | none (nothing to quota)    | none            |
 */
import { ACCELERATOR_SPECS, type Accelerator } from '../../catalog/accelerator';
import { CLOUDWATCH_ADDON_CONFIGURATION_VALUES, cloudwatchAddonRunsDcgmExporter } from '../compute/cluster-addons';
import { EDGE_HARDWARE_SPECS } from '../../catalog/edge-hardware';
import type { EdgeSite, Needs, OnPremNeed } from '../../needs/schema';
import type { GpuPlatformProps } from './gpu-platform';
import { PlatformError } from './platform-error';
import type { AcceleratorQuota } from './workload-tenancy';

/** An accelerator node group of the EKS cluster; `PlannedGpuGroup` (stacks/gpu-capacity-plan) has this shape. */
export interface AcceleratorNodeGroup {
  /** What the group runs. */
  readonly workload: 'training' | 'inference';
  /** The group's instance type: its accelerator kind, chips, vCPUs and memory per node. */
  readonly instance: { readonly accelerator: Accelerator; readonly chips: number; readonly vcpus: number; readonly memoryGiB: number };
  /** True when the nodes have EFA interfaces. */
  readonly efa: boolean;
  /** Most nodes of the group. */
  readonly maxSize: number;
}

/** `chips` chips of the resource `accelerator` is advertised as. */
function quotaOf(accelerator: Accelerator, chips: number): AcceleratorQuota {
  return { chips, deviceResource: ACCELERATOR_SPECS[accelerator].deviceResource };
}

/** The EKS cluster's platform, by the first table above. */
export function eksPlatformProfile(needs: Needs, groups: readonly AcceleratorNodeGroup[]): GpuPlatformProps {
  const vendors = new Set(groups.map((g) => ACCELERATOR_SPECS[g.instance.accelerator].vendor));
  const trainingGroups = groups.filter((g) => g.workload === 'training');
  const inference = groups.find((g) => g.workload === 'inference');
  const { inference: inferenceNeed } = needs.workload;
  const trainingChips = trainingGroups.reduce((sum, g) => sum + g.maxSize * g.instance.chips, 0);
  return {
    target: 'eks',
    nvidia: vendors.has('nvidia'),
    dcgmExporter: vendors.has('nvidia') && !cloudwatchAddonRunsDcgmExporter(CLOUDWATCH_ADDON_CONFIGURATION_VALUES),
    neuron: vendors.has('aws'),
    efa: groups.some((g) => g.efa),
    quotas: {
      training: trainingGroups.length > 0 ? quotaOf(trainingGroups[0].instance.accelerator, trainingChips) : undefined,
      inference: inference && inferenceNeed ? quotaOf(inference.instance.accelerator, inferenceNeed.replicas * inference.instance.chips) : undefined,
    },
    nodeShapes: {
      training: trainingGroups.length > 0 ? shapeOf(trainingGroups[0]) : undefined,
      inference: inference && shapeOf(inference),
    },
    region: needs.cloud.region,
    teams: teamNames(needs),
  };
}

/** The vCPUs and memory of a group's nodes. */
function shapeOf(group: AcceleratorNodeGroup): { vcpus: number; memoryGiB: number } {
  return { vcpus: group.instance.vcpus, memoryGiB: group.instance.memoryGiB };
}

/** The team namespaces of the needs (the default team when there is no training). */
function teamNames(needs: Pick<Needs, 'workload'>): string[] | undefined {
  const teams = needs.workload.teams.map((team) => team.name);
  return teams.length > 0 ? teams : undefined;
}

/**
 * The on-prem cluster's platform, by the second table above; `needs` adds the team namespaces.
 * @throws PlatformError for an on-prem Trainium.
 */
export function onPremPlatformProfile(onPrem: OnPremNeed, needs?: Pick<Needs, 'workload'>): GpuPlatformProps {
  const spec = ACCELERATOR_SPECS[onPrem.accelerator];
  if (spec.vendor !== 'nvidia') {
    throw new PlatformError(
      'onPremPlatformProfile',
      `onPrem.accelerator is ${onPrem.accelerator}, which exists only in AWS; an on-prem cluster needs an NVIDIA accelerator (h100, h200, a100, l40s, l4 or a10g)`,
    );
  }
  const chips = onPrem.gpuNodes * onPrem.gpusPerNode;
  return {
    target: 'onprem',
    nvidia: true,
    rdma: onPrem.interconnect === 'infiniband' || onPrem.interconnect === 'roce',
    quotas: { training: quotaOf(onPrem.accelerator, chips), inference: quotaOf(onPrem.accelerator, chips) },
    ...(needs && teamNames(needs) ? { teams: teamNames(needs) } : {}),
  };
}

/** An edge site's platform, by the third table above. */
export function edgePlatformProfile(site: Pick<EdgeSite, 'hardware' | 'nodes'>): GpuPlatformProps {
  const spec = EDGE_HARDWARE_SPECS[site.hardware];
  if (spec.deviceResource === undefined) return { target: 'edge' };
  return {
    target: 'edge',
    nvidia: true,
    jetson: spec.runtimeClass !== undefined && spec.architecture === 'arm64',
    quotas: { inference: { chips: site.nodes * spec.gpusPerNode, deviceResource: spec.deviceResource } },
  };
}
