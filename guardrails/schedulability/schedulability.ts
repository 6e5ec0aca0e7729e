/**
 * Can the workloads actually run? One pass over a whole synthesis (every stack, and the needs):
 * node sources (./node-sources.ts), workloads in the JSON and in known charts' values
 * (./workloads.ts), workloads the needs imply (./implied-workloads.ts), namespace quotas and
 * limit ranges (./namespace-policies.ts), and the autoscalers. Its findings go to three rules
 * (../rules/schedulability-rules.ts):
 *
 * | rule                  | finding                                                                                   |
 * |-----------------------|-------------------------------------------------------------------------------------------|
 * | SCHED_PLACEMENT       | a workload finds no node source whose labels, taints, node resources and size admit it, or whose nodes an autoscaler can create; a DaemonSet that targets no node |
 * | SCHED_ROLLOUT         | a Deployment's rolling update cannot start its first surge pod (no free node capacity, or the namespace quota) while it may not stop an old one (maxUnavailable 0) |
 * | SCHED_NAMESPACE_LIMITS| the namespace's LimitRange rejects the pod or gives a GPU container a default memory limit below the memory of its GPUs (OOM); its ResourceQuota rejects the pods |
 *
 * Implied workloads (training jobs, cloud replicas) are checked like the others, except that a
 * LimitRange default that would OOM them is a warning: the needs do not say how users size
 * their jobs' memory, and a job that states its own limit is not affected.
 *
 * The pass runs once per synthesis (the result is cached on the synthesis object), however many
 * stacks the rules check.
 */
import type { RuleId } from '../../needs/rule-ids';
import type { Finding, SynthContext, SynthesizedStack } from '../rule';
import { resourcesOf, singleBlock } from '../terraform-json';
import { clusterOfStack } from './clusters';
import { NO_CLOUD_CLUSTER, impliedDemands, type ImpliedDemand } from './implied-workloads';
import { applyLimitRanges, limitRangeRejections, namespacePoliciesOf, quotaUsage, unstatedQuotaResources, type ContainerLimits, type Quota } from './namespace-policies';
import { nodeSourcesOf, type NodeSource } from './node-sources';
import { placeOn, selectionReasons, type AutoscalerView, type SourceVerdict } from './placement';
import type { PodShape } from './pods';
import { formatQuantity, GIB } from './quantities';
import { ReferenceResolver } from './references';
import { demandsOf, locationOf, releasesOf, type Demand, type Location } from './workloads';

/** A finding with the rule and stack it belongs to. */
export interface SchedulingFinding extends Finding {
  readonly rule: RuleId;
  readonly stack: string;
}

/** The rule ids of the check. */
export type SchedulingRuleId = Extract<RuleId, 'SCHED_PLACEMENT' | 'SCHED_ROLLOUT' | 'SCHED_NAMESPACE_LIMITS'>;

/** Everything the pass knows about the synthesis. */
interface Model {
  readonly resolver: ReferenceResolver;
  readonly sources: readonly NodeSource[];
  /** The sources of each cluster (a 200-site fleet has 200 clusters: no quadratic scans). */
  readonly sourcesByCluster: ReadonlyMap<string, readonly NodeSource[]>;
  readonly autoscalers: ReadonlyMap<string, AutoscalerView>;
  readonly policies: ReadonlyMap<string, { quotas: Quota[]; limits: ContainerLimits[] }>;
  readonly namespaces: ReadonlyMap<string, Location>;
  readonly clusterLocations: ReadonlyMap<string, Location>;
}

const cache = new WeakMap<object, readonly SchedulingFinding[]>();

/** The findings of the whole synthesis (computed once per synthesis object). */
export function schedulingFindings(synth: SynthContext): readonly SchedulingFinding[] {
  const cached = cache.get(synth);
  if (cached) return cached;
  const findings = evaluate(synth);
  cache.set(synth, findings);
  return findings;
}

