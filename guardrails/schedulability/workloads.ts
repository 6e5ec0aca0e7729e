/**
 * The workloads of a synthesis as demands on nodes: every Kubernetes workload resource
 * (Deployment, DaemonSet, StatefulSet, Job, CronJob, Pod) and the workloads of the Helm releases
 * whose charts tracklayer knows (CHART_WORKLOADS), each with its pod shape, how many pods run at
 * once, and how a Deployment rolls out.
 *
 * Helm releases: the pods a chart renders are not in the JSON, only its values. A release is
 * modelled when its chart is in CHART_WORKLOADS, which reads the values the way that chart's
 * templates do (and falls back to the chart's own defaults where tracklayer sets none): the
 * autoscaler, Kueue and the GPU platform's node agents. Any other release is not modelled: its
 * pods are neither checked nor counted. Adding a chart is adding an entry.
 */
import { parse } from 'yaml';
import { workloadsOf } from '../kubernetes-workloads';
import type { SynthesizedStack } from '../rule';
import { isObject, resourcesOf, singleBlock, stringList, type TerraformBlock } from '../terraform-json';
import { clusterOfStack } from './clusters';
import { namespaceOf } from './namespace-policies';
import { podShapeOf, type LabelRequirement, type PodShape, type Toleration } from './pods';
import { resourceList } from './quantities';
import type { ReferenceResolver } from './references';

/** How a Deployment replaces its pods. */
export type Rollout = { readonly type: 'Recreate' } | { readonly type: 'RollingUpdate'; readonly maxSurge: number; readonly maxUnavailable: number };

/** Where a finding about a workload goes: a stack and the Terraform address and construct path in it. */
export interface Location {
  readonly stack: string;
  readonly address: string;
  readonly path: string;
}

/** The location of a block of a stack. */
export function locationOf(stack: SynthesizedStack, block: TerraformBlock): Location {
  return { stack: stack.name, address: block.address, path: block.path };
}

/** A workload's demand on the nodes. */
export interface Demand {
  /** `Deployment`, `DaemonSet`, `Job`, ... */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly location: Location;
  readonly pod: PodShape;
  /** Pods that run at once (replicas, parallelism); 1 per node for a DaemonSet. */
  readonly pods: number;
  readonly daemon: boolean;
  /** Deployments only. */
  readonly rollout?: Rollout;
  /** Set for workloads read from a Helm release's values. */
  readonly chart?: string;
}

/** Kubernetes' default rolling update: 25% surge, 25% unavailable. */
const DEFAULT_ROLLING = { maxSurge: '25%', maxUnavailable: '25%' };

