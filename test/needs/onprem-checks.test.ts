import { eksServiceCidr } from '../../needs/eks-service-cidr';
import { needsWith, problemsOf } from '../support/needs-fixtures';

const NODES = { mode: 'hybrid-nodes', gpuNodes: 4, networkCidr: '192.168.0.0/20', podCidr: '192.168.64.0/18', vpnPeerIp: '203.0.113.10' };
const CLUSTER = { kubeContext: 'dc1', gpuNodes: 4, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

describe('onPrem.mode (NEEDS-v1.1)', () => {
  test('default: cluster', () => {
    expect(needsWith({ strategy: 'hybrid', onPrem: CLUSTER }).onPrem?.mode).toBe('cluster');
  });

  test('hybrid-nodes with RFC 1918 node and pod networks clear of the VPC and the service range is valid', () => {
    expect(problemsOf({ strategy: 'hybrid', onPrem: NODES })).toEqual([]);
  });

  test.each([
    [{ ...NODES, kubeContext: 'dc1' }, /onPrem\.kubeContext: must not be set in mode hybrid-nodes: the servers join the EKS cluster and run no cluster of their own; remove kubeContext, or set mode: cluster$/],
    [{ ...NODES, podCidr: undefined }, /onPrem\.mode: is hybrid-nodes, which needs onPrem\.podCidr: Cilium assigns pod addresses from it, and EKS routes to webhooks on hybrid nodes through it$/],
    [{ ...NODES, podCidr: '100.64.0.0/16' }, /onPrem\.podCidr: 100\.64\.0\.0\/16 is not in RFC 1918 space \(10\/8, 172\.16\/12, 192\.168\/16\), which EKS requires of hybrid node and pod networks$/],
    [{ ...NODES, networkCidr: '172.20.0.0/20' }, /onPrem\.networkCidr: 172\.20\.0\.0\/20 overlaps the cluster's Kubernetes service range 172\.20\.0\.0\/16 \(EKS's choice for a VPC of 10\.0\.0\.0\/16\); EKS rejects remote networks that do$/],
  ])('%j → %s', (onPrem, expected) => {
    const lines = problemsOf({ strategy: 'hybrid', onPrem });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  test.each([
    ['cluster (explicit) without kubeContext', { ...CLUSTER, mode: 'cluster', kubeContext: undefined }, /^needs\.yaml:\d+:\d+: onPrem\.kubeContext: is required in mode cluster: the kubeconfig context of the on-prem cluster \(or set mode: hybrid-nodes to join the servers to EKS\)$/],
    ['cluster (the default) without kubeContext', { ...CLUSTER, kubeContext: undefined }, /^needs\.yaml:\d+:\d+: onPrem\.kubeContext: is required in mode cluster/],
    ['hybrid-nodes with kubeContext', { ...NODES, kubeContext: 'dc1' }, /^needs\.yaml:\d+:\d+: onPrem\.kubeContext: must not be set in mode hybrid-nodes/],
    ['hybrid-nodes without podCidr', { ...NODES, podCidr: undefined }, /^needs\.yaml:\d+:\d+: onPrem\.mode: is hybrid-nodes, which needs onPrem\.podCidr/],
    ['a node network outside RFC 1918', { ...NODES, networkCidr: '100.64.0.0/20' }, /^needs\.yaml:\d+:\d+: onPrem\.networkCidr: 100\.64\.0\.0\/20 is not in RFC 1918 space/],
    ['a pod network overlapping the service range', { ...NODES, podCidr: '172.20.64.0/18' }, /^needs\.yaml:\d+:\d+: onPrem\.podCidr: 172\.20\.64\.0\/18 overlaps the cluster's Kubernetes service range 172\.20\.0\.0\/16/],
    ['a pod network overlapping the VPC', { ...NODES, podCidr: '10.0.64.0/18' }, /^needs\.yaml:\d+:\d+: onPrem\.podCidr: 10\.0\.64\.0\/18 overlaps cloud\.vpcCidr 10\.0\.0\.0\/16/],
    ['a pod network too small for a /25 per server', { ...NODES, gpuNodes: 600, podCidr: '192.168.128.0/17' }, /^needs\.yaml:\d+:\d+: onPrem\.podCidr: 192\.168\.128\.0\/17 holds 256 of the \/25 slices Cilium gives each hybrid node, but onPrem\.gpuNodes is 600; use a \/15 or larger$/],
    ['a pod network smaller than one slice', { ...NODES, gpuNodes: 1, podCidr: '192.168.128.0/26' }, /^needs\.yaml:\d+:\d+: onPrem\.podCidr: 192\.168\.128\.0\/26 holds 0 of the \/25 slices Cilium gives each hybrid node, but onPrem\.gpuNodes is 1; use a \/25 or larger$/],
  ])('GIVEN %s THEN one located error (FILE:LINE:COL)', (_name, onPrem, expected) => {
    const lines = problemsOf({ strategy: 'hybrid', onPrem });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  test('GIVEN mode cluster THEN the hybrid-nodes rules do not apply (a pod network too small for Cilium is fine)', () => {
    expect(problemsOf({ strategy: 'hybrid', onPrem: { ...CLUSTER, gpuNodes: 600, podCidr: '192.168.128.0/24' } })).toEqual([]);
  });

  test('an earlier problem does not hide a later one: a bad VPN peer and an overlapping network are both reported', () => {
    const lines = problemsOf({ strategy: 'hybrid', onPrem: { ...CLUSTER, vpnPeerIp: '10.1.2.3', networkCidr: '10.0.128.0/17' } });
    expect(lines).toEqual([
      expect.stringMatching(/onPrem\.networkCidr: 10\.0\.128\.0\/17 overlaps cloud\.vpcCidr/),
      expect.stringMatching(/onPrem\.vpnPeerIp: must be a public IPv4 address/),
    ]);
  });
});

describe('eksServiceCidr', () => {
  test('EKS picks 172.20.0.0/16 for a VPC in 10/8, else 10.100.0.0/16', () => {
    expect(eksServiceCidr('10.0.0.0/16')).toBe('172.20.0.0/16');
    expect(eksServiceCidr('192.168.0.0/16')).toBe('10.100.0.0/16');
    expect(eksServiceCidr('172.31.0.0/16')).toBe('10.100.0.0/16');
  });
});
