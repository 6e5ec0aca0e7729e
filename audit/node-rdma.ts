/**
 * Whether a node can do RDMA (GPUDirect RDMA for NCCL across nodes), and over which link layer,
 * from what the usual components put on the Node object. Kubernetes has no standard field for
 * this, so audit reads the evidence the components leave and says which it used.
 *
 * | evidence on the node                                            | component (reference)                                                                                           | means                        |
 * |-----------------------------------------------------------------|-----------------------------------------------------------------------------------------------------------------|------------------------------|
 * | capacity `rdma/<name>` > 0 (e.g. `rdma/rdma_shared_device_a`, tracklayer's `rdma/rdma_shared_devices`) | RDMA shared device plugin, default resourcePrefix `rdma` (Mellanox/k8s-rdma-shared-dev-plugin README, config table; NVIDIA Network Operator example/crs/*nicclusterpolicy*) | RDMA usable |
 * | capacity `nvidia.com/<name>` or `openshift.io/<name>` > 0 whose name says rdma, roce, ib, sriov, hostdev or mlnx (e.g. `nvidia.com/sriov_rdma`, `nvidia.com/hostdev`) | SR-IOV network device plugin under the Network Operator's resourcePrefix `nvidia.com` (Mellanox/network-operator deployment/network-operator/values.yaml) or the SR-IOV operator's default `openshift.io` | RDMA usable |
 * | label `feature.node.kubernetes.io/rdma.available=true` (older NFD: `custom-rdma.available`, docs: `rdma.enabled`) | Node Feature Discovery built-in rule: kernel modules ib_uverbs and rdma_ucm loaded (kubernetes-sigs/node-feature-discovery source/custom/static_features.go) | RDMA usable |
 * | label `feature.node.kubernetes.io/rdma.capable=true`             | NFD built-in rule: a PCI device of vendor 15b3 (Mellanox/NVIDIA networking)                                      | a capable NIC, RDMA not proven |
 * | label `feature.node.kubernetes.io/pci-0207_<vendor>.present`     | NFD PCI source, default label `<class>_<vendor>` (docs/usage/features.md "PCI"); class 0207 is an InfiniBand controller (https://pci-ids.ucw.cz/read/PD/02/07) | link layer InfiniBand |
 * | label `feature.node.kubernetes.io/pci-0200_15b3.present`         | NFD PCI source; class 0200 is an Ethernet controller, vendor 15b3 Mellanox                                        | link layer Ethernet: RDMA is RoCE |
 * | a resource name with the word ib, ipoib or infiniband / roce     | the operator's naming of the resource                                                                           | link layer InfiniBand / RoCE |
 * | any `feature.node.kubernetes.io/` label                          | NFD runs on the node, so a missing rdma label means no RDMA (its rules are on by default)                         | absence is evidence           |
 *
 * NFD lists PCI class 02 (network) only when its worker config whitelists it
 * (`sources.pci.deviceClassWhitelist`); without that, and without a resource name that says
 * it, the link layer is unknown, and audit says so rather than guess.
 */
import { wholeNumber } from './node-gpus';
import type { ClusterNode } from './node-list';

/** The RDMA link layers a needs file distinguishes. */
export type RdmaLinkLayer = 'infiniband' | 'roce';

/** What a node shows about RDMA. */
export interface NodeRdma {
  /** Some evidence says RDMA works on the node. */
  readonly available: boolean;
  /** An RDMA-capable NIC is present, but nothing says RDMA is set up. */
  readonly capable: boolean;
  /** The link layer, when some evidence names it. */
  readonly link?: RdmaLinkLayer;
  /** NFD labels the node, so missing RDMA labels mean no RDMA. */
  readonly nfd: boolean;
  /** The labels and resources that decided, for the report. */
  readonly evidence: readonly string[];
}

