import { nodeRdma } from '../../audit/node-rdma';
import { NFD_INFINIBAND, NFD_PLAIN, NFD_ROCE, clusterNode } from '../support/cluster-nodes';

describe('nodeRdma', () => {
  test('GIVEN NFD: rdma.available and an InfiniBand controller (PCI class 0207) THEN RDMA over InfiniBand', () => {
    expect(nodeRdma(clusterNode('n', { labels: NFD_INFINIBAND }))).toEqual({
      available: true,
      capable: false,
      link: 'infiniband',
      nfd: true,
      evidence: ['feature.node.kubernetes.io/rdma.available', 'feature.node.kubernetes.io/rdma.capable', 'feature.node.kubernetes.io/pci-0207_15b3.present'],
    });
  });

  test('GIVEN NFD: rdma.available and a Mellanox Ethernet controller (class 0200) THEN RoCE', () => {
    expect(nodeRdma(clusterNode('n', { labels: NFD_ROCE }))).toMatchObject({ available: true, link: 'roce' });
  });

  test('GIVEN the RDMA shared device plugin\'s resource (default prefix rdma/) THEN RDMA, link unknown', () => {
    expect(nodeRdma(clusterNode('n', { capacity: { 'rdma/rdma_shared_device_a': '63' } }))).toEqual({ available: true, capable: false, link: undefined, nfd: false, evidence: ['rdma/rdma_shared_device_a'] });
    expect(nodeRdma(clusterNode('n', { capacity: { 'rdma/rdma_shared_devices': '1k' } })).available).toBe(true);
    expect(nodeRdma(clusterNode('n', { capacity: { 'rdma/rdma_shared_device_a': '0' } })).available).toBe(false);
  });

  test('GIVEN SR-IOV resources under nvidia.com/ or openshift.io/ THEN RDMA, and the name may tell the link', () => {
    expect(nodeRdma(clusterNode('n', { capacity: { 'nvidia.com/sriov_ib': '8' } }))).toMatchObject({ available: true, link: 'infiniband' });
    expect(nodeRdma(clusterNode('n', { capacity: { 'openshift.io/roce_nics': '8' } }))).toMatchObject({ available: true, link: 'roce' });
    expect(nodeRdma(clusterNode('n', { capacity: { 'nvidia.com/hostdev': '4' } }))).toMatchObject({ available: true, link: undefined });
  });

  test('GIVEN only GPU resources under nvidia.com/ THEN no RDMA', () => {
    expect(nodeRdma(clusterNode('n', { capacity: { 'nvidia.com/gpu': '8', 'nvidia.com/mig-1g.10gb': '7', 'nvidia.com/gpu.shared': '4' } })).available).toBe(false);
  });

  test('GIVEN an RDMA-capable NIC but no RDMA modules or resource THEN capable, not available', () => {
    expect(nodeRdma(clusterNode('n', { labels: { 'feature.node.kubernetes.io/rdma.capable': 'true' } }))).toMatchObject({ available: false, capable: true, nfd: true });
  });

  test('GIVEN NFD without RDMA labels THEN no RDMA, and NFD is known to run; GIVEN no labels at all THEN nothing is known', () => {
    expect(nodeRdma(clusterNode('n', { labels: NFD_PLAIN }))).toEqual({ available: false, capable: false, link: undefined, nfd: true, evidence: [] });
    expect(nodeRdma(clusterNode('n'))).toEqual({ available: false, capable: false, link: undefined, nfd: false, evidence: [] });
  });
});
