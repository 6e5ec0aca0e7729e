/**
 * What an on-prem GPU server carries when it joins the EKS cluster as an EKS Hybrid Node
 * (`onPrem.mode: hybrid-nodes`): labels and a taint its kubelet registers with, from the nodeadm
 * configuration (./nodeadm-config, `spec.kubelet.flags`). Pure, so the platform that selects these
 * nodes and the configuration that labels them read the same values.
 *
 * | key                              | value                    | set by        | read by                                                   |
 * |----------------------------------|--------------------------|---------------|-----------------------------------------------------------|
 * | `eks.amazonaws.com/compute-type` | `hybrid`                 | EKS           | Cilium (only on hybrid nodes); the VPC CNI (avoids them)   |
 * | `tracklayer.dev/accelerator`     | `onPrem.accelerator`     | nodeadm       | the NVIDIA device plugin's affinity on EKS (../platform/node-placement) |
 * | `tracklayer.dev/workload`        | `training`               | nodeadm       | training jobs, as on the cloud training group              |
 * | `nvidia.com/gpu.present`         | `true`                   | nodeadm       | the RDMA shared device plugin (../platform/node-placement `rdmaNodes`), and the schedulability model of on-prem servers |
 * | `tracklayer.dev/node-group`      | `<name>-onprem`          | nodeadm       | Kueue's ResourceFlavor of the servers (../queueing), as a cloud group's nodes carry theirs |
 * | taint `nvidia.com/gpu=true:NoSchedule` |                    | nodeadm       | keeps pods without a GPU toleration off, as on cloud GPU nodes |
 *
 * Why nodeadm sets them: nothing else would. GPU Feature Discovery (which sets
 * `nvidia.com/gpu.present`) is not installed on EKS (the NVIDIA chart's `gfd.enabled: false`),
 * and EKS itself only adds `eks.amazonaws.com/compute-type: hybrid`. The kubelet may set these
 * keys on itself: the NodeRestriction admission plugin only reserves `kubernetes.io` and `k8s.io`
 * keys (other than the allowed ones), and these are neither. Labels apply when the node
 * registers; a server that joined with other labels keeps them until relabelled
 * (`kubectl label node`), so change them before servers join, not after.
 *
 * Cilium, kube-proxy and the Pod Identity agent tolerate every taint, so the taint does not keep
 * the node from becoming Ready; CoreDNS stays on the cloud system nodes.
 */
import type { Accelerator } from '../../catalog/accelerator';
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import { ACCELERATOR_LABEL, NODE_GROUP_LABEL, WORKLOAD_LABEL, type NodeTaint } from '../compute/accelerator-node-config';

/** The label EKS puts on every hybrid node (and the VPC CNI's anti-affinity reads). */
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
/** Its value on hybrid nodes. */
export const HYBRID_COMPUTE_TYPE = 'hybrid';
/** The label GPU Feature Discovery sets on NVIDIA GPU nodes; nodeadm sets it on hybrid GPU servers. */
export const GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';
/** What the on-prem servers run in the EKS cluster: training, like the cloud training group. */
export const HYBRID_NODE_WORKLOAD = 'training';

/** The node group the on-prem servers form in the EKS cluster: `<name>-onprem` (a Kueue flavor's node label). */
export function hybridNodeGroupName(project: string): string {
  return `${project}-onprem`;
}

/** The labels a hybrid GPU server of `project` registers with (beyond EKS's own compute-type label). */
export function hybridNodeLabels(accelerator: Accelerator, project: string): Readonly<Record<string, string>> {
  return { [ACCELERATOR_LABEL]: accelerator, [WORKLOAD_LABEL]: HYBRID_NODE_WORKLOAD, [GPU_PRESENT_LABEL]: 'true', [NODE_GROUP_LABEL]: hybridNodeGroupName(project) };
}

/** The taint a hybrid GPU server registers with: the one cloud GPU nodes carry (`<device resource>=true:NoSchedule`). */
export function hybridNodeTaint(accelerator: Accelerator): NodeTaint {
  return { key: ACCELERATOR_SPECS[accelerator].deviceResource, value: 'true', effect: 'NO_SCHEDULE' };
}

/** The kubelet flags that register labels and taint (`--node-labels`, `--register-with-taints`), keys sorted. */
export function hybridNodeKubeletFlags(accelerator: Accelerator, project: string): string[] {
  const labels = Object.entries(hybridNodeLabels(accelerator, project))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`);
  const taint = hybridNodeTaint(accelerator);
  return [`--node-labels=${labels.join(',')}`, `--register-with-taints=${taint.key}=${taint.value}:NoSchedule`];
}
