/**
 * What a node group infers from its instance type: the EKS AMI type, the taint that keeps
 * pods without an accelerator request off the node, and the labels workloads select on.
 * Pure, so the decision tables are tested without synthesis.
 *
 * AMI type (EKS API reference, CreateNodegroup `amiType`,
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html; all three values
 * are in the enum compiled into hashicorp/aws 5.100.0, which validates `ami_type` against it):
 *
 * | vendor | architecture | ami_type               | image                                      |
 * | ------ | ------------ | ---------------------- | ------------------------------------------ |
 * | nvidia | x86_64       | `AL2023_x86_64_NVIDIA` | AL2023 + NVIDIA driver, container toolkit, EFA installer |
 * | nvidia | arm64        | `AL2023_ARM_64_NVIDIA` | the same for Graviton hosts (e.g. g5g)     |
 * | aws    | x86_64       | `AL2023_x86_64_NEURON` | AL2023 + Neuron driver and runtime         |
 * | aws    | arm64        | error                  | EKS publishes no Neuron image for arm64    |
 *
 * AL2023, not AL2: the EKS-optimized AL2 AMIs reached end of support on 2025-11-26
 * (awslabs/amazon-eks-ami#2545); the three AL2023 types above are what amazon-eks-ami still
 * releases for Kubernetes 1.31 to 1.36 (release v20260728).
 *
 * Taint: `<device resource>=true:NoSchedule` (NO_SCHEDULE in the EKS API), keyed by the
 * extended resource the device plugin advertises (`nvidia.com/gpu`, `aws.amazon.com/neuron`),
 * so only pods that tolerate it, i.e. accelerator pods, land on these expensive nodes. The
 * device-plugin DaemonSets (and any system pod meant for these nodes) must tolerate the key.
 *
 * Boot scripts (launch-template user data, ./node-user-data):
 *
 * | vendor | script                                                                         |
 * | ------ | ------------------------------------------------------------------------------ |
 * | nvidia | NVIDIA container toolkit: GPUs only through the device plugin (./nvidia-container-toolkit) |
 * | aws    | none (the Neuron runtime has no NVIDIA_VISIBLE_DEVICES equivalent to close)     |
 */
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import type { InstanceTypeSpec } from '../../catalog/instance-type';
import { ComputeError } from './compute-error';
import type { UserDataPart } from './node-user-data';
import { nvidiaToolkitScript } from './nvidia-container-toolkit';

/** The EKS AMI types this project launches accelerator nodes with. */
export type AcceleratorAmiType = 'AL2023_x86_64_NVIDIA' | 'AL2023_ARM_64_NVIDIA' | 'AL2023_x86_64_NEURON';

/** What a node group runs: training jobs, model serving, or cluster add-ons. */
export type NodeWorkload = 'training' | 'inference' | 'system';

/** A Kubernetes taint in the shape of `aws_eks_node_group.taint`. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NO_SCHEDULE' | 'NO_EXECUTE' | 'PREFER_NO_SCHEDULE';
}

/** Prefix of the labels the project sets; users cannot set labels under it. */
export const LABEL_PREFIX = 'tracklayer.dev/';
/** Label keys the node group sets from the instance type and workload. */
export const ACCELERATOR_LABEL = `${LABEL_PREFIX}accelerator`;
export const WORKLOAD_LABEL = `${LABEL_PREFIX}workload`;
export const INSTANCE_TYPE_LABEL = `${LABEL_PREFIX}instance-type`;
/** Set to `'true'` on nodes with EFA interfaces, so the EFA device plugin can select them. */
export const EFA_LABEL = `${LABEL_PREFIX}efa`;
/**
 * The node group's name, on every node of a tracklayer accelerator group: Kueue's
 * ResourceFlavors select a node group by it, and the Cluster Autoscaler knows it from the node
 * group's labels (EKS DescribeNodegroup) and the ASG's node-template tags while the group is at
 * zero. EKS's own `eks.amazonaws.com/nodegroup` label is not in that template, so a pod
 * selecting it would never scale a group up from zero.
 */
export const NODE_GROUP_LABEL = `${LABEL_PREFIX}node-group`;
/**
 * The label the Cluster Autoscaler's AWS provider reads as "this node has GPUs"
 * (kubernetes/autoscaler, cloudprovider/aws/aws_cloud_provider.go `GPULabel`). A GPU node that
 * has just joined advertises no `nvidia.com/gpu` until the device plugin registers; with this
 * label the autoscaler counts it as an upcoming GPU node instead of adding more nodes for the
 * same pending pods (upstream README, "Special note on GPU instances"). The value is the GPU type.
 */
export const AUTOSCALER_GPU_LABEL = 'k8s.amazonaws.com/accelerator';

/**
 * The EKS AMI type for `instance`, by the table above.
 * @throws ComputeError for Trainium on arm64 (no such image).
 */
export function amiTypeFor(instance: InstanceTypeSpec): AcceleratorAmiType {
  const vendor = ACCELERATOR_SPECS[instance.accelerator].vendor;
  if (vendor === 'nvidia') return instance.architecture === 'arm64' ? 'AL2023_ARM_64_NVIDIA' : 'AL2023_x86_64_NVIDIA';
  if (instance.architecture === 'x86_64') return 'AL2023_x86_64_NEURON';
  throw new ComputeError(
    'amiTypeFor',
    `instance type ${instance.name} carries ${instance.accelerator} on an arm64 host, and EKS has no Neuron AMI type for arm64; use an x86_64 Trainium type`,
  );
}

/** The taint that reserves nodes of `instance` for pods that request its accelerator. */
export function acceleratorTaint(instance: InstanceTypeSpec): NodeTaint {
  return { key: ACCELERATOR_SPECS[instance.accelerator].deviceResource, value: 'true', effect: 'NO_SCHEDULE' };
}

/**
 * The node labels: `labels` plus the inferred ones (accelerator, workload, instance type, and
 * EFA when set).
 * @throws ComputeError when `labels` sets a key under `tracklayer.dev/`.
 */
export function nodeLabels(
  instance: InstanceTypeSpec,
  workload: NodeWorkload,
  efa: boolean,
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const reserved = Object.keys(labels).filter((key) => key.startsWith(LABEL_PREFIX));
  if (reserved.length > 0) {
    throw new ComputeError(
      'labels',
      `${reserved.join(', ')}: keys under ${LABEL_PREFIX} are set from the instance type and workload; remove them or use another prefix`,
    );
  }
  return {
    ...labels,
    [ACCELERATOR_LABEL]: instance.accelerator,
    [WORKLOAD_LABEL]: workload,
    [INSTANCE_TYPE_LABEL]: instance.name,
    ...(efa ? { [EFA_LABEL]: 'true' } : {}),
  };
}

/** The boot scripts nodes of `instance` run before the kubelet starts, by the table above. */
export function acceleratorBootScripts(instance: Pick<InstanceTypeSpec, 'accelerator'>): UserDataPart[] {
  return ACCELERATOR_SPECS[instance.accelerator].vendor === 'nvidia' ? [{ contentType: 'text/x-shellscript', content: nvidiaToolkitScript() }] : [];
}
