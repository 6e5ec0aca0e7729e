/**
 * Cilium, the CNI of the EKS Hybrid Nodes (`onPrem.mode: hybrid-nodes`), from AWS's build of
 * its chart. The EKS Hybrid Nodes CNI guide names Cilium the AWS-supported CNI for hybrid nodes;
 * the VPC CNI cannot run there (its DaemonSet has anti-affinity to
 * `eks.amazonaws.com/compute-type: hybrid`), and until a CNI runs a hybrid node stays NotReady.
 * AWS supports only its own builds, published at `oci://public.ecr.aws/eks/cilium/cilium`
 * (https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-cni.html: Cilium 1.17.x and
 * 1.18.x; the guide's examples install `1.17.9-0` and `1.18.3-0`).
 *
 * Values: the guide's `cilium-values.yaml`, with tracklayer's inputs and two additions.
 * - `affinity` and `operator.affinity`: required node affinity to
 *   `eks.amazonaws.com/compute-type In [hybrid]`, so the agents and the operator run only on
 *   hybrid nodes; cloud nodes keep the VPC CNI (AWS does not support Cilium on cloud nodes).
 * - `ipam.mode: cluster-pool`, `clusterPoolIPv4PodCIDRList: [onPrem.podCidr]` (the same range the
 *   cluster has as its remote pod network, as the guide requires), `clusterPoolIPv4MaskSize: 25`
 *   ({@link HYBRID_NODE_POD_MASK_SIZE}; the needs check makes the pod network hold one slice per
 *   server). Neither may change once Cilium runs (the guide: "You shouldn't change your
 *   clusterPoolIPv4PodCIDRList after deploying Cilium").
 * - `operator.unmanagedPodWatcher.restart: false`: the operator would otherwise restart pods it
 *   does not manage, i.e. every pod on the cloud nodes.
 * - `loadBalancer.serviceTopology: true`, `envoy.enabled: false`, `kubeProxyReplacement: "false"`
 *   (kube-proxy, the EKS add-on, keeps serving services on hybrid nodes), `preflight.nodeSelector`
 *   on hybrid nodes: as the guide.
 * - added: `upgradeCompatibility: "1.18"` (upstream: unset): the Cilium upgrade guide asks for
 *   the minor version first installed, so a later chart bump keeps the defaults this cluster was
 *   built with instead of silently changing datapath settings.
 * Masquerading stays on (upstream default): pod traffic leaving the cluster takes the node's
 * address, so it works whether or not the on-prem network routes the pod range; webhooks on
 * hybrid nodes need the pod range routed on premises (README "EKS Hybrid Nodes").
 *
 * Host access (upstream cilium/cilium install/kubernetes/cilium templates/cilium-agent/daemonset.yaml
 * and values.yaml `securityContext`; the AWS build is this chart rebuilt): the agent is the node's
 * datapath, so it needs what a CNI needs. Recorded below; the release does not wait (node agent).
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { HYBRID_NODE_POD_MASK_SIZE } from '../../needs/onprem-checks';
import { COMPUTE_TYPE_LABEL, HYBRID_COMPUTE_TYPE } from '../connectivity/hybrid-node-labels';
import { HelmChart } from '../helm/helm-chart';
import type { UpstreamHostAccess } from '../helm/host-access';
import type { UpstreamChart } from '../helm/upstream-chart';
import { NODE_AGENT_RELEASE, affinityValues, type AffinityValues } from './node-agent-values';

/** AWS's Cilium build, pinned. */
export const CILIUM_CHART: UpstreamChart = Object.freeze({
  repository: 'oci://public.ecr.aws/eks/cilium',
  chart: 'cilium',
  version: '1.18.3-0',
  source:
    'https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-cni.html (AWS-maintained Cilium builds for EKS Hybrid Nodes, chart oci://public.ecr.aws/eks/cilium/cilium, examples 1.17.9-0 and 1.18.3-0); upstream chart https://github.com/cilium/cilium/tree/v1.18.3/install/kubernetes/cilium (values.yaml, templates/cilium-agent/daemonset.yaml)',
});

/** The Cilium minor version first installed (see `upgradeCompatibility` in the file comment). */
export const CILIUM_UPGRADE_COMPATIBILITY = '1.18';
/** The namespace the guide installs Cilium into (its RBAC and the CNI config expect it). */
export const CILIUM_NAMESPACE = 'kube-system';

/** The values tracklayer sets, by their key in the chart's values.yaml. */
export interface CiliumValues {
  readonly affinity: AffinityValues;
  readonly ipam: { readonly mode: 'cluster-pool'; readonly operator: { readonly clusterPoolIPv4MaskSize: number; readonly clusterPoolIPv4PodCIDRList: readonly string[] } };
  readonly loadBalancer: { readonly serviceTopology: true };
  readonly operator: { readonly affinity: AffinityValues; readonly unmanagedPodWatcher: { readonly restart: false } };
  readonly envoy: { readonly enabled: false };
  readonly kubeProxyReplacement: 'false';
  readonly preflight: { readonly nodeSelector: Readonly<Record<string, string>> };
  readonly upgradeCompatibility: string;
}

