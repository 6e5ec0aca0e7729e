/**
 * The AWS EFA device plugin: advertises the Elastic Fabric Adapters of a node as
 * `vpc.amazonaws.com/efa`, so a multi-node training pod can request them and NCCL (through the
 * aws-ofi-nccl plugin) or Neuron collectives talk over EFA instead of TCP
 * (https://docs.aws.amazon.com/eks/latest/userguide/node-efa.html). Runs only on the nodes the
 * gpu-cluster stack launched with EFA interfaces ({@link efaNodes}); the image comes from the
 * EKS add-on registry of the cluster's region.
 *
 * Where this differs from the upstream chart (aws/eks-charts stable/aws-efa-k8s-device-plugin),
 * on purpose:
 * - no `hostNetwork`: the plugin finds EFA devices through /dev/infiniband and sysfs, and RDMA
 *   devices are visible from every network namespace in the kernel's default (shared) RDMA
 *   namespace mode, so the host network namespace buys it nothing;
 * - not privileged: since aws/eks-charts#1245 (2025-08) the chart runs the plugin privileged
 *   so it can read the GPU or Neuron devices and hand out EFAs aligned to the accelerators a
 *   pod got. Tracklayer training pods take whole nodes (every chip and every EFA interface),
 *   where that alignment changes nothing, so the plugin keeps the baseline: no escalation, no
 *   capabilities.
 */
import { Construct } from 'constructs';
import { PLATFORM_IMAGES, imageReference } from './container-images';
import { efaNodes } from './node-placement';
import { DEVICE_PLUGIN_PRIVILEGES, DEVICE_PLUGIN_RESOURCES, DEVICE_PLUGIN_SOCKETS, PlatformDaemonSet, type PlatformDaemonSetProps } from './platform-daemon-set';

/** The extended resource the EFA device plugin advertises, one per EFA interface. */
export const EFA_RESOURCE = 'vpc.amazonaws.com/efa';

/** Props of {@link EfaDevicePlugin}. */
export interface EfaDevicePluginProps {
  /** Namespace of the DaemonSet. */
  readonly namespace: string;
  /** The cluster's AWS region: picks the regional EKS add-on registry of the image. */
  readonly region: string;
  /** What must exist first. @default - nothing */
  readonly dependsOn?: PlatformDaemonSetProps['dependsOn'];
}

/** The EFA device plugin DaemonSet. */
export class EfaDevicePlugin extends Construct {
  /** The DaemonSet and its pod labels. */
  readonly agent: PlatformDaemonSet;

  constructor(scope: Construct, id: string, props: EfaDevicePluginProps) {
    super(scope, id);
    this.agent = new PlatformDaemonSet(this, 'agent', {
      namespace: props.namespace,
      name: 'aws-efa-k8s-device-plugin',
      image: imageReference(PLATFORM_IMAGES.efaDevicePlugin, props.region),
      placement: efaNodes(),
      resources: DEVICE_PLUGIN_RESOURCES,
      privileges: DEVICE_PLUGIN_PRIVILEGES,
      hostMounts: [
        DEVICE_PLUGIN_SOCKETS,
        // Read-only: the plugin lists the EFA verbs devices here; pods get them from the kubelet.
        { name: 'infiniband', path: '/dev/infiniband', type: 'Directory', readOnly: true, reason: 'lists the EFA devices it advertises' },
      ],
      dependsOn: props.dependsOn,
    });
  }
}
