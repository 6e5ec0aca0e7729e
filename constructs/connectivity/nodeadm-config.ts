/**
 * The nodeadm configuration (`NodeConfig`, node.eks.aws/v1alpha1) an on-prem GPU server joins
 * the EKS cluster with: `nodeadm init -c file://nodeConfig.yaml` (EKS User Guide, "Hybrid nodes
 * nodeadm reference" and "Connect hybrid nodes",
 * https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-nodeadm.html).
 *
 * | field                              | value                                        | why                                                       |
 * |------------------------------------|----------------------------------------------|-----------------------------------------------------------|
 * | `spec.cluster.name`, `.region`     | the EKS cluster                              | nodeadm reads endpoint, CA and service range with eks:DescribeCluster |
 * | `spec.hybrid.ssm`                  | the activation's id and code                 | the server registers as an SSM managed instance (`mi-…`) and gets the hybrid node role's credentials |
 * | `spec.hybrid.enableCredentialsFile`| `true`                                       | the Pod Identity agent's hybrid DaemonSet reads the node's credentials from the file (../compute/cluster-addons) |
 * | `spec.kubelet.flags`               | `--node-labels`, `--register-with-taints`    | ./hybrid-node-labels: what the device plugins and training jobs select |
 * | `spec.containerd.config`           | NVIDIA runtime as containerd's default       | containers see GPUs only through the NVIDIA container runtime; what `nvidia-ctk runtime configure --runtime=containerd --set-as-default` writes, in the CRI plugin syntax of the guide's own containerd example (containerd 1.7) |
 *
 * Prerequisites on the server, which tracklayer cannot install: a supported OS (Ubuntu 22.04/24.04,
 * RHEL 9, AL2023: Linux 5.10 or later for Cilium 1.18), the NVIDIA driver and the NVIDIA container
 * toolkit (with README "GPU quota enforcement" settings), nodeadm 1.0.19 or later
 * (`nodeadm install <k8s version> --credential-provider ssm`), and routes over the VPN to the VPC.
 */
import { Document, visit } from 'yaml';
import type { Accelerator } from '../../catalog/accelerator';
import { hybridNodeKubeletFlags } from './hybrid-node-labels';

/** The NodeConfig API version of the hybrid nodes nodeadm. */
export const NODEADM_API_VERSION = 'node.eks.aws/v1alpha1';

/** containerd configuration that makes the NVIDIA container runtime the default (CRI plugin of containerd 1.7). */
export const NVIDIA_CONTAINERD_CONFIG = [
  '[plugins."io.containerd.grpc.v1.cri".containerd]',
  'default_runtime_name = "nvidia"',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia]',
  'runtime_type = "io.containerd.runc.v2"',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]',
  'BinaryName = "/usr/bin/nvidia-container-runtime"',
  'SystemdCgroup = true',
  '',
].join('\n');

/** What a NodeConfig is made from. */
export interface NodeadmConfigInput {
  readonly clusterName: string;
  readonly region: string;
  readonly activationId: string;
  readonly activationCode: string;
  readonly accelerator: Accelerator;
  /** The needs' `name`: the servers' node group label is `<name>-onprem`. */
  readonly project: string;
}

/** The NodeConfig as an object, by the table above. */
export function nodeadmConfig(input: NodeadmConfigInput): Record<string, unknown> {
  return {
    apiVersion: NODEADM_API_VERSION,
    kind: 'NodeConfig',
    spec: {
      cluster: { name: input.clusterName, region: input.region },
      hybrid: { ssm: { activationCode: input.activationCode, activationId: input.activationId }, enableCredentialsFile: true },
      kubelet: { flags: hybridNodeKubeletFlags(input.accelerator, input.project) },
      containerd: { config: NVIDIA_CONTAINERD_CONFIG },
    },
  };
}

/**
 * The NodeConfig as YAML text. Every one-line string is double-quoted, so the references to the
 * activation and the cluster (Terraform interpolations inside the text, resolved at apply time)
 * land inside quotes whatever characters the activation code holds. Rendered here rather than
 * with Terraform's `yamlencode`: cdktf does not escape the quotes of the containerd TOML inside
 * a function call's HCL, which Terraform then rejects.
 */
export function nodeadmConfigYaml(input: NodeadmConfigInput): string {
  const document = new Document(nodeadmConfig(input));
  visit(document, {
    Scalar(key, node) {
      // Multi-line values (the containerd TOML) as literal blocks; every other string quoted; keys plain.
      if (key !== 'key' && typeof node.value === 'string') node.type = node.value.includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}
