/**
 * GPU metrics for Prometheus: NVIDIA's DCGM exporter on every NVIDIA GPU node
 * (https://github.com/NVIDIA/dcgm-exporter) and a Service on port {@link DCGM_METRICS_PORT} with
 * the `prometheus.io/scrape` and `prometheus.io/port` annotations, which Prometheus'
 * Kubernetes service discovery (and most agents configured like it) scrapes without further
 * setup. Metrics carry the namespace and pod holding each GPU, read from the kubelet's
 * pod-resources API, so a quota or a cost can be traced to a team.
 *
 * Not on Jetson: DCGM supports data-center GPUs only, not the integrated GPU of a Tegra SoC;
 * a Jetson reports through tegrastats / jetson-stats instead, so GpuPlatform leaves the
 * exporter out for Jetson sites.
 *
 * On EKS the amazon-cloudwatch-observability add-on runs its own DCGM exporter for Container
 * Insights; this one serves the cluster's Prometheus. Both listen on their own pod IPs, so they
 * do not collide.
 *
 * Security context as NVIDIA's example manifest (deployment/examples/dcgm-exporter.yaml), and
 * the two grants beyond the baseline are why:
 * - root: the kubelet's pod-resources socket is writable by root only, and connecting to it is
 *   how the exporter attributes a GPU to a pod;
 * - CAP_SYS_ADMIN: DCGM's profiling metrics (DCGM_FI_PROF_*: SM activity, tensor-core activity,
 *   DRAM bandwidth), the ones that say whether a GPU is doing useful work, need it.
 */
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { PLATFORM_IMAGES, imageReference } from './container-images';
import { KUBELET_POD_RESOURCES_DIR, type ContainerResources } from './container-security';
import { nvidiaNodes, type PlatformTarget } from './node-placement';
import { PlatformDaemonSet, type PlatformDaemonSetProps } from './platform-daemon-set';

/** The port the exporter serves /metrics on (its default). */
export const DCGM_METRICS_PORT = 9400;
/** Name of the DaemonSet and the Service. */
export const DCGM_EXPORTER_NAME = 'dcgm-exporter';

/**
 * Requests and limits: NVIDIA's example requests 100m / 128Mi; the memory limit is twice its
 * 256Mi because an 8-GPU node with profiling metrics on keeps more series in memory.
 */
export const DCGM_RESOURCES: ContainerResources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '512Mi' },
};

/** Props of {@link DcgmExporter}. */
export interface DcgmExporterProps {
  /** Namespace of the DaemonSet and the Service. */
  readonly namespace: string;
  /** Where the cluster is; decides the node labels the exporter selects. */
  readonly target: PlatformTarget;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: PlatformDaemonSetProps['dependsOn'];
}

/** The DCGM exporter DaemonSet and its scrape Service. */
export class DcgmExporter extends Construct {
  /** The DaemonSet and its pod labels. */
  readonly agent: PlatformDaemonSet;
  /** The Service Prometheus scrapes. */
  readonly service: ServiceV1;

  constructor(scope: Construct, id: string, props: DcgmExporterProps) {
    super(scope, id);
    this.agent = new PlatformDaemonSet(this, 'agent', {
      namespace: props.namespace,
      name: DCGM_EXPORTER_NAME,
      image: imageReference(PLATFORM_IMAGES.dcgmExporter),
      placement: nvidiaNodes(props.target),
      resources: DCGM_RESOURCES,
      privileges: {
        root: { value: true, reason: 'connects to the kubelet pod-resources socket, writable by root only, to attribute GPUs to pods' },
        capabilities: { value: ['SYS_ADMIN'], reason: 'DCGM profiling metrics (DCGM_FI_PROF_*) need CAP_SYS_ADMIN' },
      },
      env: [
        { name: 'DCGM_EXPORTER_LISTEN', value: `:${DCGM_METRICS_PORT}` },
        { name: 'DCGM_EXPORTER_KUBERNETES', value: 'true' },
        { name: 'NODE_NAME', fieldPath: 'spec.nodeName' },
        // The exporter requests no nvidia.com/gpu (it must see every GPU without taking one);
        // the NVIDIA runtime exposes all GPUs to a container that sets this.
        { name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' },
      ],
      ports: { metrics: DCGM_METRICS_PORT },
      hostMounts: [
        {
          name: 'pod-resources',
          path: KUBELET_POD_RESOURCES_DIR,
          type: 'Directory',
          readOnly: true,
          reason: "the kubelet's pod-resources API: which pod holds which GPU",
        },
      ],
      dependsOn: props.dependsOn,
    });
    this.service = new ServiceV1(this, 'service', {
      metadata: {
        name: DCGM_EXPORTER_NAME,
        namespace: props.namespace,
        labels: { ...this.agent.podLabels },
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(DCGM_METRICS_PORT), 'prometheus.io/path': '/metrics' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { 'app.kubernetes.io/name': DCGM_EXPORTER_NAME },
        port: [{ name: 'metrics', port: DCGM_METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' }],
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
