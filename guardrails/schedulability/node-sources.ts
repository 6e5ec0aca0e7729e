/**
 * Where pods can run: the node sources of every cluster of a synthesis.
 *
 * | source                         | read from                         | labels / taints                                    | size          |
 * |--------------------------------|-----------------------------------|----------------------------------------------------|---------------|
 * | EKS managed node group         | `aws_eks_node_group` (+ its launch template and ASG tags) | its `labels` and `taint`, and the well-known node labels EKS sets | min / max of `scaling_config` |
 * | on-prem GPU servers (cluster)  | the needs: `onPrem`               | `nvidia.com/gpu.present=true` (GPU Feature Discovery), amd64 | `gpuNodes`, fixed |
 * | on-prem GPU servers (hybrid nodes) | the needs: `onPrem`, in the EKS cluster | the same, and `eks.amazonaws.com/compute-type=hybrid` | `gpuNodes`, fixed |
 * | edge site nodes                | the needs: each site              | the site's architecture, `nvidia.com/gpu.present=true` on x86 GPU sites | `nodes`, fixed |
 *
 * A node group's allocatable CPU and memory come from its instance type (catalog) less the
 * kubelet's reservation (./allocatable.ts); its accelerators and EFA interfaces from the
 * instance type and its launch template. Nodes tracklayer does not build (on-prem, edge) have no
 * known CPU or memory: only their accelerators are checked.
 *
 * At zero a group has no node for the Cluster Autoscaler to copy; what the autoscaler believes a
 * new node would be (`zeroTemplate`) is what kubernetes/autoscaler's AWS provider builds
 * (cloudprovider/aws/aws_manager.go `buildNodeFromTemplate`): CPU, memory and NVIDIA GPUs of the
 * instance type, the well-known labels, the node group's labels and taints (EKS
 * DescribeNodegroup), and the ASG's `k8s.io/cluster-autoscaler/node-template/...` tags; nothing else.
 */
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import { findInstanceType } from '../../catalog/choose-instance';
import { EDGE_HARDWARE_SPECS } from '../../catalog/edge-hardware';
import { findGeneralPurposeInstance } from '../../catalog/general-purpose-instance';
import type { Needs } from '../../needs/schema';
import type { SynthesizedStack } from '../rule';
import { awsDefaultTags, blockList, isObject, referencesTo, resourcesOf, singleBlock, stringList, type TerraformBlock } from '../terraform-json';
import { allocatable } from './allocatable';
import { contextClusterKey, eksClustersOf, eksClusterKey } from './clusters';
import { GIB, resourceList, type ResourceList } from './quantities';
import type { Taint } from './pods';
import type { ReferenceResolver } from './references';

/** The extended resource of EFA interfaces. */
export const EFA_RESOURCE = 'vpc.amazonaws.com/efa';
/** NVIDIA GPU Feature Discovery's label on NVIDIA GPU nodes. */
export const GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';
/** The prefix of the Cluster Autoscaler's node-template ASG tags. */
export const NODE_TEMPLATE_TAG_PREFIX = 'k8s.io/cluster-autoscaler/node-template/';

/** What the Cluster Autoscaler believes a new node of a group at zero would be. */
export interface ZeroTemplate {
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly resources: ResourceList;
}

/** Somewhere pods can run. */
export interface NodeSource {
  /** For people: `node group acme-ml-training`, `edge site plant-lyon`. */
  readonly description: string;
  /** The cluster key (./clusters.ts). */
  readonly cluster: string;
  /** The stack that builds it (EKS groups); undefined for nodes tracklayer does not build. */
  readonly stack?: string;
  /** The node group resource, for EKS groups. */
  readonly block?: TerraformBlock;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** What pods can request on one node; `cpu` (millicores) and `memory` (bytes) absent when unknown. */
  readonly allocatable: ResourceList;
  /** Fewest nodes (always there). */
  readonly minNodes: number;
  /** Most nodes. */
  readonly maxNodes: number;
  /** True when an autoscaler may change the size (an ASG-backed group); false for fixed hardware. */
  readonly scalable: boolean;
  /** The autoscaler's template at zero (scalable groups only). */
  readonly zeroTemplate?: ZeroTemplate;
  /** Accelerator memory of one chip, GiB (for the memory a GPU container needs on the host). */
  readonly acceleratorMemoryGiBPerChip?: number;
}

const EFFECTS: Readonly<Record<string, Taint['effect']>> = { NO_SCHEDULE: 'NoSchedule', NO_EXECUTE: 'NoExecute', PREFER_NO_SCHEDULE: 'PreferNoSchedule' };

/** A taint from the EKS API spelling or Kubernetes spelling. */
function taintOf(block: Record<string, unknown>): Taint {
  const effect = String(block.effect ?? 'NoSchedule');
  return { key: String(block.key), value: String(block.value ?? ''), effect: EFFECTS[effect] ?? (effect as Taint['effect']) };
}

