/**
 * The AWS Neuron device plugin from the aws-neuron chart (./platform-charts `neuron`):
 * advertises the Trainium chips of a node as `aws.amazon.com/neuron` (and their NeuronCores as
 * `aws.amazon.com/neuroncore`), so training pods on trn1/trn2 nodes can request them
 * (https://awsdocs-neuron.readthedocs-hosted.com/en/latest/containers/kubernetes-getting-started.html).
 * Runs only on the Trainium nodes of an EKS cluster ({@link neuronNodes}); the Neuron driver
 * comes from the EKS AL2023 Neuron AMI. The chart brings the plugin's service account and the
 * cluster role it needs (it reads nodes and patches pods with the cores it allocated).
 *
 * Values that differ from the chart's values.yaml, and why:
 * - `devicePlugin.namespaceOverride: gpu-system` (upstream: kube-system): the node agents live
 *   in the namespace tracklayer manages (Pod Security, labels).
 * - `devicePlugin.affinity`, `devicePlugin.tolerations`: tracklayer's placement instead of the
 *   chart's instance-type list (which lags new Trainium types) and its SageMaker toleration.
 * - `devicePlugin.resources`: {@link DEVICE_PLUGIN_RESOURCES} (upstream: none).
 * - `npd.enabled: false` (upstream: true): the Neuron node problem detector runs privileged in
 *   a namespace of its own reading /dev/kmsg; it is not needed to schedule Neuron work, and
 *   tracklayer does not install it unasked. The scheduler extension and the DRA driver stay off,
 *   as upstream.
 *
 * Host access (the chart at 1.9.0): `allowPrivilegeEscalation: false`, every capability dropped
 * (templates/_helpers.tpl `neuron-device-plugin.securityContext`); the kubelet device-plugin
 * directory, all of /run, and /opt/aws read-only. /run as a directory is on purpose: the plugin
 * reads /run/infa-map.json, which the Neuron driver writes at boot and which may not exist yet
 * when the pod starts; a `type: File` mount of that file fails the pod in that case
 * (aws/aws-cdk#29262), so the first build's narrowed mount is gone.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamHostAccess } from '../helm/host-access';
import {
  DEVICE_PLUGIN_RESOURCES,
  NODE_AGENT_RELEASE,
  affinityValues,
  tolerationValues,
  type AffinityValues,
  type ResourceValues,
  type TolerationValues,
} from './node-agent-values';
import { neuronNodes } from './node-placement';
import { PLATFORM_CHARTS } from './platform-charts';

/** Name of the release. */
export const NEURON_RELEASE_NAME = 'neuron-device-plugin';

/** The values tracklayer sets, by their key in the chart's values.yaml. */
export interface NeuronChartValues {
  readonly devicePlugin: {
    readonly namespaceOverride: string;
    readonly affinity: AffinityValues;
    readonly tolerations: readonly TolerationValues[];
    readonly resources: ResourceValues;
  };
  readonly npd: { readonly enabled: false };
}

/** What the plugin's pods get on the node (the chart's defaults at the pinned version). */
export const NEURON_DEVICE_PLUGIN_HOST_ACCESS: UpstreamHostAccess = {
  root: 'the plugin creates its socket in the kubelet device-plugins directory, which only root may write',
  hostPaths: {
    '/var/lib/kubelet/device-plugins': 'registers with the kubelet and serves its gRPC socket there',
    '/run': 'reads /run/infa-map.json, written by the Neuron driver at boot, possibly after the pod starts (aws/aws-cdk#29262)',
    '/opt/aws': 'the Neuron tools and configuration of the Neuron AMI (read-only)',
  },
};

/** The values for the plugin in `namespace`. */
export function neuronChartValues(namespace: string): NeuronChartValues {
  const placement = neuronNodes();
  return {
    devicePlugin: { namespaceOverride: namespace, affinity: affinityValues(placement), tolerations: tolerationValues(placement), resources: DEVICE_PLUGIN_RESOURCES },
    npd: { enabled: false },
  };
}

/** Props of {@link NeuronDevicePlugin}. */
export interface NeuronDevicePluginProps {
  /** Namespace of the release and of the plugin's DaemonSet. */
  readonly namespace: string;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The Neuron device plugin release. */
export class NeuronDevicePlugin extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: NeuronDevicePluginProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: PLATFORM_CHARTS.neuron,
      releaseName: NEURON_RELEASE_NAME,
      namespace: props.namespace,
      values: { ...neuronChartValues(props.namespace) },
      hostAccess: NEURON_DEVICE_PLUGIN_HOST_ACCESS,
      ...NODE_AGENT_RELEASE,
      dependsOn: props.dependsOn,
    });
  }
}
