/**
 * On-prem rules that relate several fields: networks that do not collide with the VPC, the
 * accelerator, and the two modes of NEEDS-v1.1 (`onPrem.mode`):
 *
 * | mode           | kubeContext | podCidr  | networks                                                   |
 * |----------------|-------------|----------|------------------------------------------------------------|
 * | `cluster`      | required    | optional | disjoint from the VPC and each other                       |
 * | `hybrid-nodes` | forbidden   | required | also RFC 1918, and disjoint from the cluster's service CIDR |
 *
 * Hybrid nodes: EKS requires remote node and pod networks inside RFC 1918 and overlapping
 * neither the VPC nor the Kubernetes service range (Amazon EKS API reference,
 * RemoteNodeNetwork / RemotePodNetwork); Cilium, the hybrid nodes' CNI, needs the pod CIDRs,
 * and webhooks on hybrid nodes need routable remote pod networks.
 */
import { eksServiceCidr } from './eks-service-cidr';
import { Cidr } from './ipv4';
import type { Problem } from './problem';
import { isRecord, type Sections } from './sections';

/**
 * The prefix length of the pod-address slice Cilium's cluster-pool IPAM gives each hybrid node
 * (`ipam.operator.clusterPoolIPv4MaskSize`, the EKS Hybrid Nodes CNI guide's value): a /25, 128
 * addresses, far more pods than a GPU server runs. `onPrem.podCidr` must hold one per server.
 */
export const HYBRID_NODE_POD_MASK_SIZE = 25;

/** RFC 1918 private address space (100.64/10 is private in tracklayer's sense, but EKS rejects it for remote networks). */
const RFC_1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(Cidr.of);

/** Every on-prem problem of the document. */
export function onPremProblems(root: Record<string, unknown>, sections: Sections): Problem[] {
  const raw = isRecord(root.onPrem) ? root.onPrem : {};
  return [...cidrOverlapProblems(sections), ...acceleratorProblems(sections), ...modeProblems(raw, sections)];
}

function cidrOverlapProblems({ cloud, onPrem }: Sections): Problem[] {
  if (!cloud?.vpcCidr || !onPrem) return [];
  const vpc = Cidr.of(cloud.vpcCidr);
  const network = onPrem.networkCidr === undefined ? undefined : Cidr.of(onPrem.networkCidr);
  const problems: Problem[] = [];
  if (network?.overlaps(vpc)) {
    problems.push({ path: ['onPrem', 'networkCidr'], message: `${network} overlaps cloud.vpcCidr ${vpc}: routes across the VPN would be ambiguous; choose disjoint ranges` });
  }
  if (onPrem.podCidr) {
    const pods = Cidr.of(onPrem.podCidr);
    for (const [other, label] of [[vpc, 'cloud.vpcCidr'], [network, 'onPrem.networkCidr']] as const) {
      if (other && pods.overlaps(other)) {
        problems.push({ path: ['onPrem', 'podCidr'], message: `${pods} overlaps ${label} ${other}: choose disjoint ranges` });
      }
    }
  }
  return problems;
}

function acceleratorProblems({ onPrem }: Sections): Problem[] {
  if (onPrem?.accelerator !== 'trainium') return [];
  return [{ path: ['onPrem', 'accelerator'], message: 'is trainium, which exists only in AWS: name the NVIDIA accelerator of the on-prem servers (h100, h200, a100, l40s, l4 or a10g)' }];
}

/** The pod network must hold a /25 slice (Cilium cluster pool) for every server. */
function podSliceProblems(onPrem: NonNullable<Sections['onPrem']>): Problem[] {
  if (onPrem.podCidr === undefined) return [];
  const pods = Cidr.of(onPrem.podCidr);
  const slices = pods.prefix > HYBRID_NODE_POD_MASK_SIZE ? 0 : 2 ** (HYBRID_NODE_POD_MASK_SIZE - pods.prefix);
  if (onPrem.gpuNodes === undefined || slices >= onPrem.gpuNodes) return [];
  const needed = HYBRID_NODE_POD_MASK_SIZE - Math.ceil(Math.log2(onPrem.gpuNodes));
  return [
    {
      path: ['onPrem', 'podCidr'],
      message: `${pods} holds ${slices} of the /${HYBRID_NODE_POD_MASK_SIZE} slices Cilium gives each hybrid node, but onPrem.gpuNodes is ${onPrem.gpuNodes}; use a /${needed} or larger`,
    },
  ];
}

/** `raw` is the document's onPrem: a field with its own problem is present, not missing. */
function modeProblems(raw: Record<string, unknown>, { cloud, onPrem }: Sections): Problem[] {
  if (!onPrem?.mode) return [];
  if (onPrem.mode === 'cluster') {
    return raw.kubeContext === undefined
      ? [{ path: ['onPrem', 'kubeContext'], message: 'is required in mode cluster: the kubeconfig context of the on-prem cluster (or set mode: hybrid-nodes to join the servers to EKS)' }]
      : [];
  }
  const problems: Problem[] = [];
  if (raw.kubeContext !== undefined) {
    problems.push({ path: ['onPrem', 'kubeContext'], message: 'must not be set in mode hybrid-nodes: the servers join the EKS cluster and run no cluster of their own; remove kubeContext, or set mode: cluster' });
  }
  if (raw.podCidr === undefined) {
    problems.push({ path: ['onPrem', 'mode'], message: 'is hybrid-nodes, which needs onPrem.podCidr: Cilium assigns pod addresses from it, and EKS routes to webhooks on hybrid nodes through it' });
  }
  problems.push(...podSliceProblems(onPrem));
  const service = cloud?.vpcCidr ? Cidr.of(eksServiceCidr(cloud.vpcCidr)) : undefined;
  for (const [field, text] of [['networkCidr', onPrem.networkCidr], ['podCidr', onPrem.podCidr]] as const) {
    if (text === undefined) continue;
    const block = Cidr.of(text);
    if (!RFC_1918.some((range) => range.contains(block))) {
      problems.push({ path: ['onPrem', field], message: `${block} is not in RFC 1918 space (10/8, 172.16/12, 192.168/16), which EKS requires of hybrid node and pod networks` });
    }
    if (service?.overlaps(block)) {
      problems.push({ path: ['onPrem', field], message: `${block} overlaps the cluster's Kubernetes service range ${service} (EKS's choice for a VPC of ${cloud?.vpcCidr}); EKS rejects remote networks that do` });
    }
  }
  return problems;
}
