/**
 * The `<name>-connectivity` stack of the hybrid strategy: a site-to-site VPN between the VPC and
 * the data centre (`onPrem.vpnPeerIp`, routes to `onPrem.networkCidr` and `podCidr`), and, in
 * `onPrem.mode: hybrid-nodes`, what the on-prem GPU servers need to join the EKS cluster as EKS
 * Hybrid Nodes (HybridNodesAccess: security group rules, role, SSM activation, access entry) and
 * the nodeadm configuration they join with.
 *
 * In mode `cluster` the servers run their own cluster (the onprem-platform stack) and never join
 * EKS: the stack carries the VPN only, no activation, role or access entry.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { HybridNodesAccess } from '../constructs/connectivity/hybrid-nodes-access';
import { nodeadmConfigYaml } from '../constructs/connectivity/nodeadm-config';
import { SiteToSiteVpn } from '../constructs/connectivity/site-to-site-vpn';
import { AccountIdentity } from '../constructs/kms/account-identity';
import type { OnPremNeed } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import type { GpuClusterOutputs } from './gpu-cluster-stack';
import type { NetworkOutputs } from './network-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** The stacks the connectivity stack builds on. */
export interface ConnectivityDependencies {
  readonly network: NetworkOutputs;
  /** The EKS cluster; present when the hybrid deployment has one (burst, or hybrid nodes). */
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
    if (onPrem.mode === 'hybrid-nodes') {
      // The stack plan always builds the cluster in this mode; its absence is a bug.
      if (!deps.cluster) throw new Error(`${ref.name}: onPrem.mode hybrid-nodes needs the gpu-cluster stack built first`);
      this.addHybridNodes(onPrem, deps.cluster);
    }
  }

  /** Access for the servers to join the cluster, and what they join with. */
  private addHybridNodes(onPrem: OnPremNeed, cluster: GpuClusterOutputs): void {
    const { needs } = this.context;
    const account = new AccountIdentity(this, 'account');
    const hybrid = new HybridNodesAccess(this, 'hybrid-nodes', {
      namePrefix: needs.name,
      clusterName: cluster.clusterName,
      region: needs.cloud.region,
      accountId: account.accountId,
      partition: account.partition,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
      nodeCidr: onPrem.networkCidr,
      podCidr: onPrem.podCidr,
      registrationLimit: onPrem.gpuNodes,
    });
    new TerraformOutput(this, 'hybrid_nodes_activation_id', { value: hybrid.activation.id, description: 'SSM activation id for nodeadm on the on-prem servers' });
    new TerraformOutput(this, 'hybrid_nodes_activation_code', { value: hybrid.activation.activationCode, sensitive: true, description: 'SSM activation code for nodeadm (registers servers for 24 hours)' });
    new TerraformOutput(this, 'hybrid_nodes_activation_address', {
      value: `${hybrid.activation.terraformResourceType}.${hybrid.activation.friendlyUniqueId}`,
      description: 'Replace this resource (terraform apply -replace=<address>) for a new activation after the 24 hours',
    });
    new TerraformOutput(this, 'hybrid_nodes_nodeadm_config', {
      value: nodeadmConfigYaml({
        clusterName: cluster.clusterName,
        region: needs.cloud.region,
        activationId: hybrid.activation.id,
        activationCode: hybrid.activation.activationCode,
        accelerator: onPrem.accelerator,
        project: needs.name,
      }),
      sensitive: true,
      description: 'nodeConfig.yaml for `nodeadm init -c file://nodeConfig.yaml` on each server (holds the activation code)',
    });
  }
}