/** The findings of `rule` in `stack`. */
export function schedulingFindingsIn(stack: SynthesizedStack, rule: SchedulingRuleId, synth: SynthContext | undefined): Finding[] {
  return schedulingFindings(synth ?? { stacks: [stack] })
    .filter((f) => f.stack === stack.name && f.rule === rule)
    .map(({ address, path, message, level }) => (level ? { address, path, message, level } : { address, path, message }));
}

function key(cluster: string, namespace: string): string {
  return `${cluster}/${namespace}`;
}

function buildModel(stacks: readonly SynthesizedStack[], synth: SynthContext): Model {
  const resolver = new ReferenceResolver(stacks);
  const policies = new Map<string, { quotas: Quota[]; limits: ContainerLimits[] }>();
  const namespaces = new Map<string, Location>();
  const clusterLocations = new Map<string, Location>();
  const autoscalers = new Map<string, AutoscalerView>();
  const clusters = new Set<string>();
  for (const stack of stacks) {
    const cluster = clusterOfStack(stack, resolver);
    if (!cluster) continue;
    clusters.add(cluster);
    for (const [namespace, policy] of namespacePoliciesOf(stack, resolver)) {
      const entry = policies.get(key(cluster, namespace)) ?? { quotas: [], limits: [] };
      policies.set(key(cluster, namespace), { quotas: [...entry.quotas, ...policy.quotas], limits: [...entry.limits, ...policy.limits] });
    }
    for (const block of resourcesOf(stack, 'kubernetes_namespace_v1', 'kubernetes_namespace')) {
      const name = resolver.resolveString(singleBlock(block.config.metadata)?.name, stack);
      if (name) namespaces.set(key(cluster, name), locationOf(stack, block));
      if (!clusterLocations.has(cluster)) clusterLocations.set(cluster, locationOf(stack, block));
    }
    for (const release of releasesOf(stack, resolver).filter((r) => r.chart === 'cluster-autoscaler')) {
      const discovery = release.values.autoDiscovery as { clusterName?: unknown } | undefined;
      const named = resolver.resolveString(discovery?.clusterName, stack);
      const target = named ? `eks:${named}` : cluster;
      autoscalers.set(target, { present: true, where: `${stack.name}/${release.block.path.split('/').slice(1).join('/')}` });
    }
  }
  const sources = nodeSourcesOf(stacks, resolver, clusters, synth.needs);
  for (const source of sources) if (source.stack && source.block && !clusterLocations.has(source.cluster)) clusterLocations.set(source.cluster, { stack: source.stack, address: source.block.address, path: source.block.path });
  const sourcesByCluster = new Map<string, NodeSource[]>();
  for (const source of sources) sourcesByCluster.set(source.cluster, [...(sourcesByCluster.get(source.cluster) ?? []), source]);
  return { resolver, sources, sourcesByCluster, autoscalers, policies, namespaces, clusterLocations };
}

function evaluate(synth: SynthContext): SchedulingFinding[] {
  const model = buildModel(synth.stacks, synth);
  const findings: SchedulingFinding[] = [];
  for (const demand of demandsOf(synth.stacks, model.resolver)) findings.push(...(demand.daemon ? daemonFindings(model, demand) : workloadFindings(model, demand)));
  if (synth.needs) for (const demand of impliedDemands(synth.needs, synth.stacks)) findings.push(...impliedFindings(model, demand));
  return findings;
}

function finding(rule: SchedulingRuleId, location: Location, message: string, level?: 'warning'): SchedulingFinding {
  return { rule, stack: location.stack, address: location.address, path: location.path, message, ...(level ? { level } : {}) };
}

function label(demand: Pick<Demand, 'kind' | 'namespace' | 'name' | 'chart'>): string {
  return `${demand.kind} ${demand.namespace}/${demand.name}${demand.chart ? ` (chart ${demand.chart})` : ''}`;
}

function autoscalerOf(model: Model, cluster: string): AutoscalerView {
  return model.autoscalers.get(cluster) ?? { present: false };
}

/** The best verdict to report when no source admits: one that matched, else all. */
function explain(verdicts: readonly SourceVerdict[]): string {
  const matching = verdicts.filter((v) => v.matches);
  const shown = matching.length > 0 ? matching : verdicts;
  if (shown.length === 0) return 'the cluster has no node source at all';
  return shown.map((v) => `${v.source.description}: ${v.reasons.join('; ')}`).join(' | ');
}