const NFD_PREFIX = 'feature.node.kubernetes.io/';
const RDMA_AVAILABLE_LABELS = ['rdma.available', 'custom-rdma.available', 'rdma.enabled', 'custom-rdma.enabled'].map((l) => NFD_PREFIX + l);
const RDMA_CAPABLE_LABELS = ['rdma.capable', 'custom-rdma.capable'].map((l) => NFD_PREFIX + l);
/** NFD PCI labels `pci-<class>_<vendor>.present`; class 0207 InfiniBand, 0200 Ethernet. */
const PCI_LABEL = /^feature\.node\.kubernetes\.io\/pci-(02(?:00|07))_([0-9a-f]{4})\.present$/;
const MELLANOX_VENDOR = '15b3';
/** Prefixes of SR-IOV device plugin resources (Network Operator: nvidia.com; SR-IOV operator default: openshift.io). */
const SRIOV_PREFIXES = ['nvidia.com/', 'openshift.io/'];
/** Words in a resource name that mark an RDMA NIC resource. */
const RDMA_RESOURCE_WORDS = new Set(['rdma', 'roce', 'ib', 'ipoib', 'infiniband', 'sriov', 'hostdev', 'mlnx', 'mlnxnics', 'hca']);
const IB_WORDS = new Set(['ib', 'ipoib', 'infiniband']);
const ROCE_WORDS = new Set(['roce']);

function words(name: string): string[] {
  return name
    .slice(name.indexOf('/') + 1)
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

function positive(quantity: string | undefined): boolean {
  const whole = wholeNumber(quantity);
  if (whole !== undefined) return whole > 0;
  return quantity !== undefined && /^[1-9]\d*(\.\d+)?[kMGTPE]i?$/.test(quantity.trim());
}

/** RDMA resources the node advertises (with a positive quantity). */
function rdmaResources(node: ClusterNode): string[] {
  return Object.keys(node.capacity)
    .filter((name) => positive(node.capacity[name]))
    .filter((name) => {
      if (name.startsWith('rdma/')) return true;
      if (!SRIOV_PREFIXES.some((prefix) => name.startsWith(prefix))) return false;
      if (name.startsWith('nvidia.com/gpu') || name.startsWith('nvidia.com/mig-')) return false;
      return words(name).some((word) => RDMA_RESOURCE_WORDS.has(word));
    })
    .sort();
}

function linkFromNames(names: readonly string[]): RdmaLinkLayer | undefined {
  const all = names.flatMap(words);
  if (all.some((w) => IB_WORDS.has(w))) return 'infiniband';
  if (all.some((w) => ROCE_WORDS.has(w))) return 'roce';
  return undefined;
}

/** The node's RDMA evidence by the table above. */
export function nodeRdma(node: ClusterNode): NodeRdma {
  const labels = node.labels;
  const resources = rdmaResources(node);
  const available = RDMA_AVAILABLE_LABELS.filter((l) => labels[l] === 'true');
  const capable = RDMA_CAPABLE_LABELS.filter((l) => labels[l] === 'true');
  const pci = Object.keys(labels)
    .filter((l) => labels[l] === 'true')
    .map((l) => ({ label: l, match: PCI_LABEL.exec(l) }))
    .filter((p): p is { label: string; match: RegExpExecArray } => p.match !== null);
  const infinibandPci = pci.filter((p) => p.match[1] === '0207');
  const ethernetMellanox = pci.filter((p) => p.match[1] === '0200' && p.match[2] === MELLANOX_VENDOR);
  const isAvailable = resources.length > 0 || available.length > 0;
  let link = linkFromNames(resources);
  if (!link && infinibandPci.length > 0) link = 'infiniband';
  if (!link && isAvailable && ethernetMellanox.length > 0) link = 'roce';
  return {
    available: isAvailable,
    capable: !isAvailable && (capable.length > 0 || infinibandPci.length > 0 || ethernetMellanox.length > 0),
    link,
    nfd: Object.keys(labels).some((l) => l.startsWith(NFD_PREFIX)),
    evidence: [...resources, ...available, ...capable, ...infinibandPci.map((p) => p.label), ...ethernetMellanox.map((p) => p.label)],
  };
}
