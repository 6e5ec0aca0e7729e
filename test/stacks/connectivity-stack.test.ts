import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf } from '../support/synth-json';

const onPrem = { kubeContext: 'dc1', gpuNodes: 4, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

describe('ConnectivityStack', () => {
  test('hybrid with burst: the VPN and hybrid-node access to the cloud cluster', () => {
    const stacks = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty' } }));
    const json = stacks['acme-ml-connectivity'];
    expect(resourcesOf(json, 'aws_vpn_connection')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_vpn_gateway_route_propagation')).toHaveLength(3);
    expect(resourcesOf(json, 'aws_eks_access_entry')).toHaveLength(1);
    expect(json.output?.hybrid_nodes_activation_code).toMatchObject({ sensitive: true });
  });

  test('hybrid without burst: the VPN only, no cluster to join', () => {
    const stacks = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem }));
    expect(stacks['acme-ml-gpu-cluster']).toBeUndefined();
    const json = stacks['acme-ml-connectivity'];
    expect(resourcesOf(json, 'aws_vpn_connection')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_eks_access_entry')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_vpn_connection_route').map((r) => r.destination_cidr_block)).toEqual(['10.50.0.0/16']);
  });
});
