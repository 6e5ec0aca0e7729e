/**
 * The RDMA shared device plugin for on-prem clusters whose GPU nodes talk over InfiniBand or
 * RoCE (https://github.com/Mellanox/k8s-rdma-shared-dev-plugin): it advertises the node's
 * Mellanox/NVIDIA ConnectX HCAs as one shared resource, {@link RDMA_RESOURCE}, and gives a pod
 * that requests it the RDMA device nodes (/dev/infiniband/uverbs*, rdma_cm), so NCCL can use
 * GPUDirect RDMA between nodes. "Shared": every pod that asks gets all HCAs of the node, up to
 * {@link RDMA_PODS_PER_NODE} pods; training pods take whole nodes anyway.
 *
 * Why a typed DaemonSet and not a chart: upstream publishes no Helm chart for this plugin, only
 * kustomize manifests (deployment/k8s/base/{daemonset,configmap}.yaml at tag v1.5.3). The other
 * upstream route, the NVIDIA Network Operator chart, installs an operator, Node Feature
 * Discovery and CRDs, and deploys the plugin only from a NicClusterPolicy custom resource; a
 * custom resource cannot be planned before its CRD exists in the cluster, so that route needs
 * two applies, and it installs cluster-wide components into an on-prem cluster tracklayer does
 * not own. So this file is the upstream manifest, kept as close to it as the Terraform provider
 * allows, and README "Cluster components" says so.
 *
 * Where it differs from upstream v1.5.3, and why:
 * - namespace gpu-system (upstream: kube-system) and tracklayer's node placement (required
 *   affinity on `nvidia.com/gpu.present=true`, toleration of `nvidia.com/gpu`); upstream selects
 *   every node.
 * - the ConfigMap selects HCAs by PCI vendor and driver (upstream's example lists interface names
 *   ib0/ib1, which differ per site); {@link RDMA_PODS_PER_NODE} instead of 1000.
 * - requests and limits (upstream: none), as K8S_RESOURCES asks.
 * - a pinned image tag (upstream: untagged, i.e. latest).
 * Kept from upstream, with the exception annotations the guardrails read: `hostNetwork: true`
 * (the plugin finds HCAs through their network interfaces, which live in the host's network
 * namespace), `privileged: true` with all of /dev mounted (it hands the RDMA device nodes to
 * pods and must see new ones appear), and the kubelet's plugins_registry directory. The first
 * build ran it unprivileged without the host network, a mode upstream does not test and in
 * which device discovery by interface may fail.
 */
import { createHash } from 'node:crypto';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DEVICE_PLUGIN_RESOURCES, NODE_AGENT_PRIORITY_CLASS } from './node-agent-values';
import { rdmaNodes } from './node-placement';

/** The image, pinned: the latest release tag of Mellanox/k8s-rdma-shared-dev-plugin (v1.5.3), published to ghcr.io by its release workflow. */
export const RDMA_PLUGIN_IMAGE = 'ghcr.io/mellanox/k8s-rdma-shared-dev-plugin:v1.5.3';
/** Where the manifest comes from. */
export const RDMA_PLUGIN_SOURCE = 'https://github.com/Mellanox/k8s-rdma-shared-dev-plugin/tree/v1.5.3/deployment/k8s/base';
/** Name of the resource pods request, under the plugin's `rdma/` prefix. */
export const RDMA_RESOURCE_NAME = 'rdma_shared_devices';
/** The extended resource pods request: `rdma/rdma_shared_devices: 1`. */
export const RDMA_RESOURCE = `rdma/${RDMA_RESOURCE_NAME}`;
/** Pods per node that may share the HCAs (upstream's example value is 1000; a GPU node runs a handful). */
export const RDMA_PODS_PER_NODE = 64;
/** How often the plugin rescans for devices, in seconds (upstream default). */
export const RDMA_RESCAN_SECONDS = 300;
/** PCI vendor id of Mellanox (NVIDIA networking). */
export const MELLANOX_PCI_VENDOR = '15b3';
/** Name of the DaemonSet, its container and its ConfigMap. */
export const RDMA_PLUGIN_NAME = 'rdma-shared-device-plugin';
/** Where the plugin reads config.json (upstream's mount path). */
const CONFIG_DIR = '/k8s-rdma-shared-dev-plugin';

