import { nodeFacts } from '../../audit/audit';
import { deriveOnPrem } from '../../audit/derive-on-prem';
import { readinessGaps, readinessScore, type Gap } from '../../audit/readiness';
import type { ClusterNode } from '../../audit/node-list';
import { NFD_INFINIBAND, NFD_PLAIN, NFD_ROCE, clusterNode, gfdLabels, gpuNode } from '../support/cluster-nodes';

function gapsOf(nodes: ClusterNode[]): Gap[] {
  const facts = nodeFacts(nodes);
  return readinessGaps(facts, deriveOnPrem(facts));
}

function scoreOf(nodes: ClusterNode[]): number {
  const facts = nodeFacts(nodes);
  const derived = deriveOnPrem(facts);
  return readinessScore(readinessGaps(facts, derived), derived !== undefined);
}

const ib = (name: string) => gpuNode(name, undefined, 8, { labels: NFD_INFINIBAND });

describe('readinessGaps and readinessScore', () => {
  test('GIVEN a healthy InfiniBand H100 fleet and a control plane THEN no gap and 100', () => {
    const nodes = [ib('g1'), ib('g2'), clusterNode('cp', { labels: { 'node-role.kubernetes.io/control-plane': '' } })];
    expect(gapsOf(nodes)).toEqual([]);
    expect(scoreOf(nodes)).toBe(100);
  });

  test('GIVEN an empty list or no GPU THEN one gap and 0', () => {
    expect(gapsOf([]).map((g) => g.id)).toEqual(['no-nodes']);
    expect(scoreOf([])).toBe(0);
    expect(gapsOf([clusterNode('w1'), clusterNode('w2')])).toEqual([
      { id: 'no-gpu-nodes', weight: 100, detail: 'none of the 2 nodes has an NVIDIA GPU (no nvidia.com/gpu capacity or GPU Feature Discovery labels): there is no on-prem GPU capacity to describe' },
    ]);
  });

  test('GIVEN several GPU nodes without RDMA (NFD present) THEN no-rdma, -30', () => {
    const gaps = gapsOf([gpuNode('g1', undefined, 8, { labels: NFD_PLAIN }), gpuNode('g2', undefined, 8, { labels: { ...NFD_PLAIN, 'feature.node.kubernetes.io/rdma.capable': 'true' } })]);
    expect(gaps).toEqual([
      {
        id: 'no-rdma',
        weight: 30,
        detail: '2 GPU nodes without RDMA: multi-node training would run NCCL over TCP; 1 node has an RDMA-capable NIC, but RDMA is not set up (no rdma/ resource, no ib_uverbs/rdma_ucm per NFD): install the NVIDIA DOCA/MOFED driver and an RDMA device plugin',
      },
    ]);
  });

  test('GIVEN one GPU node without RDMA THEN no RDMA gap: a single node needs no fabric', () => {
    expect(gapsOf([gpuNode('g1', undefined, 8, { labels: NFD_PLAIN })])).toEqual([]);
  });

  test('GIVEN no RDMA evidence and no NFD THEN interconnect-unknown, not no-rdma', () => {
    expect(gapsOf([gpuNode('g1'), gpuNode('g2')]).map((g) => g.id)).toEqual(['interconnect-unknown']);
  });

  test('GIVEN RDMA on some nodes THEN partial-rdma names the others', () => {
    expect(gapsOf([gpuNode('g1', undefined, 8, { labels: NFD_ROCE }), gpuNode('g2', undefined, 8, { labels: NFD_PLAIN })])).toEqual([
      { id: 'partial-rdma', weight: 15, detail: '1 of 2 GPU nodes have RDMA; without it: g2. Jobs that span them fall back to TCP' },
    ]);
  });

  test('GIVEN RDMA everywhere with no link evidence THEN rdma-link-unknown, -5', () => {
    const nodes = [gpuNode('g1', undefined, 8, { capacity: { 'rdma/rdma_shared_device_a': '63' } }), gpuNode('g2', undefined, 8, { capacity: { 'rdma/rdma_shared_device_a': '63' } })];
    const gaps = gapsOf(nodes);
    expect(gaps.map((g) => [g.id, g.weight])).toEqual([['rdma-link-unknown', 5]]);
    expect(gaps[0].detail).toContain('RDMA on every GPU node (rdma/rdma_shared_device_a), but nothing says InfiniBand or RoCE; onPrem.interconnect is infiniband');
    expect(scoreOf(nodes)).toBe(95);
  });

  test('GIVEN NotReady, Unknown and cordoned nodes THEN they are named', () => {
    const gaps = gapsOf([ib('g1'), gpuNode('g2', undefined, 8, { labels: NFD_INFINIBAND, ready: false }), gpuNode('g3', undefined, 8, { labels: NFD_INFINIBAND, ready: undefined }), clusterNode('g4', { labels: { ...gfdLabels('NVIDIA-H100-80GB-HBM3', 8), ...NFD_INFINIBAND }, capacity: { 'nvidia.com/gpu': '8' }, unschedulable: true })]);
    expect(gaps.map((g) => g.id)).toEqual(['nodes-not-ready', 'nodes-cordoned']);
    expect(gaps[0].detail).toBe('2 nodes not Ready (g2, g3); onPrem counts them as capacity, so bring them back or take them out of the estimate');
    expect(gaps[1].detail).toBe('1 node cordoned (g4): no new pods land there');
  });

  test('GIVEN GPU nodes without GFD and with a model the catalog lacks THEN unknown-gpu-model explains both', () => {
    const gaps = gapsOf([ib('g1'), clusterNode('nogfd', { capacity: { 'nvidia.com/gpu': '8' }, labels: NFD_INFINIBAND }), gpuNode('v100', 'Tesla-V100-SXM2-16GB', 8, { labels: NFD_INFINIBAND })]);
    const unknown = gaps.find((g) => g.id === 'unknown-gpu-model');
    expect(unknown?.detail).toBe(
      '1 GPU node without the nvidia.com/gpu.product label (nogfd): deploy GPU Feature Discovery (part of the NVIDIA GPU Operator); 1 GPU node with a model the catalog has no kind for (Tesla-V100-SXM2-16GB): not counted',
    );
  });

  test('GIVEN two catalog kinds THEN mixed-gpu-models -15; GIVEN variants of one kind THEN -10', () => {
    const kinds = gapsOf([ib('h1'), gpuNode('l1', 'NVIDIA-L40S', 4, { labels: NFD_INFINIBAND })]).find((g) => g.id === 'mixed-gpu-models');
    expect(kinds).toEqual({ id: 'mixed-gpu-models', weight: 15, detail: 'NVIDIA-H100-80GB-HBM3 on 1 node, NVIDIA-L40S on 1 node; onPrem describes the h100 nodes only: a training job spanning models runs at the pace of the slowest' });
    const variants = gapsOf([gpuNode('a1', 'NVIDIA-A100-SXM4-40GB', 8, { labels: NFD_INFINIBAND }), gpuNode('a2', 'NVIDIA-A100-SXM4-80GB', 8, { labels: NFD_INFINIBAND })]).find((g) => g.id === 'mixed-gpu-models');
    expect(variants?.weight).toBe(10);
  });

  test('GIVEN GPUs the plugin does not advertise, unhealthy GPUs, uneven counts and GPU-less workers THEN each gap', () => {
    const gaps = gapsOf([
      ib('g1'),
      ib('g2'),
      clusterNode('silent', { labels: { ...gfdLabels('NVIDIA-H100-80GB-HBM3', 8), ...NFD_INFINIBAND } }),
      clusterNode('sick', { labels: { ...gfdLabels('NVIDIA-H100-80GB-HBM3', 8), ...NFD_INFINIBAND }, capacity: { 'nvidia.com/gpu': '8' }, allocatable: { 'nvidia.com/gpu': '6' } }),
      gpuNode('half', undefined, 4, { labels: NFD_INFINIBAND }),
      clusterNode('cpu-1'),
      clusterNode('cp', { labels: { 'node-role.kubernetes.io/master': '' } }),
    ]);
    expect(gaps.map((g) => g.id)).toEqual(['gpus-not-advertised', 'gpus-unallocatable', 'uneven-gpus-per-node', 'nodes-without-gpus']);
    expect(gaps[0].detail).toBe('1 node has GPUs but advertises no nvidia.com/gpu (silent): the NVIDIA device plugin is not running there, so no pod can get a GPU');
    expect(gaps[1].detail).toBe('2 GPU device(s) advertised but not allocatable on sick: the device plugin marked them unhealthy (check XID errors with nvidia-smi / DCGM)');
    expect(gaps[2].detail).toBe('1 node differs from 8 GPUs per node (half: 4); the cluster has 36 h100 GPUs, onPrem says 40');
    expect(gaps[3].detail).toBe('1 worker node without a GPU (cpu-1): not counted in onPrem.gpuNodes; fine for system pods');
  });

  test('the score never goes below 0', () => {
    expect(readinessScore([{ id: 'no-rdma', weight: 30, detail: '' }, { id: 'nodes-not-ready', weight: 20, detail: '' }, { id: 'unknown-gpu-model', weight: 15, detail: '' }, { id: 'partial-rdma', weight: 15, detail: '' }, { id: 'gpus-not-advertised', weight: 15, detail: '' }, { id: 'gpus-unallocatable', weight: 10, detail: '' }], true)).toBe(0);
  });
});
