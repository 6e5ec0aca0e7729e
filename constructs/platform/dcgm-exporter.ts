/**
 * GPU metrics for Prometheus from NVIDIA's dcgm-exporter chart (./platform-charts
 * `dcgmExporter`): one exporter per NVIDIA GPU node and a Service on port
 * {@link DCGM_METRICS_PORT} with the `prometheus.io/*` annotations that Prometheus' Kubernetes
 * service discovery (and agents configured like it) scrape without further setup. Metrics carry
 * the namespace and pod holding each GPU, read from the kubelet's pod-resources API.
 *
 * Exactly one exporter per GPU node: DCGM's profiling metrics take a node-wide lock that two
 * exporters cannot share (NVIDIA/DCGM#56, NVIDIA/dcgm-exporter#7). So this chart runs only
 * where no other exporter runs: on-prem and at x86 edge sites (GpuPlatform), and on the on-prem
 * servers that join EKS as hybrid nodes (./hybrid-nodes-platform), which the add-on's exporter
 * never selects (../compute/cluster-addons `CLOUDWATCH_DCGM_EXPORTER_NODE_LABEL`). On EKS's own
 * GPU nodes the amazon-cloudwatch-observability add-on already runs one (its chart's
 * `dcgmExporter.enabled` defaults to true; ../compute/cluster-addons), and it feeds Container
 * Insights, which the GPU-idle alarm reads. Not on Jetson either: DCGM supports data-center
 * GPUs only, not the integrated GPU of a Tegra SoC.
 *
 * Values that differ from the chart's values.yaml, and why:
 * - `serviceMonitor.enabled: false` (upstream: true): a ServiceMonitor needs the Prometheus
 *   Operator's CRDs, and the install fails on a cluster without them; the annotated Service
 *   works with any Prometheus.
 * - `service.annotations`: the `prometheus.io/*` scrape annotations (upstream: none).
 * - `affinity`, `tolerations`: tracklayer's placement (upstream: no affinity, and a toleration
 *   of the control-plane taint only, so no pod would land on GPU nodes tainted
 *   `nvidia.com/gpu`).
 * Kept from upstream: resources (100m / 128Mi, limits 200m / 512Mi), priority class
 * system-node-critical, the security context below, no host network or PID namespace.
 *
 * Host access (the chart's defaults): root and CAP_SYS_ADMIN, `allowPrivilegeEscalation:
 * false`, every other capability dropped; CAP_SYS_ADMIN is what DCGM's profiling metrics
 * (DCGM_FI_PROF_*: SM and tensor-core activity, the ones that say whether a GPU does useful
 * work) need, and it is also what lets the exporter see every GPU on a node whose toolkit
 * ignores NVIDIA_VISIBLE_DEVICES from unprivileged containers.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamHostAccess } from '../helm/host-access';
import { NODE_AGENT_RELEASE, affinityValues, tolerationValues, type AffinityValues, type TolerationValues } from './node-agent-values';
import { nvidiaNodes, type NodePlacement, type PlatformTarget } from './node-placement';
import { PLATFORM_CHARTS } from './platform-charts';

/** The port the exporter serves /metrics on (the chart's `service.port`). */
export const DCGM_METRICS_PORT = 9400;
/** Name of the release (and so of its DaemonSet and Service). */
export const DCGM_EXPORTER_NAME = 'dcgm-exporter';

/** The values tracklayer sets, by their key in the chart's values.yaml. */
export interface DcgmExporterValues {
  readonly serviceMonitor: { readonly enabled: false };
  readonly service: { readonly annotations: Readonly<Record<string, string>> };
  readonly affinity: AffinityValues;
  readonly tolerations: readonly TolerationValues[];
}

/** What the exporter's pods get on the node (the chart's defaults at the pinned version). */
export const DCGM_EXPORTER_HOST_ACCESS: UpstreamHostAccess = {
  capabilities: { SYS_ADMIN: 'DCGM profiling metrics (DCGM_FI_PROF_*) need it; it also lets the exporter see every GPU of the node' },
  root: "connects to the kubelet's pod-resources socket, writable by root only, to attribute GPUs to pods",
  hostPaths: { '/var/lib/kubelet/pod-resources': "the kubelet's pod-resources API: which pod holds which GPU (read-only)" },
};

/** The values for `target`, on the NVIDIA nodes of `placement` (default: all of the target's). */
export function dcgmExporterValues(target: PlatformTarget, placement: NodePlacement = nvidiaNodes(target)): DcgmExporterValues {
  return {
    serviceMonitor: { enabled: false },
    service: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(DCGM_METRICS_PORT), 'prometheus.io/path': '/metrics' } },
    affinity: affinityValues(placement),
    tolerations: tolerationValues(placement),
  };
}

/** Props of {@link DcgmExporter}. */
export interface DcgmExporterProps {
  /** Namespace of the release. */
  readonly namespace: string;
  /** Where the cluster is; decides the node labels the exporter selects. */
  readonly target: PlatformTarget;
  /**
   * The nodes to run on, when only some of the target's NVIDIA nodes lack an exporter (on EKS,
   * the hybrid nodes: ./node-placement `hybridNvidiaNodes`).
   * @default - every NVIDIA node of the target (./node-placement `nvidiaNodes`)
   */
  readonly placement?: NodePlacement;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The DCGM exporter release. */
export class DcgmExporter extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: DcgmExporterProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: PLATFORM_CHARTS.dcgmExporter,
      releaseName: DCGM_EXPORTER_NAME,
      namespace: props.namespace,
      values: { ...dcgmExporterValues(props.target, props.placement) },
      hostAccess: DCGM_EXPORTER_HOST_ACCESS,
      ...NODE_AGENT_RELEASE,
      dependsOn: props.dependsOn,
    });
  }
}