/** A surge or unavailability value: a count, or a percentage of `replicas` (surge rounds up, unavailability down, as the Deployment controller does). */
function rolloutValue(value: unknown, replicas: number, roundUp: boolean): number {
  const text = String(value ?? '');
  if (text.endsWith('%')) {
    const exact = (Number(text.slice(0, -1)) * replicas) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  const count = Number(text);
  return Number.isFinite(count) ? count : 0;
}

/** The rollout of a Deployment strategy, given as `{ type, rollingUpdate | rolling_update: { maxSurge | max_surge, ... } }`. */
export function rolloutOf(strategy: Record<string, unknown> | undefined, replicas: number): Rollout {
  if (strategy?.type === 'Recreate') return { type: 'Recreate' };
  const rolling = singleBlock(strategy?.rolling_update ?? strategy?.rollingUpdate) ?? {};
  return {
    type: 'RollingUpdate',
    maxSurge: rolloutValue(rolling.max_surge ?? rolling.maxSurge ?? DEFAULT_ROLLING.maxSurge, replicas, true),
    maxUnavailable: rolloutValue(rolling.max_unavailable ?? rolling.maxUnavailable ?? DEFAULT_ROLLING.maxUnavailable, replicas, false),
  };
}

const KINDS: Readonly<Record<string, string>> = {
  kubernetes_daemon_set_v1: 'DaemonSet',
  kubernetes_daemonset: 'DaemonSet',
  kubernetes_deployment_v1: 'Deployment',
  kubernetes_deployment: 'Deployment',
  kubernetes_stateful_set_v1: 'StatefulSet',
  kubernetes_stateful_set: 'StatefulSet',
  kubernetes_job_v1: 'Job',
  kubernetes_job: 'Job',
  kubernetes_cron_job_v1: 'CronJob',
  kubernetes_cron_job: 'CronJob',
  kubernetes_pod_v1: 'Pod',
  kubernetes_pod: 'Pod',
};

/** Pods a workload runs at once. */
function podCount(kind: string, spec: Record<string, unknown>): number {
  if (kind === 'Deployment' || kind === 'StatefulSet') return Number(spec.replicas ?? 1);
  if (kind === 'Job') return Number(spec.parallelism ?? 1);
  if (kind === 'CronJob') return Number(singleBlock(singleBlock(spec.job_template)?.spec)?.parallelism ?? 1);
  return 1;
}

/** The demands of the Kubernetes workload resources of a stack. */
function resourceDemands(stack: SynthesizedStack, cluster: string, resolver: ReferenceResolver): Demand[] {
  return workloadsOf(stack).map(({ block, podSpec }) => {
    const kind = KINDS[block.type] ?? block.type;
    const spec = singleBlock(block.config.spec) ?? {};
    const pods = podCount(kind, spec);
    const metadata = singleBlock(block.config.metadata);
    return {
      kind,
      name: resolver.resolveString(metadata?.name, stack) ?? block.name,
      namespace: namespaceOf(block, stack, resolver),
      cluster,
      location: locationOf(stack, block),
      pod: podShapeOf(podSpec),
      pods,
      daemon: kind === 'DaemonSet',
      ...(kind === 'Deployment' ? { rollout: rolloutOf(singleBlock(spec.strategy), pods) } : {}),
    };
  });
}

/** A pod shape from a chart's Kubernetes-style (camelCase) values. */
function chartPod(resources: unknown, nodeSelector: unknown, tolerations: unknown, affinity: unknown): PodShape {
  const r = isObject(resources) ? resources : {};
  const required = isObject(affinity) ? (affinity.nodeAffinity as Record<string, unknown> | undefined)?.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  const terms = isObject(required) && Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  return {
    containers: [{ name: 'manager', requests: resourceList(r.requests), limits: resourceList(r.limits) }],
    nodeSelector: isObject(nodeSelector) ? Object.fromEntries(Object.entries(nodeSelector).map(([k, v]) => [k, String(v)])) : {},
    affinityTerms: terms.map((term) =>
      (isObject(term) && Array.isArray(term.matchExpressions) ? term.matchExpressions : []).map(
        (e: Record<string, unknown>): LabelRequirement => ({ key: String(e.key), operator: String(e.operator) as LabelRequirement['operator'], values: stringList(e.values) }),
      ),
    ),
    tolerations: (Array.isArray(tolerations) ? tolerations : []).filter(isObject).map(
      (t): Toleration => ({
        ...(typeof t.key === 'string' ? { key: t.key } : {}),
        operator: t.operator === 'Exists' ? 'Exists' : 'Equal',
        ...(typeof t.value === 'string' ? { value: t.value } : {}),
        ...(typeof t.effect === 'string' ? { effect: t.effect } : {}),
      }),
    ),
  };
}

/** A node agent's DaemonSet from the chart keys `resources`, `nodeSelector`, `tolerations`, `affinity`. */
function nodeAgent(name: string, values: Record<string, unknown>): { kind: string; name: string; replicas: number; pod: PodShape } {
  return { kind: 'DaemonSet', name, replicas: 1, pod: chartPod(values.resources, values.nodeSelector, values.tolerations, values.affinity) };
}

/** The workloads a chart renders, read from its values. */
interface ChartWorkloads {
  (values: Record<string, unknown>): { kind: string; name: string; replicas: number; pod: PodShape; strategy?: Record<string, unknown> }[];
}

/**
 * The charts whose workloads the check models, with the values their templates read:
 * - cluster-autoscaler (kubernetes/autoscaler charts/cluster-autoscaler, templates/deployment.yaml):
 *   `replicaCount`, `resources`, `nodeSelector`, `tolerations`, `affinity`, `updateStrategy`.
 * - kueue (kubernetes-sigs/kueue charts/kueue, templates/manager/manager.yaml):
 *   `controllerManager.replicas`, `.manager.resources` (chart default: requests 500m / 512Mi,
 *   limits 2 / 512Mi), `.nodeSelector`, `.tolerations`, `.strategy`.
 * - the node agents of the GPU platform, DaemonSets (constructs/platform, pinned versions there):
 *   nvidia-device-plugin (NVIDIA/k8s-device-plugin deployments/helm/nvidia-device-plugin,
 *   templates/daemonset-device-plugin.yml) and dcgm-exporter (NVIDIA/dcgm-exporter
 *   deployment/templates/daemonset.yaml; chart default resources requests 100m / 128Mi, limits
 *   200m / 512Mi): `resources`, `nodeSelector`, `tolerations`, `affinity`;
 *   aws-efa-k8s-device-plugin (aws/eks-charts stable/aws-efa-k8s-device-plugin,
 *   templates/daemonset.yaml): the same keys (its own instance-type affinity is not modelled;
 *   tracklayer's `nodeSelector` is narrower); neuron-helm-chart (aws-neuron/neuron-helm-charts,
 *   templates/neuron-device-plugin.yaml): `devicePlugin.resources`, `.nodeSelector`,
 *   `.tolerations`, `.affinity`.
 */
export const CHART_WORKLOADS: Readonly<Record<string, ChartWorkloads>> = {
  'cluster-autoscaler': (values) => [
    {
      kind: 'Deployment',
      name: 'cluster-autoscaler',
      replicas: Number(values.replicaCount ?? 1),
      pod: chartPod(values.resources, values.nodeSelector, values.tolerations, values.affinity),
      strategy: isObject(values.updateStrategy) ? values.updateStrategy : undefined,
    },
  ],
  'nvidia-device-plugin': (values) => [nodeAgent('nvidia-device-plugin', values)],
  'dcgm-exporter': (values) => [nodeAgent('dcgm-exporter', { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '512Mi' } }, ...values })],
  'aws-efa-k8s-device-plugin': (values) => [nodeAgent('aws-efa-k8s-device-plugin', values)],
  'neuron-helm-chart': (values) => [nodeAgent('neuron-device-plugin', isObject(values.devicePlugin) ? values.devicePlugin : {})],
  kueue: (values) => {
    const manager = isObject(values.controllerManager) ? values.controllerManager : {};
    const container = isObject(manager.manager) ? manager.manager : {};
    const resources = container.resources ?? { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '512Mi' } };
    return [
      {
        kind: 'Deployment',
        name: 'kueue-controller-manager',
        replicas: Number(manager.replicas ?? 1),
        pod: chartPod(resources, manager.nodeSelector, manager.tolerations, manager.affinity),
        strategy: isObject(manager.strategy) ? manager.strategy : undefined,
      },
    ];
  },
};