function fixesOf(verdicts: readonly SourceVerdict[], fallback: string): string {
  const fixes = [...new Set(verdicts.filter((v) => v.matches).flatMap((v) => v.fixes))];
  return fixes.length > 0 ? fixes.join('; or ') : fallback;
}

/** The namespace findings (LimitRange, ResourceQuota) of `pods` pods of `pod`, with the GPU memory each chip needs on the host. */
function namespaceFindings(model: Model, cluster: string, namespace: string, pod: PodShape, pods: number, what: string, location: Location, gpuMemoryGiBPerChip: number | undefined, implied: boolean): SchedulingFinding[] {
  const policy = model.policies.get(key(cluster, namespace));
  if (!policy) return [];
  const containers = pod.containers.map((c) => applyLimitRanges(c, policy.limits));
  const findings: SchedulingFinding[] = [];
  const rejections = containers.flatMap((c) => limitRangeRejections(c, policy.limits));
  if (rejections.length > 0) {
    findings.push(finding('SCHED_NAMESPACE_LIMITS', location, `${what}: the LimitRange of namespace ${namespace} rejects its pods: ${rejections.join('; ')}; state limits within the LimitRange or change its default and max`));
  }
  for (const container of containers) {
    const chips = Object.entries(container.requests).filter(([name]) => name === 'nvidia.com/gpu' || name.startsWith('aws.amazon.com/neuron')).reduce((sum, [, n]) => sum + n, 0);
    const memory = container.limits.memory;
    if (chips > 0 && gpuMemoryGiBPerChip && memory !== undefined && container.defaultedLimits.includes('memory') && memory < chips * gpuMemoryGiBPerChip * GIB) {
      findings.push(
        finding(
          'SCHED_NAMESPACE_LIMITS',
          location,
          `${what}: container ${container.name} states no memory limit, so the LimitRange of namespace ${namespace} gives it ${formatQuantity('memory', memory)}, less than the ${formatQuantity('memory', chips * gpuMemoryGiBPerChip * GIB)} of memory on its ${chips} accelerator${chips === 1 ? '' : 's'}, which a job stages through host memory: it would be OOM-killed loading a model or checkpoint; set a memory limit on the container, or give GPU namespaces no default memory limit`,
          implied ? 'warning' : undefined,
        ),
      );
    }
  }
  for (const quota of policy.quotas) {
    const unstated = unstatedQuotaResources(quota.hard, containers);
    if (unstated.length > 0) findings.push(finding('SCHED_NAMESPACE_LIMITS', location, `${what}: the ResourceQuota ${quota.block.address} of namespace ${namespace} tracks ${unstated.join(', ')}, which its containers do not state, so admission rejects its pods; state them or add a LimitRange default`));
    for (const [name, hard] of Object.entries(quota.hard)) {
      const used = quotaUsage(name, containers, pods);
      if (used !== undefined && used > hard) {
        findings.push(finding('SCHED_NAMESPACE_LIMITS', location, `${what}: its ${pods} pod${pods === 1 ? '' : 's'} need ${formatQuantity(name.replace(/^(requests|limits)\./, ''), used)} of ${name}, and the ResourceQuota of namespace ${namespace} allows ${formatQuantity(name.replace(/^(requests|limits)\./, ''), hard)}; raise the quota or lower the pods`));
      }
    }
  }
  return findings;
}

/**
 * Host memory (GiB) per chip a GPU container should be able to use, for the OOM check: the
 * accelerator memory of a chip (a job stages models and checkpoints through host memory), but no
 * more than the node's own allocatable memory per chip: a default limit at what the node has is
 * not the LimitRange's fault (the smallest over the sources the pod could use).
 */
function gpuMemoryPerChip(sources: readonly NodeSource[], pod: PodShape): number | undefined {
  const perChip = sources.filter((s) => selectionReasons(pod, s).length === 0).flatMap((s) => hostMemoryPerChip(s) ?? []);
  return perChip.length > 0 ? Math.min(...perChip) : undefined;
}

