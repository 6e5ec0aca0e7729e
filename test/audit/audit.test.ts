import { readFileSync } from 'node:fs';
import { auditJson, auditNodes } from '../../audit/audit';
import { parseNodeList } from '../../audit/node-list';
import { NFD_INFINIBAND, clusterNode, gpuNode } from '../support/cluster-nodes';

const fixture = (name: string) => parseNodeList(JSON.parse(readFileSync(`test/audit/fixtures/${name}.json`, 'utf8')));

describe('auditNodes on node lists shaped like real clusters', () => {
  test('GIVEN 16 DGX H100 nodes (GPU Operator, Network Operator RDMA plugin, NFD with InfiniBand HCAs) and 3 control-plane nodes THEN exactly the onPrem a person writes, 100, no gap', () => {
    const report = auditNodes(fixture('gpu-operator-h100-infiniband'), { kubeContext: 'dc1-admin' });
    expect(report.onPrem).toEqual({ kubeContext: 'dc1-admin', gpuNodes: 16, gpusPerNode: 8, accelerator: 'h100', interconnect: 'infiniband' });
    expect(report.score).toBe(100);
    expect(report.gaps).toEqual([]);
    expect(report.nodes).toHaveLength(19);
    expect(report.nodes[0]).toEqual({ name: 'cp-01', gpus: 0, product: null });
    expect(report.nodes[3]).toEqual({ name: 'dgx-h100-01', gpus: 8, product: 'NVIDIA-H100-80GB-HBM3' });
  });

  test('the InfiniBand fixture\'s onPrem is the one in examples/hybrid.yaml', () => {
    const example = readFileSync('examples/hybrid.yaml', 'utf8');
    const { onPrem } = auditNodes(fixture('gpu-operator-h100-infiniband'), { kubeContext: 'dc1-admin' });
    for (const [key, value] of Object.entries(onPrem ?? {})) expect(example).toContain(`  ${key}: ${value}\n`);
  });

  test('GIVEN a mixed cluster (A100 over RoCE, L40S, CPU workers, a NotReady A100, an unhealthy L40S GPU) THEN the A100 section and the gaps', () => {
    const report = auditNodes(fixture('mixed-cluster'));
    expect(report.onPrem).toEqual({ gpuNodes: 4, gpusPerNode: 8, accelerator: 'a100', interconnect: 'roce' });
    expect(report.gaps.map((g) => g.id)).toEqual(['nodes-not-ready', 'mixed-gpu-models', 'gpus-unallocatable', 'nodes-without-gpus']);
    expect(report.score).toBe(100 - 20 - 15 - 10 - 5);
  });

  test('GIVEN a CPU-only cluster THEN no onPrem, 0, no-gpu-nodes', () => {
    const report = auditNodes(fixture('cpu-only'));
    expect(auditJson(report)).toEqual({
      onPrem: null,
      score: 0,
      gaps: [{ id: 'no-gpu-nodes', detail: 'none of the 4 nodes has an NVIDIA GPU (no nvidia.com/gpu capacity or GPU Feature Discovery labels): there is no on-prem GPU capacity to describe' }],
      nodes: [
        { name: 'cp-01', gpus: 0, product: null },
        { name: 'worker-01', gpus: 0, product: null },
        { name: 'worker-02', gpus: 0, product: null },
        { name: 'worker-03', gpus: 0, product: null },
      ],
    });
  });

  test('GIVEN an empty list THEN no onPrem, 0, no-nodes', () => {
    expect(auditJson(auditNodes(fixture('empty')))).toEqual({ onPrem: null, score: 0, gaps: [{ id: 'no-nodes', detail: 'the node list is empty: check the kube context (kubectl get nodes) or the file' }], nodes: [] });
  });

  test('GIVEN NotReady (False and Unknown) and cordoned H100 nodes on SR-IOV InfiniBand THEN all four counted, the gaps name them', () => {
    const report = auditNodes(fixture('not-ready'));
    expect(report.onPrem).toEqual({ gpuNodes: 4, gpusPerNode: 8, accelerator: 'h100', interconnect: 'infiniband' });
    expect(report.gaps.map((g) => [g.id, g.detail])).toEqual([
      ['nodes-not-ready', '2 nodes not Ready (gpu-02, gpu-03); onPrem counts them as capacity, so bring them back or take them out of the estimate'],
      ['nodes-cordoned', '1 node cordoned (gpu-04): no new pods land there'],
    ]);
    expect(report.score).toBe(70);
  });

  test('GIVEN an EKS cluster with hybrid nodes THEN onPrem is the hybrid nodes only, mode hybrid-nodes, no kubeContext', () => {
    const hybrid = { 'eks.amazonaws.com/compute-type': 'hybrid', ...NFD_INFINIBAND };
    const report = auditNodes(
      [gpuNode('mi-0a1', undefined, 8, { labels: hybrid }), gpuNode('mi-0a2', undefined, 8, { labels: hybrid }), gpuNode('ip-10-0-1-5.ec2.internal', 'NVIDIA-L4', 1), clusterNode('ip-10-0-2-9.ec2.internal')],
      { kubeContext: 'acme-eks' },
    );
    expect(report.onPrem).toEqual({ mode: 'hybrid-nodes', gpuNodes: 2, gpusPerNode: 8, accelerator: 'h100', interconnect: 'infiniband' });
    expect(report.gaps).toEqual([]);
    expect(report.nodes).toHaveLength(4);
  });
});