/** What Cilium's pods get on the node: a CNI's datapath (upstream defaults, unchanged). */
export const CILIUM_HOST_ACCESS: UpstreamHostAccess = {
  hostNamespaces: { hostNetwork: 'the agent programs the node network (eBPF, routes, VXLAN) and the operator runs before pod networking exists; both hard-coded in the chart' },
  capabilities: {
    NET_ADMIN: 'the agent configures interfaces, routes and the VXLAN tunnel of the node',
    NET_RAW: 'the agent sends and inspects raw packets for health checks and the datapath',
    SYS_ADMIN: 'the agent loads eBPF programs and mounts the BPF and cgroup2 filesystems',
    SYS_MODULE: 'the agent loads kernel modules the datapath needs (e.g. vxlan) when the image has not',
    SYS_RESOURCE: 'the agent raises the memlock limit for eBPF maps',
    IPC_LOCK: 'the agent locks eBPF map memory',
    SYS_CHROOT: 'the mount-cgroup and apply-sysctl-overwrites init containers enter the host mount namespace',
    SYS_PTRACE: 'the init containers enter the host namespaces through /proc/1',
    CHOWN: 'the agent sets ownership of its state files on the host',
    KILL: 'the agent signals the processes it supervises',
    DAC_OVERRIDE: 'the agent reads and writes root-owned state under /var/run/cilium',
    FOWNER: 'the agent changes permissions of files it does not own in its state directory',
    SETGID: 'the agent drops to the group of its sockets',
    SETUID: 'the agent drops to the user of its sockets',
  },
  root: 'a CNI writes the CNI binary and configuration into root-owned host directories',
  hostPaths: {
    '/var/run/cilium': 'the agent state that survives restarts and upgrades',
    '/sys/fs/bpf': 'the eBPF maps that keep pod networking up across agent restarts',
    '/proc': 'the mount-cgroup init container mounts cgroup2 on the host',
    '/run/cilium/cgroupv2': 'the cgroup2 mount the socket-level load balancer attaches to',
    '/opt/cni/bin': 'the install-cni-binaries init container installs the Cilium CNI plugin for the kubelet',
    '/etc/cni/net.d': 'the agent writes the CNI configuration the kubelet reads',
    '/lib/modules': 'the agent loads kernel modules',
    '/run/xtables.lock': 'iptables access shared with kube-proxy on the same node',
    '/proc/sys/net': 'the agent sets the network sysctls the datapath needs',
    '/proc/sys/kernel': 'the agent sets the kernel sysctls the datapath needs',
  },
};

/** Required affinity to the hybrid nodes. */
function onHybridNodes(): AffinityValues {
  return affinityValues({ requirements: [{ key: COMPUTE_TYPE_LABEL, values: [HYBRID_COMPUTE_TYPE] }], tolerations: [] });
}

/** The values for a cluster whose hybrid nodes take pod addresses from `podCidr`. */
export function ciliumValues(podCidr: string): CiliumValues {
  return {
    affinity: onHybridNodes(),
    ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4MaskSize: HYBRID_NODE_POD_MASK_SIZE, clusterPoolIPv4PodCIDRList: [podCidr] } },
    loadBalancer: { serviceTopology: true },
    operator: { affinity: onHybridNodes(), unmanagedPodWatcher: { restart: false } },
    envoy: { enabled: false },
    kubeProxyReplacement: 'false',
    preflight: { nodeSelector: { [COMPUTE_TYPE_LABEL]: HYBRID_COMPUTE_TYPE } },
    upgradeCompatibility: CILIUM_UPGRADE_COMPATIBILITY,
  };
}

/** Props of {@link Cilium}. */
export interface CiliumProps {
  /** The on-prem pod network (`onPrem.podCidr`), the cluster's remote pod network. */
  readonly podCidr: string;
  /** What must exist first. @default - nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The Cilium release for the hybrid nodes. */
export class Cilium extends Construct {
  /** The Helm release. */
  readonly chart: HelmChart;

  constructor(scope: Construct, id: string, props: CiliumProps) {
    super(scope, id);
    this.chart = new HelmChart(this, 'chart', {
      chart: CILIUM_CHART,
      releaseName: 'cilium',
      namespace: CILIUM_NAMESPACE,
      values: { ...ciliumValues(props.podCidr) },
      hostAccess: CILIUM_HOST_ACCESS,
      // No hybrid node may exist yet (servers join after this stack): the operator's pods wait for one.
      ...NODE_AGENT_RELEASE,
      dependsOn: props.dependsOn,
    });
  }
}
