/**
 * Kueue, the Kubernetes job queueing controller (kubernetes-sigs/kueue), from its upstream Helm
 * chart: it admits a job (creates its pods) only when the team's quota, or idle quota it may
 * borrow, covers the whole job, and preempts by priority to give quota back. The chart installs
 * Kueue's CRDs (they are templates of the chart, so upgrades update them); the queues
 * themselves are custom resources and live in the gpu-queues stack, applied after this one
 * (./kueue-queues.ts, README "Queues").
 *
 * Configuration (the Kueue `Configuration` the chart mounts), and where it differs from the
 * chart's `managerConfig.controllerManagerConfigYaml` (charts/kueue/values.yaml at v0.19.2):
 * - the upstream defaults (health, metrics, webhook, leader election, concurrency, client QPS,
 *   integrations) are kept as they are;
 * - `manageJobsWithoutQueueName: true` with `managedJobsNamespaceSelector` = the team
 *   namespaces: every job (and bare pod) in a team namespace goes through Kueue, with or without
 *   the `kueue.x-k8s.io/queue-name` label; a job without it gets the namespace's LocalQueue named
 *   `default` (LocalQueueDefaulting, stable since v0.17). No GPU in a team namespace is used
 *   outside Kueue's accounting. Other namespaces (inference, gpu-system, kube-system) are not
 *   touched.
 * - `waitForPodsReady`: all-or-nothing at admission time (see WAIT_FOR_PODS_READY). Kueue
 *   counts a workload ready when all its pods run; if that has not happened within the timeout
 *   the workload is evicted (its pods deleted, quota released) and requeued with exponential
 *   backoff; after REQUEUE_LIMIT evictions it is deactivated rather than cycling nodes forever.
 *   The same timeout applies to recovery: a running job that loses a pod (a spot reclaim, a
 *   node failure) and cannot replace it in time is evicted and requeued whole.
 *
 * What this is not: admission makes quota atomic, not capacity. Kueue admits a 64-GPU job when
 * 64 GPUs of quota are free; the nodes still have to come (Cluster Autoscaler), and if they do
 * not all come in time the job is evicted and retried. The Cluster Autoscaler's
 * ProvisioningRequest check (`best-effort-atomic-scale-up`) would delay admission until one
 * scale-up request covering the whole job succeeded, but on AWS `AtomicIncreaseSize` is not
 * implemented (cloudprovider/aws/aws_cloud_provider.go: "AtomicIncreaseSize is not implemented"),
 * so it is one SetDesiredCapacity call that may still be filled partially, the same thing the
 * autoscaler already does for a gang of pending pods; and the ProvisioningRequest CRD is not
 * part of the autoscaler's chart. README "Gang scheduling" says so.
 *
 * Image: the chart in git points at the staging registry with `pullPolicy: Always` and is
 * rewritten to the release registry when it is packaged; tracklayer names the release image and
 * tag itself so what runs is what was reviewed.
 */
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { MAX_NODE_PROVISION_MINUTES } from '../autoscaling/cluster-autoscaler';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamChart } from '../helm/upstream-chart';

/** The upstream chart, pinned (published to registry.k8s.io as an OCI chart). */
export const KUEUE_CHART: UpstreamChart = {
  repository: 'oci://registry.k8s.io/kueue/charts',
  chart: 'kueue',
  version: '0.19.2',
  source: 'https://github.com/kubernetes-sigs/kueue/tree/v0.19.2/charts/kueue (values.yaml)',
};

/** The controller image of that release. */
export const KUEUE_IMAGE = { repository: 'registry.k8s.io/kueue/kueue', tag: 'v0.19.2', pullPolicy: 'IfNotPresent' } as const;

/** Kueue's namespace (a name teams may not take; needs/training-checks.ts RESERVED_NAMESPACES). */
export const KUEUE_NAMESPACE = 'kueue-system';

/** The label every team namespace carries (value: the team); Kueue manages every job in a namespace that has it. */
export const TEAM_NAMESPACE_LABEL = 'tracklayer.dev/team';

/**
 * Minutes to pull and unpack a training image on a new node: 10. Training images are 10 to 30 GB
 * (CUDA, PyTorch, NCCL, EFA libraries); the root volume writes at 250 MiB/s (node-launch-template.ts),
 * so 30 GB lands in about 2 minutes and unpacks in a few more, with room for a slow registry.
 */