/** What {@link gpuMemoryPerChip} allows on one source: accelerator memory per chip, capped by the node's allocatable memory per chip. */
function hostMemoryPerChip(source: NodeSource): number | undefined {
  if (source.acceleratorMemoryGiBPerChip === undefined) return undefined;
  const chips = Object.entries(source.allocatable).filter(([name]) => name === 'nvidia.com/gpu' || name.startsWith('aws.amazon.com/neuron')).reduce((sum, [, n]) => sum + n, 0);
  const hostGiB = source.allocatable.memory !== undefined && chips > 0 ? source.allocatable.memory / GIB / chips : Infinity;
  return Math.min(source.acceleratorMemoryGiBPerChip, hostGiB);
}

function workloadFindings(model: Model, demand: Demand): SchedulingFinding[] {
  const sources = [...(model.sourcesByCluster.get(demand.cluster) ?? [])];
  const what = label(demand);
  const findings = namespaceFindings(model, demand.cluster, demand.namespace, demand.pod, demand.pods, what, demand.location, gpuMemoryPerChip(sources, demand.pod), false);
  if (sources.length === 0) return findings;
  const autoscaler = autoscalerOf(model, demand.cluster);
  const verdicts = sources.map((s) => placeOn(demand.pod, demand.pods, s, autoscaler));
  const admitting = verdicts.filter((v) => v.reasons.length === 0);
  if (admitting.length === 0) {
    const anyMatch = verdicts.some((v) => v.matches);
    findings.push(
      finding(
        'SCHED_PLACEMENT',
        demand.location,
        `${what}: ${anyMatch ? 'no node source can hold its pods' : 'no node source admits its pods'} (${explain(verdicts)}); ${anyMatch ? fixesOf(verdicts, 'add capacity') : 'select labels its nodes carry and tolerate their taints, or add a node source that carries them'}`,
      ),
    );
    return findings;
  }
  findings.push(...rolloutFindings(model, demand, admitting.map((v) => v.source), autoscaler));
  return findings;
}

/**
 * A rolling update with maxUnavailable 0 must start one new pod before it may stop an old one:
 * replicas + 1 pods must fit (nodes and quota), or the rollout waits forever.
 */
function rolloutFindings(model: Model, demand: Demand, sources: readonly NodeSource[], autoscaler: AutoscalerView): SchedulingFinding[] {
  const rollout = demand.rollout;
  if (!rollout || rollout.type !== 'RollingUpdate' || rollout.maxUnavailable > 0 || rollout.maxSurge === 0) return [];
  const peak = demand.pods + 1;
  const what = label(demand);
  const reasons: string[] = [];
  const verdicts = sources.map((s) => placeOn(demand.pod, peak, s, autoscaler));
  if (!verdicts.some((v) => v.reasons.length === 0)) reasons.push(`its first surge pod finds no free capacity (${explain(verdicts)})`);
  const policy = model.policies.get(key(demand.cluster, demand.namespace));
  for (const quota of policy?.quotas ?? []) {
    const containers = demand.pod.containers.map((c) => applyLimitRanges(c, policy?.limits ?? []));
    for (const [name, hard] of Object.entries(quota.hard)) {
      const used = quotaUsage(name, containers, peak);
      if (used !== undefined && used > hard && (quotaUsage(name, containers, demand.pods) ?? 0) <= hard) {
        reasons.push(`its first surge pod would take ${name} to ${formatQuantity(name.replace(/^(requests|limits)\./, ''), used)}, above the namespace quota of ${formatQuantity(name.replace(/^(requests|limits)\./, ''), hard)}`);
      }
    }
  }
  if (reasons.length === 0) return [];
  return [
    finding(
      'SCHED_ROLLOUT',
      demand.location,
      `${what}: a rolling update stalls: with ${demand.pods} replica${demand.pods === 1 ? '' : 's'}, maxSurge ${rollout.maxSurge} and maxUnavailable 0, ${reasons.join(', and ')}; set strategy.rollingUpdate to maxSurge 0 and maxUnavailable 1 (or strategy Recreate), or leave room for one more pod`,
    ),
  ];
}

