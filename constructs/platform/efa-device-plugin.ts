/**
 * The AWS EFA device plugin from the aws/eks-charts chart (./platform-charts
 * `efaDevicePlugin`): advertises the Elastic Fabric Adapters of a node as
 * `vpc.amazonaws.com/efa`, so a multi-node training pod can request them and NCCL (through the
 * aws-ofi-nccl plugin) or Neuron collectives talk over EFA instead of TCP
 * (https://docs.aws.amazon.com/eks/latest/userguide/node-efa.html). Runs only on the nodes the
 * gpu-cluster stack launched with EFA interfaces ({@link efaNodes}).
 *
 * Values that differ from the chart's values.yaml, and why:
 * - `image.repository`: the EKS add-on registry of the cluster's region
 *   ({@link eksAddonRegistry}; upstream: us-west-2's). Nodes pull from their own region over
 *   the ECR VPC endpoints, and opt-in regions have registries in other accounts. The tag stays
 *   the chart's appVersion.
 * - `nodeSelector: tracklayer.dev/efa=true` (upstream: none): on top of the chart's own
 *   instance-type affinity, only nodes that were actually launched with EFA interfaces.
 * - `tolerations`: the accelerator taints of tracklayer's GPU and Trainium nodes (upstream:
 *   none beyond CriticalAddonsOnly, which the template always adds).
 * - `resources`: upstream's requests (10m / 20Mi) plus the limits its values.yaml comment
 *   suggests (100m / 128Mi), since K8S_RESOURCES asks for a memory limit.
 * Kept from upstream: the security context and host network below, priority class
 * system-node-critical.
 *
 * Host access (the chart at v0.5.30): `hostNetwork: true` is hard-coded in
 * templates/daemonset.yaml (no value turns it off); since aws/eks-charts#1245 (chart v0.5.16)
 * the container runs privileged, as root, with allowPrivilegeEscalation true, and mounts
 * /opt/aws/neuron (DirectoryOrCreate) next to /dev/infiniband. That change gives no reason in
 * its commit; the first build ran the plugin unprivileged and without the host network, which
 * upstream has never tested and which may not discover the devices, so tracklayer runs it as
 * AWS ships it and records the grants here.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { EFA_LABEL } from '../compute/accelerator-node-config';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamHostAccess } from '../helm/host-access';
import { eksAddonRegistry } from './eks-addon-registry';
import { NODE_AGENT_RELEASE, tolerationValues, type ResourceValues, type TolerationValues } from './node-agent-values';
import { efaNodes } from './node-placement';
import { PLATFORM_CHARTS } from './platform-charts';

/** The extended resource the EFA device plugin advertises, one per EFA interface. */
export const EFA_RESOURCE = 'vpc.amazonaws.com/efa';
/** The image repository under the regional add-on registry (the chart's, less its us-west-2 host). */
export const EFA_IMAGE_REPOSITORY = 'eks/aws-efa-k8s-device-plugin';
/** Upstream's requests with the limits its values.yaml suggests. */
export const EFA_PLUGIN_RESOURCES: ResourceValues = { requests: { cpu: '10m', memory: '20Mi' }, limits: { cpu: '100m', memory: '128Mi' } };

/** The values tracklayer sets, by their key in the chart's values.yaml. */
export interface EfaDevicePluginValues {
  readonly image: { readonly repository: string };
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly TolerationValues[];
  readonly resources: ResourceValues;
}

/** What the plugin's pods get on the node (the chart's defaults at the pinned version). */
export const EFA_DEVICE_PLUGIN_HOST_ACCESS: UpstreamHostAccess = {
  privileged: 'upstream runs the plugin privileged since aws/eks-charts#1245 to discover the EFA devices and the accelerators beside them',
  privilegeEscalation: 'the chart sets allowPrivilegeEscalation: true alongside privileged (aws/eks-charts#1245)',
  root: 'the plugin creates its socket in the kubelet device-plugins directory, which only root may write',
  hostNamespaces: { hostNetwork: 'hard-coded in the chart template (no value turns it off); the plugin runs in the node network namespace the EFA devices belong to' },
  hostPaths: {
    '/var/lib/kubelet/device-plugins': 'registers with the kubelet and serves its gRPC socket there',
    '/dev/infiniband/': 'the EFA verbs devices it advertises',
    '/opt/aws/neuron/': 'Neuron tools the plugin reads on Trainium nodes (DirectoryOrCreate: created empty elsewhere)',
  },
};

/** The values for a cluster in `region`. */
export function efaDevicePluginValues(region: string): EfaDevicePluginValues {
  return {
    image: { repository: `${eksAddonRegistry(region)}/${EFA_IMAGE_REPOSITORY}` },
    nodeSelector: { [EFA_LABEL]: 'true' },
    tolerations: tolerationValues(efaNodes()),
    resources: EFA_PLUGIN_RESOURCES,
  };
}

/** Props of {@link EfaDevicePlugin}. */
export interface EfaDevicePluginProps {
  /** Namespace of the release. */
  readonly namespace: string;
  /** The cluster's AWS region: picks the regional EKS add-on registry of the image. */
  readonly region: string;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The EFA device plugin release. */
export class EfaDevicePlugin extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: EfaDevicePluginProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: PLATFORM_CHARTS.efaDevicePlugin,
      releaseName: 'aws-efa-k8s-device-plugin',
      namespace: props.namespace,
      values: { ...efaDevicePluginValues(props.region) },
      hostAccess: EFA_DEVICE_PLUGIN_HOST_ACCESS,
      ...NODE_AGENT_RELEASE,
      dependsOn: props.dependsOn,
    });
  }
}