/** The launch template a node group boots from, if it is a resource of the stack. */
function launchTemplateOf(stack: SynthesizedStack, group: TerraformBlock): TerraformBlock | undefined {
  const names = referencesTo(group.config.launch_template, 'aws_launch_template');
  return resourcesOf(stack, 'aws_launch_template').find((template) => names.includes(template.name));
}

/** The node-template tags on a node group's ASG (aws_autoscaling_group_tag naming the group's ASG). */
function templateTags(stack: SynthesizedStack, group: TerraformBlock): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of resourcesOf(stack, 'aws_autoscaling_group_tag')) {
    if (!referencesTo(tag.config.autoscaling_group_name, 'aws_eks_node_group').includes(group.name)) continue;
    const body = singleBlock(tag.config.tag);
    if (typeof body?.key === 'string' && body.key.startsWith(NODE_TEMPLATE_TAG_PREFIX) && typeof body.value === 'string') tags[body.key.slice(NODE_TEMPLATE_TAG_PREFIX.length)] = body.value;
  }
  return tags;
}

/** The zero template from a group's tags, its own labels and taints, and its instance (see the file comment). */
function zeroTemplate(tags: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>, taints: readonly Taint[], wellKnown: Readonly<Record<string, string>>, base: ResourceList): ZeroTemplate {
  const tagLabels: Record<string, string> = {};
  const tagTaints: Taint[] = [];
  const tagResources: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (key.startsWith('label/')) tagLabels[key.slice('label/'.length)] = value;
    else if (key.startsWith('taint/')) {
      const [taintValue, effect] = value.split(':');
      tagTaints.push({ key: key.slice('taint/'.length), value: taintValue, effect: (effect ?? 'NoSchedule') as Taint['effect'] });
    } else if (key.startsWith('resources/')) tagResources[key.slice('resources/'.length)] = value;
  }
  const merged = [...taints, ...tagTaints.filter((t) => !taints.some((own) => own.key === t.key && own.effect === t.effect))];
  return { labels: { ...wellKnown, ...tagLabels, ...labels }, taints: merged, resources: { ...base, ...resourceList(tagResources) } };
}

/** The node sources of the EKS node groups of one stack. */
function nodeGroupSources(stack: SynthesizedStack, resolver: ReferenceResolver): NodeSource[] {
  const clusters = eksClustersOf(stack, resolver);
  return resourcesOf(stack, 'aws_eks_node_group').flatMap((group): NodeSource[] => {
    const clusterRef = referencesTo(group.config.cluster_name, 'aws_eks_cluster')[0];
    const literal = resolver.resolveString(group.config.cluster_name, stack);
    const cluster = (clusterRef ? clusters.get(clusterRef) : undefined) ?? (literal ? eksClusterKey(literal) : undefined);
    if (!cluster) return [];
    const template = launchTemplateOf(stack, group);
    const instanceName = stringList(group.config.instance_types)[0] ?? (typeof template?.config.instance_type === 'string' ? template.config.instance_type : undefined);
    const accelerated = instanceName ? findInstanceType(instanceName) : undefined;
    const general = instanceName ? findGeneralPurposeInstance(instanceName) : undefined;
    const shape = accelerated ?? general;
    const efaInterfaces = template ? blockList(template.config.network_interfaces).filter((nic) => nic.interface_type === 'efa' || nic.interface_type === 'efa-only').length : 0;
    const rootGiB = Number(singleBlock(singleBlock(template?.config.block_device_mappings)?.ebs)?.volume_size ?? 20);
    const scaling = singleBlock(group.config.scaling_config) ?? {};
    const labels = isObject(group.config.labels) ? Object.fromEntries(Object.entries(group.config.labels).map(([k, v]) => [k, String(v)])) : {};
    const taints = blockList(group.config.taint).map(taintOf);
    const name = resolver.resolveString(group.config.node_group_name, stack) ?? group.name;
    const architecture = shape?.architecture === 'arm64' ? 'arm64' : 'amd64';
    const wellKnown = { 'kubernetes.io/arch': architecture, 'kubernetes.io/os': 'linux', ...(instanceName ? { 'node.kubernetes.io/instance-type': instanceName } : {}) };
    const deviceResource = accelerated ? ACCELERATOR_SPECS[accelerated.accelerator].deviceResource : undefined;
    const capacity = shape ? allocatable(shape.vcpus, shape.memoryGiB) : undefined;
    const extended: Record<string, number> = {
      ...(accelerated && deviceResource ? { [deviceResource]: accelerated.chips } : {}),
      ...(efaInterfaces > 0 ? { [EFA_RESOURCE]: efaInterfaces } : {}),
      'ephemeral-storage': Math.floor(rootGiB * 0.9) * GIB,
      pods: shape ? (shape.vcpus < 30 ? 110 : 250) : 110,
    };
    // What the autoscaler knows at zero: CPU, memory and NVIDIA GPUs from the instance type, the rest from tags.
    const zeroBase: Record<string, number> = {
      ...(shape ? { cpu: shape.vcpus * 1000, memory: shape.memoryGiB * GIB } : {}),
      ...(accelerated && deviceResource === 'nvidia.com/gpu' ? { 'nvidia.com/gpu': accelerated.chips } : {}),
      pods: 110,
    };
    return [
      {
        description: `node group ${name}`,
        cluster,
        stack: stack.name,
        block: group,
        labels: { ...wellKnown, 'eks.amazonaws.com/nodegroup': name, ...labels },
        taints,
        allocatable: { ...(capacity ?? {}), ...extended },
        minNodes: Number(scaling.min_size ?? 0),
        maxNodes: Number(scaling.max_size ?? 0),
        scalable: true,
        zeroTemplate: zeroTemplate(templateTags(stack, group), labels, taints, wellKnown, zeroBase),
        ...(accelerated ? { acceleratorMemoryGiBPerChip: accelerated.acceleratorMemoryGiB / accelerated.chips } : {}),
      },
    ];
  });
}