/** The values of a release: its YAML documents merged in order (later win), references resolved where they are whole strings. */
function releaseValues(block: TerraformBlock): Record<string, unknown> {
  return stringList(block.config.values).reduce<Record<string, unknown>>((merged, text) => {
    try {
      const document = parse(text) as unknown;
      return isObject(document) ? { ...merged, ...document } : merged;
    } catch {
      return merged;
    }
  }, {});
}

/** The demands of the known charts' releases of a stack. */
function chartDemands(stack: SynthesizedStack, cluster: string, resolver: ReferenceResolver): Demand[] {
  return resourcesOf(stack, 'helm_release').flatMap((block) => {
    const chart = resolver.resolveString(block.config.chart, stack);
    const workloads = chart ? CHART_WORKLOADS[chart] : undefined;
    if (!chart || !workloads) return [];
    const namespace = resolver.resolveString(block.config.namespace, stack) ?? 'default';
    return workloads(releaseValues(block)).map((w) => ({
      kind: w.kind,
      name: w.name,
      namespace,
      cluster,
      location: locationOf(stack, block),
      pod: w.pod,
      pods: w.replicas,
      daemon: w.kind === 'DaemonSet',
      chart,
      ...(w.kind === 'Deployment' ? { rollout: rolloutOf(w.strategy, w.replicas) } : {}),
    }));
  });
}

/** The Helm releases of a stack, with their values (for the autoscaler's discovery settings). */
export function releasesOf(stack: SynthesizedStack, resolver: ReferenceResolver): { block: TerraformBlock; chart?: string; values: Record<string, unknown> }[] {
  return resourcesOf(stack, 'helm_release').map((block) => ({ block, chart: resolver.resolveString(block.config.chart, stack), values: releaseValues(block) }));
}

/** Every demand of every stack that reaches a cluster. */
export function demandsOf(stacks: readonly SynthesizedStack[], resolver: ReferenceResolver): Demand[] {
  return stacks.flatMap((stack) => {
    const cluster = clusterOfStack(stack, resolver);
    if (!cluster) return [];
    return [...resourceDemands(stack, cluster, resolver), ...chartDemands(stack, cluster, resolver)];
  });
}
