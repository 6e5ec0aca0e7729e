/**
 * The RDMA shared device plugin for on-prem clusters whose GPU nodes talk over InfiniBand or
 * RoCE (https://github.com/Mellanox/k8s-rdma-shared-dev-plugin): it advertises the node's
 * Mellanox/NVIDIA ConnectX HCAs as one shared resource, `rdma/<name>`, and gives a pod that
 * requests it the RDMA device nodes (/dev/infiniband/uverbs*, rdma_cm), so NCCL can use
 * GPUDirect RDMA between nodes. "Shared": every pod that asks gets all HCAs of the node, up to
 * {@link RDMA_PODS_PER_NODE} pods; training pods take whole nodes anyway.
 *
 * Devices are selected by PCI vendor (15b3, Mellanox/NVIDIA networking) and kernel driver
 * (`mlx5_core`), both read from sysfs, not by interface name or link type, which need the
 * host's network namespace: so, unlike the upstream example manifest, the plugin runs without
 * `hostNetwork` and unprivileged, with /dev/infiniband read-only. Upstream's
 * /var/lib/kubelet/plugins_registry mount is left out too: without it the plugin registers
 * through the device-plugin socket directory, the standard path.
 */
import { createHash } from 'node:crypto';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Construct } from 'constructs';
import { PLATFORM_IMAGES, imageReference } from './container-images';
import { rdmaNodes } from './node-placement';
import { DEVICE_PLUGIN_PRIVILEGES, DEVICE_PLUGIN_RESOURCES, DEVICE_PLUGIN_SOCKETS, PlatformDaemonSet, type PlatformDaemonSetProps } from './platform-daemon-set';

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
/** The kubelet's root directory on the node (the plugin finds the device-plugin directory under it). */
const KUBELET_ROOT_DIR = '/var/lib/kubelet';
/** Where the plugin reads config.json. */
const CONFIG_DIR = '/k8s-rdma-shared-dev-plugin';

/** The plugin's config.json. */
export function rdmaPluginConfig(): string {
  return JSON.stringify(
    {
      kubeletRootDir: KUBELET_ROOT_DIR,
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
  readonly dependsOn?: PlatformDaemonSetProps['dependsOn'];
}

/** The RDMA shared device plugin DaemonSet and its ConfigMap. */
export class RdmaSharedDevicePlugin extends Construct {
  /** The DaemonSet and its pod labels. */
  readonly agent: PlatformDaemonSet;
  /** The plugin configuration. */
  readonly config: ConfigMapV1;

  constructor(scope: Construct, id: string, props: RdmaSharedDevicePluginProps) {
    super(scope, id);
    this.config = new ConfigMapV1(this, 'config', {
      metadata: { name: 'rdma-shared-device-plugin', namespace: props.namespace },
      data: { 'config.json': rdmaPluginConfig() },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.agent = new PlatformDaemonSet(this, 'agent', {
      namespace: props.namespace,
      name: 'rdma-shared-device-plugin',
      image: imageReference(PLATFORM_IMAGES.rdmaSharedDevicePlugin),
      placement: rdmaNodes(),
      resources: DEVICE_PLUGIN_RESOURCES,
      privileges: DEVICE_PLUGIN_PRIVILEGES,
      hostMounts: [
        DEVICE_PLUGIN_SOCKETS,
        { name: 'infiniband', path: '/dev/infiniband', type: 'Directory', readOnly: true, reason: 'reads the RDMA device nodes (uverbs, rdma_cm) it hands to pods' },
      ],
      configMapMounts: [{ name: 'config', configMapName: 'rdma-shared-device-plugin', mountPath: CONFIG_DIR }],
      // A changed config takes effect on the next rollout, not silently on the next rescan.
      podAnnotations: { 'tracklayer.dev/config-sha256': sha256(rdmaPluginConfig()) },
      dependsOn: [this.config],
    });
  }
}

/** Hex SHA-256 of `text`. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