/** The strategy the stacks were built for (their `tracklayer:strategy` tag). */
export function strategyOf(stacks: readonly SynthesizedStack[]): string | undefined {
  for (const stack of stacks) {
    for (const { tags } of awsDefaultTags(stack)) if (typeof tags['tracklayer:strategy'] === 'string') return tags['tracklayer:strategy'];
  }
  return undefined;
}

/** The on-prem and edge nodes the needs describe, in the clusters the stacks reach. */
function describedSources(needs: Needs, stacks: readonly SynthesizedStack[], clustersInUse: ReadonlySet<string>): NodeSource[] {
  const sources: NodeSource[] = [];
  const onPrem = needs.onPrem;
  if (onPrem && strategyOf(stacks) === 'hybrid') {
    const spec = ACCELERATOR_SPECS[onPrem.accelerator];
    const hybridNodes = onPrem.mode === 'hybrid-nodes';
    const cluster = hybridNodes ? eksClusterKey(needs.name) : onPrem.kubeContext ? contextClusterKey(onPrem.kubeContext) : undefined;
    if (cluster && clustersInUse.has(cluster)) {
      sources.push({
        description: hybridNodes ? 'on-prem GPU servers (EKS Hybrid Nodes)' : 'on-prem GPU servers',
        cluster,
        labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', [GPU_PRESENT_LABEL]: 'true', ...(hybridNodes ? { 'eks.amazonaws.com/compute-type': 'hybrid' } : {}) },
        taints: [],
        allocatable: { [spec.deviceResource]: onPrem.gpusPerNode },
        minNodes: onPrem.gpuNodes,
        maxNodes: onPrem.gpuNodes,
        scalable: false,
        acceleratorMemoryGiBPerChip: spec.memoryGiBPerChip,
      });
    }
  }
  for (const site of needs.workload.inference?.sites ?? []) {
    const cluster = contextClusterKey(site.kubeContext);
    if (!clustersInUse.has(cluster)) continue;
    const spec = EDGE_HARDWARE_SPECS[site.hardware];
    const gpu = spec.deviceResource !== undefined;
    sources.push({
      description: `edge site ${site.name} (${site.nodes} × ${site.hardware})`,
      cluster,
      labels: { 'kubernetes.io/arch': spec.architecture === 'arm64' ? 'arm64' : 'amd64', 'kubernetes.io/os': 'linux', ...(gpu && spec.architecture === 'x86_64' ? { [GPU_PRESENT_LABEL]: 'true' } : {}) },
      taints: [],
      allocatable: gpu && spec.deviceResource ? { [spec.deviceResource]: spec.gpusPerNode } : {},
      minNodes: site.nodes,
      maxNodes: site.nodes,
      scalable: false,
      ...(gpu ? { acceleratorMemoryGiBPerChip: spec.acceleratorMemoryGiB / spec.gpusPerNode } : {}),
    });
  }
  return sources;
}

/** Every node source of the synthesis: the EKS node groups, and the on-prem and edge nodes of `needs` in clusters the stacks reach. */
export function nodeSourcesOf(stacks: readonly SynthesizedStack[], resolver: ReferenceResolver, clustersInUse: ReadonlySet<string>, needs?: Needs): NodeSource[] {
  return [...stacks.flatMap((stack) => nodeGroupSources(stack, resolver)), ...(needs ? describedSources(needs, stacks, clustersInUse) : [])];
}