export const IMAGE_PULL_MINUTES = 10;

/**
 * waitForPodsReady timeout: 30 minutes = the longest the Cluster Autoscaler waits for a GPU node
 * to register (MAX_NODE_PROVISION_MINUTES, 20) + pulling the training image on it
 * (IMAGE_PULL_MINUTES, 10). A job whose nodes come up from zero is therefore never evicted while
 * its nodes are still legitimately on the way; one that cannot get them is evicted and retried.
 * (It is also Kueue's documented default.)
 */
export const WAIT_FOR_PODS_READY_MINUTES = MAX_NODE_PROVISION_MINUTES + IMAGE_PULL_MINUTES;

/** Evictions for not getting ready before a workload is deactivated (`spec.active: false`); with 60 s base backoff doubling to an hour, about 6 hours of retries. */
export const REQUEUE_LIMIT = 10;

/** Props of {@link Kueue}. */
export interface KueueProps {
  /** Node labels of the nodes the controller runs on (the system group). */
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** The Kueue release. */
export class Kueue extends Construct {
  /** The Helm release (its CRDs come with it). */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: KueueProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: KUEUE_CHART,
      releaseName: 'kueue',
      namespace: KUEUE_NAMESPACE,
      createNamespace: true,
      // Reviewed at v0.19.2 (charts/kueue/values.yaml): hostNetwork false, runAsNonRoot,
      // read-only root filesystem, no privilege escalation, every capability dropped.
      hostAccess: {},
      values: kueueValues(props),
    });
  }
}

/** The Kueue `Configuration` (config.kueue.x-k8s.io/v1beta2): upstream's, plus the three settings above. */
export function kueueConfiguration(): Record<string, unknown> {
  return {
    apiVersion: 'config.kueue.x-k8s.io/v1beta2',
    kind: 'Configuration',
    // Upstream defaults, unchanged.
    health: { healthProbeBindAddress: ':8081' },
    metrics: { bindAddress: ':8443' },
    webhook: { port: 9443 },
    leaderElection: { leaderElect: true, resourceName: 'c1f6bfd2.kueue.x-k8s.io' },
    controller: {
      groupKindConcurrency: {
        'Job.batch': 5,
        Pod: 5,
        'Workload.kueue.x-k8s.io': 10,
        'LocalQueue.kueue.x-k8s.io': 5,
        'ClusterQueue.kueue.x-k8s.io': 5,
        'ResourceFlavor.kueue.x-k8s.io': 1,
      },
    },
    clientConnection: { qps: 300, burst: 500 },
    integrations: {
      frameworks: [
        'batch/job',
        'kubeflow.org/mpijob',
        'ray.io/rayjob',
        'ray.io/rayservice',
        'ray.io/raycluster',
        'jobset.x-k8s.io/jobset',
        'workload.codeflare.dev/appwrapper',
        'trainer.kubeflow.org/trainjob',
        'pod',
        'deployment',
        'statefulset',
        'leaderworkerset.x-k8s.io/leaderworkerset',
      ],
    },
    // tracklayer's settings.
    manageJobsWithoutQueueName: true,
    managedJobsNamespaceSelector: { matchExpressions: [{ key: TEAM_NAMESPACE_LABEL, operator: 'Exists' }] },
    waitForPodsReady: {
      timeout: `${WAIT_FOR_PODS_READY_MINUTES}m`,
      recoveryTimeout: `${WAIT_FOR_PODS_READY_MINUTES}m`,
      blockAdmission: false,
      requeuingStrategy: { timestamp: 'Eviction', backoffLimitCount: REQUEUE_LIMIT, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 },
    },
  };
}

/** The chart values. */
export function kueueValues(props: KueueProps): Record<string, unknown> {
  return {
    controllerManager: {
      // Two replicas: Kueue's webhooks gate every pod of a team namespace, so one restarting replica must not stop them.
      replicas: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      nodeSelector: { ...props.nodeSelector },
      manager: { image: { ...KUEUE_IMAGE }, priorityClassName: 'system-cluster-critical' },
    },
    managerConfig: { controllerManagerConfigYaml: stringify(kueueConfiguration(), { lineWidth: 0 }) },
  };
}