function daemonFindings(model: Model, demand: Demand): SchedulingFinding[] {
  const sources = [...(model.sourcesByCluster.get(demand.cluster) ?? [])];
  const what = label(demand);
  const findings = namespaceFindings(model, demand.cluster, demand.namespace, demand.pod, sources.length, what, demand.location, undefined, false);
  if (sources.length === 0) return findings;
  const targeted = sources.filter((s) => selectionReasons(demand.pod, s).length === 0);
  if (targeted.length === 0) {
    const why = sources.map((s) => `${s.description}: ${selectionReasons(demand.pod, s).join('; ')}`).join(' | ');
    findings.push(finding('SCHED_PLACEMENT', demand.location, `${what} targets no node of the cluster (${why}); select labels the nodes it serves carry, or drop it`));
    return findings;
  }
  for (const source of targeted) {
    const verdict = placeOn(demand.pod, Math.max(1, source.minNodes), { ...source, minNodes: Math.max(1, source.minNodes), maxNodes: Math.max(1, source.maxNodes) }, { present: true });
    if (verdict.reasons.length > 0) findings.push(finding('SCHED_PLACEMENT', demand.location, `${what} does not fit on the nodes of ${source.description}: ${verdict.reasons.join('; ')}; lower its requests`));
  }
  return findings;
}

function impliedLocation(model: Model, demand: ImpliedDemand): Location | undefined {
  return model.namespaces.get(key(demand.cluster, demand.namespace)) ?? model.clusterLocations.get(demand.cluster);
}

function impliedFindings(model: Model, demand: ImpliedDemand): SchedulingFinding[] {
  const location = impliedLocation(model, demand) ?? [...model.clusterLocations.values()][0];
  if (!location) return [];
  const what = demand.description;
  const candidates = (model.sourcesByCluster.get(demand.cluster) ?? []).filter((s) => demand.candidates(s));
  if (demand.cluster === NO_CLOUD_CLUSTER) {
    return [finding('SCHED_PLACEMENT', location, `${what}: the on-prem GPUs cannot hold it and this strategy builds no cloud cluster; lower the team's gpus to what on-prem holds, or raise workload.training.gpus so the cloud bursts`)];
  }
  if (candidates.length === 0) {
    return [finding('SCHED_PLACEMENT', location, `${what}: no node source of ${demand.cluster} offers ${demand.deviceResource}${demand.kind === 'training job' ? ' for training' : ''}; add a node group for it (workload.training / inference in the needs)`)];
  }
  const autoscaler = autoscalerOf(model, demand.cluster);
  const verdicts: SourceVerdict[] = [];
  let admitted: { pod: PodShape; pods: number; source: NodeSource } | undefined;
  for (const source of candidates) {
    const shape = demand.shapeFor(source);
    if ('problem' in shape) {
      verdicts.push({ source, matches: true, reasons: [shape.problem], fixes: ['train on an EFA node group'] });
      continue;
    }
    const verdict = placeOn(shape.pod, shape.pods, source, autoscaler);
    verdicts.push(verdict);
    if (verdict.reasons.length === 0 && !admitted) admitted = { ...shape, source };
  }
  if (!admitted) {
    const gang = demand.gang ? ' (a job runs in one node group: one Kueue flavor, one zone)' : '';
    const pooled = candidates.reduce((sum, s) => sum + s.maxNodes * (s.allocatable[demand.deviceResource] ?? 0), 0);
    const split =
      demand.gang && candidates.length > 1 && pooled >= demand.chips
        ? `the ${demand.chips} GPUs are split over ${candidates.length} node groups and a job runs in one: give teams shares that fit one group (workload.teams), or hold the capacity in fewer groups`
        : fixesOf(verdicts, 'add capacity');
    return [finding('SCHED_PLACEMENT', location, `${what}: no node source can run it${gang}: ${explain(verdicts)}; ${split}`)];
  }
  return namespaceFindings(model, demand.cluster, demand.namespace, admitted.pod, admitted.pods, what, location, hostMemoryPerChip(admitted.source), true);
}
