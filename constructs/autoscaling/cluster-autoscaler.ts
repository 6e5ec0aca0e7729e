/**
 * The Kubernetes Cluster Autoscaler on an EKS cluster, from its upstream Helm chart: it adds
 * nodes to a managed node group when pods are pending that a node of that group would admit,
 * and removes nodes whose pods fit elsewhere (down to the group's minimum, 0 for bursty and
 * scheduled training).
 *
 * Why the Cluster Autoscaler and not Karpenter: README.md, "Autoscaling". In short, tracklayer's
 * capacity is EKS managed node groups with launch templates it verifies offline (EFA interfaces
 * per network card, a cluster placement group, Capacity Block and reservation targeting), and
 * the Cluster Autoscaler scales exactly those groups; spot interruptions are handled by the
 * managed node groups themselves (Capacity Rebalancing, drain on a rebalance recommendation or
 * the two-minute notice), and Capacity Blocks are scaled down by EKS before they end.
 *
 * Runtime path (who does what):
 * 1. A pod is pending (Kueue admitted its job, or a Deployment scaled): the autoscaler's loop
 *    (every 10 s) simulates scheduling it on a template node of each discovered group: a
 *    real node of the group, or, at zero, one built from the instance type (vCPU, memory, GPUs),
 *    the group's labels and taints (EKS DescribeNodegroup) and the ASG's
 *    `k8s.io/cluster-autoscaler/node-template/...` tags (extended resources such as
 *    `vpc.amazonaws.com/efa`; ./node-template-tags.ts).
 * 2. It raises the group's desired size (SetDesiredCapacity, allowed only on this cluster's
 *    groups by ./cluster-autoscaler-permissions.ts); the ASG launches the instances from the
 *    group's launch template; the node joins; the device plugins advertise GPUs and EFA.
 * 3. A node that joins no later than `max-node-provision-time` counts; otherwise the autoscaler
 *    gives the size back and backs off the group.
 * 4. Scale-down: a node whose requested share is under the utilization threshold (GPU nodes:
 *    GPUs requested, not GPUs busy) for `scale-down-unneeded-time`, and whose pods can move or
 *    are gone, is drained and terminated; a group never goes under its minimum.
 *
 * Differences from the chart's defaults (kubernetes/autoscaler, charts/cluster-autoscaler/values.yaml
 * at cluster-autoscaler-chart-9.59.0), and why:
 * - `autoDiscovery.clusterName`: discover the groups by the tags EKS puts on them.
 * - `awsRegion`: the region comes from here, not from IMDS, which pods cannot reach (hop limit 1).
 * - `rbac.serviceAccount.name` fixed, so the pod identity association can name it.
 * - `image.tag` v1.35.2: the latest patch of the autoscaler minor that matches the cluster's
 *   Kubernetes minor (1.35; kubernetes-version.ts); the chart ships v1.35.0.
 * - `nodeSelector` on the system group: the autoscaler must not run on nodes it may remove.
 * - requests and limits, non-root, read-only root filesystem, no capabilities (the chart sets
 *   none; the image is distroless `nonroot`, uid 65532).
 * - `extraArgs`: the flags in CLUSTER_AUTOSCALER_FLAGS, each with its reason.
 */
import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamChart } from '../helm/upstream-chart';

/** The upstream chart, pinned. */
export const CLUSTER_AUTOSCALER_CHART: UpstreamChart = {
  repository: 'https://kubernetes.github.io/autoscaler',
  chart: 'cluster-autoscaler',
  version: '9.59.0',
  source: 'https://github.com/kubernetes/autoscaler/tree/cluster-autoscaler-chart-9.59.0/charts/cluster-autoscaler (values.yaml)',
};

/** The autoscaler image: the minor matches the cluster's Kubernetes minor (1.35). */
export const CLUSTER_AUTOSCALER_IMAGE = { repository: 'registry.k8s.io/autoscaling/cluster-autoscaler', tag: 'v1.35.2' } as const;

/** Where it runs: kube-system, like the other cluster controllers. */
export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
/** Its service account, bound to its IAM role by a pod identity association. */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

/**
 * Longest wait for a requested node to register before the autoscaler gives the capacity back:
 * 20 minutes, not the default 15. A p5 or p4d node boots the NVIDIA AMI, loads the driver and
 * brings up 32 (p5) EFA interfaces before kubelet registers; Capacity Block and spot launches
 * can also retry insufficient capacity for minutes. Kueue's waitForPodsReady timeout
 * (../queueing/kueue.ts) builds on this figure.
 */
export const MAX_NODE_PROVISION_MINUTES = 20;
/** How long a node must be unneeded before it is removed (the default, stated). */
export const SCALE_DOWN_UNNEEDED_MINUTES = 10;

/** The flags tracklayer sets, each with the reason; the chart renders each as `--<flag>=<value>`. */
export const CLUSTER_AUTOSCALER_FLAGS: Readonly<Record<string, string | number | boolean>> = {
  // Among groups that fit a pod, grow the one that wastes the least CPU and memory.
  expander: 'least-waste',
  // Training pods use emptyDir (shared memory, scratch); with the default (true) a node holding one is never removed.
  'skip-nodes-with-local-storage': false,
  'max-node-provision-time': `${MAX_NODE_PROVISION_MINUTES}m`,
  'scale-down-unneeded-time': `${SCALE_DOWN_UNNEEDED_MINUTES}m`,
  // Groups in different zones (one per reservation) must not be balanced: a job's nodes belong in one group.
  'balance-similar-node-groups': false,
};

/** Requests and limits of the autoscaler: a controller with a cache of the cluster's pods and nodes. */
export const CLUSTER_AUTOSCALER_RESOURCES = { requests: { cpu: '100m', memory: '600Mi' }, limits: { memory: '600Mi' } } as const;

/** The distroless `nonroot` user of the image. */
const NONROOT_UID = 65532;

/** Props of {@link ClusterAutoscaler}. */
export interface ClusterAutoscalerProps {
  /** The EKS cluster whose managed node groups it scales. */
  readonly clusterName: string;
  /** The cluster's region. */
  readonly region: string;
  /** Node labels of the nodes it runs on (the system group). */
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** The Cluster Autoscaler release. */
export class ClusterAutoscaler extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: CLUSTER_AUTOSCALER_CHART,
      releaseName: 'cluster-autoscaler',
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      // Reviewed: with the values below the pod is non-root, read-only, without capabilities or host access.
      hostAccess: {},
      values: clusterAutoscalerValues(props),
    });
  }
}

/** The chart values (see the file comment for each difference from upstream). */
export function clusterAutoscalerValues(props: ClusterAutoscalerProps): Record<string, unknown> {
  return {
    cloudProvider: 'aws',
    awsRegion: props.region,
    autoDiscovery: { clusterName: props.clusterName },
    image: { ...CLUSTER_AUTOSCALER_IMAGE },
    rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
    nodeSelector: { ...props.nodeSelector },
    resources: { requests: { ...CLUSTER_AUTOSCALER_RESOURCES.requests }, limits: { ...CLUSTER_AUTOSCALER_RESOURCES.limits } },
    securityContext: { runAsNonRoot: true, runAsUser: NONROOT_UID, runAsGroup: NONROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    extraArgs: { ...CLUSTER_AUTOSCALER_FLAGS },
  };
}
