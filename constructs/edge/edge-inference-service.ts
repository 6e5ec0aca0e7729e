/**
 * The inference workload of one edge site: a Deployment of the inference server with one
 * replica per node, scheduled onto the site's hardware (Jetson: arm64 nodes and the `nvidia`
 * runtime class; x86 with L4: one `nvidia.com/gpu` each; CPU sites: no GPU), readiness and
 * liveness probes, requests and limits, a PodDisruptionBudget, a Service, and a ConfigMap with
 * where the site's models live and the latency budget it must keep.
 */
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { EDGE_HARDWARE_SPECS, type EdgeHardware } from '../../catalog/edge-hardware';
import { TRITON_PORTS, tritonImage } from './inference-server';

/** Requests and limits of the server container: room for a model's runtime next to the GPU work. */
export const SERVER_RESOURCES = { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } } as const;
/** The non-root user of the Triton image (`triton-server`). */
const TRITON_UID = 1000;

/** Props of {@link EdgeInferenceService}. */
export interface EdgeInferenceServiceProps {
  /** The site name. */
  readonly site: string;
  /** The site's hardware. */
  readonly hardware: EdgeHardware;
  /** Replicas: one per node. */
  readonly replicas: number;
  /** Namespace to run in (created by the GPU platform). */
  readonly namespace: string;
  /** `s3://<models bucket>/sites/<site>/`: the site's model repository. */
  readonly modelRepository: string;
  /** The region of the models bucket. */
  readonly region: string;
  /** The p99 latency budget in milliseconds (NEEDS-v1 `inference.latencyMs`). */
  readonly latencyBudgetMs: number;
  /** The IoT role alias devices trade their certificate at for model credentials. */
  readonly roleAlias: string;
}

/** Deployment, PodDisruptionBudget, Service and ConfigMap of an edge site. */
export class EdgeInferenceService extends Construct {
  /** The Deployment. */
  readonly deployment: DeploymentV1;

  constructor(scope: Construct, id: string, props: EdgeInferenceServiceProps) {
    super(scope, id);
    if (!Number.isInteger(props.replicas) || props.replicas < 1) {
      throw new Error(`${this.node.path}: replicas must be a whole number of at least 1 (one per node), got ${props.replicas}`);
    }
    const name = 'edge-inference';
    const labels = { 'app.kubernetes.io/name': name, 'tracklayer.dev/site': props.site };
    const metadata = { name, namespace: props.namespace, labels };
    const config = new ConfigMapV1(this, 'config', {
      metadata: { ...metadata, name: `${name}-config` },
      data: {
        MODEL_REPOSITORY: props.modelRepository,
        AWS_REGION: props.region,
        IOT_ROLE_ALIAS: props.roleAlias,
        LATENCY_BUDGET_MS: String(props.latencyBudgetMs),
      },
    });
    const spec = EDGE_HARDWARE_SPECS[props.hardware];
    // Jetson shares its integrated GPU through the nvidia runtime class; x86 L4 sites claim one GPU each.
    const gpuLimit: Record<string, string> = spec.deviceResource && props.hardware !== 'jetson-orin' ? { [spec.deviceResource]: '1' } : {};
    const probe = (path: string, initialDelaySeconds: number) => ({ httpGet: { path, port: String(TRITON_PORTS.http) }, initialDelaySeconds, periodSeconds: 10, failureThreshold: 3 });
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      spec: {
        replicas: String(props.replicas),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { 'kubernetes.io/arch': spec.architecture === 'arm64' ? 'arm64' : 'amd64' },
            ...(spec.runtimeClass ? { runtimeClassName: spec.runtimeClass } : {}),
            securityContext: { runAsNonRoot: true, runAsUser: String(TRITON_UID), seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'server',
                image: tritonImage(props.hardware),
                args: ['tritonserver', '--model-repository=$(MODEL_REPOSITORY)', '--strict-readiness=true'],
                envFrom: [{ configMapRef: { name: config.metadata.name } }],
                port: Object.entries(TRITON_PORTS).map(([portName, containerPort]) => ({ name: portName, containerPort })),
                resources: { requests: { ...SERVER_RESOURCES.requests, ...gpuLimit }, limits: { ...SERVER_RESOURCES.limits, ...gpuLimit } },
                readinessProbe: probe('/v2/health/ready', 10),
                livenessProbe: probe('/v2/health/live', 30),
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    });
    new PodDisruptionBudgetV1(this, 'disruption-budget', {
      metadata,
      // One replica at a time may go, so a node drain never takes the whole site down.
      spec: { maxUnavailable: '1', selector: { matchLabels: labels } },
    });
    new ServiceV1(this, 'service', {
      metadata: { ...metadata, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(TRITON_PORTS.metrics) } },
      spec: {
        selector: labels,
        port: Object.entries(TRITON_PORTS).map(([portName, port]) => ({ name: portName, port, targetPort: String(port) })),
      },
    });
  }
}
