/**
 * The inference workload of one edge site: a Deployment of the inference server with one
 * replica per node, scheduled onto the site's hardware (Jetson: arm64 nodes and the `nvidia`
 * runtime class; x86 with L4: one `nvidia.com/gpu` each; CPU sites: no GPU), readiness and
 * liveness probes, requests and limits, a PodDisruptionBudget, a Service, and a ConfigMap with
 * where the site's models live and the latency budget it must keep.
 *
 * Credentials: the IAM Roles Anywhere credential helper runs beside the server
 * (./credential-helper) and answers the SDK's instance-metadata calls on loopback; the
 * ConfigMap points Triton's S3 client at it. Placement and updates follow ./inference-rollout:
 * GPU sites keep one pod per node and update one pod at a time without a surge pod
 * (maxSurge 0, maxUnavailable 1), so an update never waits for a GPU that does not exist.
 */
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { EDGE_HARDWARE_SPECS, type EdgeHardware } from '../../catalog/edge-hardware';
import { credentialHelperContainer, deviceCertificateVolume, sdkEnvironment, CREDENTIAL_HELPER_UID, type CredentialHelperProps } from './credential-helper';
import { inferenceShape, updateDeadlock, updateStrategyFor } from './inference-rollout';
import { TRITON_PORTS, tritonImage } from './inference-server';

/** Requests and limits of the server container: room for a model's runtime next to the GPU work. */
export const SERVER_RESOURCES = { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } } as const;
/** The non-root user of the Triton image (`triton-server`). */
const TRITON_UID = 1000;
/** The Deployment's name, which `tracklayer rollout` checks with `kubectl rollout status`. */
export const EDGE_INFERENCE_DEPLOYMENT = 'edge-inference';
/** Pods a voluntary disruption (a node drain) may take at once: one, so drains proceed and the site keeps the rest. */
export const EDGE_DISRUPTION_BUDGET = 1;
/** The node label one-pod-per-node placement spreads over. */
const HOSTNAME_TOPOLOGY = 'kubernetes.io/hostname';

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
  /** The Roles Anywhere trust anchor, profile and role the credential helper presents the site's certificate to. */
  readonly credentials: CredentialHelperProps;
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
    const name = EDGE_INFERENCE_DEPLOYMENT;
    const labels = { 'app.kubernetes.io/name': name, 'tracklayer.dev/site': props.site };
    const metadata = { name, namespace: props.namespace, labels };
    const config = new ConfigMapV1(this, 'config', {
      metadata: { ...metadata, name: `${name}-config` },
      data: {
        MODEL_REPOSITORY: props.modelRepository,
        LATENCY_BUDGET_MS: String(props.latencyBudgetMs),
        ...sdkEnvironment(props.region),
      },
    });
    const spec = EDGE_HARDWARE_SPECS[props.hardware];
    const shape = inferenceShape(props.hardware, props.replicas); // one replica per node
    const strategy = updateStrategyFor(shape);
    const deadlock = updateDeadlock(shape, strategy);
    if (deadlock) throw new Error(`${this.node.path}: the inference Deployment cannot update: ${deadlock}`);
    const gpuLimit: Record<string, string> = shape.gpusPerPod > 0 && spec.deviceResource ? { [spec.deviceResource]: String(shape.gpusPerPod) } : {};
    const probe = (path: string, initialDelaySeconds: number) => ({ httpGet: { path, port: String(TRITON_PORTS.http) }, initialDelaySeconds, periodSeconds: 10, failureThreshold: 3 });
    const sameApp = { labelSelector: [{ matchLabels: labels }], topologyKey: HOSTNAME_TOPOLOGY };
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      // Readiness depends on what Terraform does not own: the site's certificate Secret (made on
      // the site once the namespace exists) and the models in S3. `tracklayer rollout` gates on
      // `kubectl rollout status` after the deploy instead of holding the apply open.
      waitForRollout: false,
      spec: {
        replicas: String(props.replicas),
        selector: { matchLabels: labels },
        strategy: strategy.type === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: String(strategy.maxSurge), maxUnavailable: String(strategy.maxUnavailable) } },
        template: {
          // `kubectl logs` and `exec` without -c go to the server, not the helper listed first.
          metadata: { labels, annotations: { 'kubectl.kubernetes.io/default-container': 'server' } },
          spec: {
            nodeSelector: { 'kubernetes.io/arch': spec.architecture === 'arm64' ? 'arm64' : 'amd64' },
            ...(spec.runtimeClass ? { runtimeClassName: spec.runtimeClass } : {}),
            // One server per node where the hardware holds one (./inference-rollout); elsewhere spread when possible.
            ...(shape.onePerNode
              ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [sameApp] } } }
              : { topologySpreadConstraint: [{ maxSkew: 1, topologyKey: HOSTNAME_TOPOLOGY, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: [{ matchLabels: labels }] }] }),
            // fsGroup gives the credential helper's group read access to the certificate Secret (mode 0440).
            securityContext: { runAsNonRoot: true, runAsUser: String(TRITON_UID), fsGroup: String(CREDENTIAL_HELPER_UID), seccompProfile: { type: 'RuntimeDefault' } },
            // The helper first: the kubelet starts containers in this order, so it is serving
            // credentials by the time Triton reads its model repository. Should Triton still
            // ask first, it fails its start (exit-on-error) and the kubelet restarts it.
            container: [
              credentialHelperContainer(props.credentials),
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
            volume: [deviceCertificateVolume()],
          },
        },
      },
    });
    new PodDisruptionBudgetV1(this, 'disruption-budget', {
      metadata,
      // One replica at a time may go: a drain proceeds (a budget that allows none blocks every drain) and the site keeps the rest.
      spec: { maxUnavailable: String(EDGE_DISRUPTION_BUDGET), selector: { matchLabels: labels } },
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
