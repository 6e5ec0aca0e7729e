import { nodeFacts } from '../../audit/audit';
import { deriveInterconnect, deriveOnPrem, mostCommon } from '../../audit/derive-on-prem';
import { NFD_INFINIBAND, NFD_PLAIN, NFD_ROCE, clusterNode, gpuNode } from '../support/cluster-nodes';

describe('deriveOnPrem', () => {
  test('GIVEN mixed models THEN the kind with the most GPUs, counting only its nodes', () => {
    const facts = nodeFacts([
      gpuNode('a1', 'NVIDIA-A100-SXM4-80GB', 8),
      gpuNode('a2', 'NVIDIA-A100-SXM4-80GB', 8),
      gpuNode('l1', 'NVIDIA-L40S', 4),
      gpuNode('l2', 'NVIDIA-L40S', 4),
      gpuNode('l3', 'NVIDIA-L40S', 4),
      clusterNode('cpu'),
    ]);
    expect(deriveOnPrem(facts)?.onPrem).toEqual({ gpuNodes: 2, gpusPerNode: 8, accelerator: 'a100', interconnect: 'ethernet' });
  });

  test('GIVEN a tie in GPUs THEN more nodes win, then catalog order', () => {
    expect(deriveOnPrem(nodeFacts([gpuNode('h', 'NVIDIA-H100-80GB-HBM3', 8), gpuNode('l1', 'NVIDIA-L4', 4), gpuNode('l2', 'NVIDIA-L4', 4)]))?.onPrem.accelerator).toBe('l4');
    expect(deriveOnPrem(nodeFacts([gpuNode('h', 'NVIDIA-H100-80GB-HBM3', 4), gpuNode('a', 'NVIDIA-A100-SXM4-40GB', 4)]))?.onPrem.accelerator).toBe('h100');
  });

  test('GIVEN uneven GPU counts THEN the most common count (tie: the smaller)', () => {
    expect(deriveOnPrem(nodeFacts([gpuNode('a', undefined, 8), gpuNode('b', undefined, 8), gpuNode('c', undefined, 4)]))?.onPrem.gpusPerNode).toBe(8);
    expect(mostCommon([8, 4])).toBe(4);
  });

  test('GIVEN no GPU of a catalog kind THEN nothing to derive', () => {
    expect(deriveOnPrem(nodeFacts([clusterNode('cpu')]))).toBeUndefined();
    expect(deriveOnPrem(nodeFacts([gpuNode('v', 'Tesla-V100-SXM2-16GB', 8), clusterNode('nogfd', { capacity: { 'nvidia.com/gpu': '8' } })]))).toBeUndefined();
  });
});

describe('deriveInterconnect', () => {
  const with_ = (labels: Record<string, string>, capacity: Record<string, string> = {}) => nodeFacts([gpuNode('n', undefined, 8, { labels, capacity })])[0];

  test.each([
    ['every node InfiniBand', [NFD_INFINIBAND, NFD_INFINIBAND], { value: 'infiniband', certain: true }],
    ['every node RoCE', [NFD_ROCE, NFD_ROCE], { value: 'roce', certain: true }],
    ['RDMA everywhere, link named on some', [NFD_INFINIBAND, { 'feature.node.kubernetes.io/rdma.available': 'true' }], { value: 'infiniband', certain: true }],
    ['RDMA everywhere, link named nowhere', [{ 'feature.node.kubernetes.io/rdma.available': 'true' }, { 'feature.node.kubernetes.io/rdma.available': 'true' }], { value: 'infiniband', certain: false }],
    ['RDMA on some nodes', [NFD_ROCE, NFD_PLAIN], { value: 'roce', certain: false }],
    ['no RDMA, NFD says so', [NFD_PLAIN, NFD_PLAIN], { value: 'ethernet', certain: true }],
    ['no RDMA, no NFD to say so', [{}, {}], { value: 'ethernet', certain: false }],
  ])('GIVEN %s THEN %p', (_case, labels, expected) => {
    expect(deriveInterconnect(labels.map((l) => with_(l)))).toEqual(expected);
  });

  test('GIVEN the RDMA plugin resource on every node, no link evidence THEN infiniband, not certain', () => {
    expect(deriveInterconnect([with_({}, { 'rdma/rdma_shared_device_a': '63' })])).toEqual({ value: 'infiniband', certain: false });
  });
});
