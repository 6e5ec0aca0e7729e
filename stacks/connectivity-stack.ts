/**
 * The `<name>-connectivity` stack of the hybrid strategy: a site-to-site VPN between the VPC and
 * the data centre (`onPrem.vpnPeerIp`, routes to `onPrem.networkCidr` and `podCidr`), and, when
 * the gpu-cluster stack exists, what on-prem GPU servers need to join it as EKS Hybrid Nodes,
 * so one control plane schedules across both sites.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { HybridNodesAccess } from '../constructs/connectivity/hybrid-nodes-access';
import { SiteToSiteVpn } from '../constructs/connectivity/site-to-site-vpn';
import type { StackRef } from '../strategy/stack-plan';
import type { GpuClusterOutputs } from './gpu-cluster-stack';
import type { NetworkOutputs } from './network-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The stacks the connectivity stack builds on. */
export interface ConnectivityDependencies {
  readonly network: NetworkOutputs;
  /** Present when the hybrid deployment has a cloud cluster (burst capacity). */
  readonly cluster?: GpuClusterOutputs;
}

/** The connectivity stack. */
export class ConnectivityStack extends TracklayerStack {
  constructor(scope: Construct, ref: StackRef, context: StackContext, deps: ConnectivityDependencies) {
    super(scope, ref, context);
    const onPrem = context.needs.onPrem;
    if (!onPrem) throw new Error(`${ref.name}: the connectivity stack needs onPrem (validation guarantees it for hybrid)`);
    const onPremCidrs = [onPrem.networkCidr, ...(onPrem.podCidr ? [onPrem.podCidr] : [])];
    const vpn = new SiteToSiteVpn(this, 'vpn', {
      namePrefix: context.needs.name,
      vpcId: deps.network.vpcId,
      routeTableIds: deps.network.privateRouteTableIds,
      peerIp: onPrem.vpnPeerIp,
      onPremCidrs,
    });
    new TerraformOutput(this, 'vpn_connection_id', { value: vpn.connection.id, description: 'Download the device configuration for this VPN connection in the VPC console' });
    new TerraformOutput(this, 'vpn_tunnel_addresses', { value: [vpn.connection.tunnel1Address, vpn.connection.tunnel2Address], description: 'AWS endpoints of the two tunnels' });
    if (deps.cluster) {
      const hybrid = new HybridNodesAccess(this, 'hybrid-nodes', {
        namePrefix: context.needs.name,
        clusterName: deps.cluster.clusterName,
        clusterSecurityGroupId: deps.cluster.clusterSecurityGroupId,
        nodeCidr: onPrem.networkCidr,
        podCidr: onPrem.podCidr,
        registrationLimit: onPrem.gpuNodes,
      });
      new TerraformOutput(this, 'hybrid_nodes_activation_id', { value: hybrid.activation.id, description: 'SSM activation id for nodeadm on the on-prem servers' });
      new TerraformOutput(this, 'hybrid_nodes_activation_code', { value: hybrid.activation.activationCode, sensitive: true, description: 'SSM activation code for nodeadm (valid for 24 hours)' });
    }
  }
}