/** Annotations documenting the upstream privileges the guardrails would otherwise refuse (guardrails/kubernetes-workloads.ts). */
export const RDMA_EXCEPTION_ANNOTATIONS: Readonly<Record<string, string>> = {
  'guardrails.tracklayer.dev/K8S_NO_PRIVILEGED': 'upstream runs the plugin privileged with /dev mounted: it hands the RDMA device nodes to pods and sees new ones appear',
  'guardrails.tracklayer.dev/K8S_NO_HOST_NAMESPACES': 'upstream uses hostNetwork: the plugin finds HCAs through their network interfaces, which live in the host network namespace',
};

/** The plugin's config.json. */
export function rdmaPluginConfig(): string {
  return JSON.stringify(
    {
      periodicUpdateInterval: RDMA_RESCAN_SECONDS,
      configList: [{ resourceName: RDMA_RESOURCE_NAME, rdmaHcaMax: RDMA_PODS_PER_NODE, selectors: { vendors: [MELLANOX_PCI_VENDOR], drivers: ['mlx5_core'] } }],
    },
    null,
    2,
  );
}

/** Props of {@link RdmaSharedDevicePlugin}. */
export interface RdmaSharedDevicePluginProps {
  /** Namespace of the DaemonSet and its ConfigMap. */
  readonly namespace: string;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The RDMA shared device plugin DaemonSet and its ConfigMap. */
export class RdmaSharedDevicePlugin extends Construct {
  /** The DaemonSet. */
  readonly daemonSet: DaemonSetV1;
  /** The plugin configuration. */
  readonly config: ConfigMapV1;

  constructor(scope: Construct, id: string, props: RdmaSharedDevicePluginProps) {
    super(scope, id);
    const labels = { 'app.kubernetes.io/name': RDMA_PLUGIN_NAME, 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' };
    const placement = rdmaNodes();
    this.config = new ConfigMapV1(this, 'config', {
      metadata: { name: RDMA_PLUGIN_NAME, namespace: props.namespace, labels },
      data: { 'config.json': rdmaPluginConfig() },
      dependsOn: props.dependsOn,
    });
    const hostPath = (name: string, path: string) => ({ name, hostPath: { path } });
    this.daemonSet = new DaemonSetV1(this, 'daemon-set', {
      metadata: { name: RDMA_PLUGIN_NAME, namespace: props.namespace, labels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': RDMA_PLUGIN_NAME } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '1' } },
        template: {
          metadata: {
            labels,
            // A changed config takes effect on the next rollout, not silently on the next rescan.
            annotations: { ...RDMA_EXCEPTION_ANNOTATIONS, 'tracklayer.dev/config-sha256': createHash('sha256').update(rdmaPluginConfig()).digest('hex') },
          },
          spec: {
            hostNetwork: true,
            priorityClassName: NODE_AGENT_PRIORITY_CLASS,
            automountServiceAccountToken: false,
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerm: [{ matchExpressions: placement.requirements.map((r) => ({ key: r.key, operator: 'In', values: [...r.values] })) }],
                },
              },
            },
            toleration: placement.tolerations.map((t) => ({ key: t.key, operator: 'Exists', effect: t.effect })),
            container: [
              {
                name: RDMA_PLUGIN_NAME,
                image: RDMA_PLUGIN_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                securityContext: { privileged: true },
                resources: { requests: { ...DEVICE_PLUGIN_RESOURCES.requests }, limits: { ...DEVICE_PLUGIN_RESOURCES.limits } },
                volumeMount: [
                  { name: 'device-plugin', mountPath: '/var/lib/kubelet/device-plugins', readOnly: false },
                  { name: 'plugins-registry', mountPath: '/var/lib/kubelet/plugins_registry', readOnly: false },
                  { name: 'config', mountPath: CONFIG_DIR },
                  { name: 'devs', mountPath: '/dev/' },
                ],
              },
            ],
            volume: [
              hostPath('device-plugin', '/var/lib/kubelet/device-plugins'),
              hostPath('plugins-registry', '/var/lib/kubelet/plugins_registry'),
              { name: 'config', configMap: { name: RDMA_PLUGIN_NAME, items: [{ key: 'config.json', path: 'config.json' }] } },
              hostPath('devs', '/dev/'),
            ],
          },
        },
      },
      dependsOn: [this.config],
    });
  }
}
