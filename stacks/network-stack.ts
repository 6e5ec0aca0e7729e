/**
 * The `<name>-network` stack: VPC, subnets in the zones of `cloud.zoneIds` (given or derived), NAT (one per
 * zone in prod, one otherwise), the S3 gateway and EKS interface endpoints, and flow logs. In the
 * hybrid strategy also the private path from on premises (OnPremPrivateAccess): S3 and Athena
 * interface endpoints the data centre reaches over the VPN, and a Route 53 Resolver inbound
 * endpoint its DNS forwards to.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { OnPremPrivateAccess } from '../constructs/network/on-prem-private-access';
import { VpcEndpoints } from '../constructs/network/vpc-endpoints';
import { VpcFlowLogs } from '../constructs/network/flow-logs';
import { VpcNetwork } from '../constructs/network/vpc-network';
import type { StackRef } from '../strategy/stack-plan';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** What the network stack gives the stacks that build on it. */
export interface NetworkOutputs {
  /** The VPC id. */
  readonly vpcId: string;
  /** The VPC CIDR block. */
  readonly vpcCidr: string;
  /** Availability Zone IDs, in the order of the subnet lists. */
  readonly zoneIds: readonly string[];
  /** Private subnet ids, one per zone. */
  readonly privateSubnetIds: readonly string[];
  /** Public subnet ids, one per zone. */
  readonly publicSubnetIds: readonly string[];
  /** Private route table ids, one per zone (VPN route propagation). */
  readonly privateRouteTableIds: readonly string[];
  /** The S3 gateway endpoint id (bucket policies can require it as `aws:sourceVpce`). */
  readonly s3EndpointId: string;
  /** The private path from on premises (hybrid strategy only). */
  readonly onPrem?: OnPremEndpointOutputs;
}

/** The endpoints on premises reaches over the VPN. */
export interface OnPremEndpointOutputs {
  /** The S3 interface endpoint id: the lakehouse allows it as `aws:SourceVpce` beside the gateway's. */
  readonly s3InterfaceEndpointId: string;
  /** The Athena interface endpoint id: Athena users may query only through it. */
  readonly athenaEndpointId: string;
}

/** The network stack. */
export class NetworkStack extends TracklayerStack {
  /** Typed outputs for consuming stacks (cross-stack references). */
  readonly outputs: NetworkOutputs;

  constructor(scope: Construct, ref: StackRef, context: StackContext) {
    super(scope, ref, context);
    const { cloud, environment } = context.needs;
    const zoneIds = cloud.zoneIds;
    const network = new VpcNetwork(this, 'vpc', {
      namePrefix: context.needs.name,
      cidr: cloud.vpcCidr,
      zoneIds,
      natGatewayPerZone: environment === 'prod',
    });
    const privateSubnetIds = network.zones.map((zone) => zone.privateSubnet.id);
    const privateRouteTableIds = network.zones.map((zone) => zone.privateRouteTable.id);
    const endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix: context.needs.name,
      region: cloud.region,
      vpcId: network.vpc.id,
      vpcCidr: cloud.vpcCidr,
      subnetIds: privateSubnetIds,
      routeTableIds: privateRouteTableIds,
    });
    new VpcFlowLogs(this, 'flow-logs', { namePrefix: context.needs.name, vpcId: network.vpc.id });
    const onPrem = context.strategy === 'hybrid' ? context.needs.onPrem : undefined;
    const onPremAccess = onPrem
      ? new OnPremPrivateAccess(this, 'on-prem-access', {
          namePrefix: context.needs.name,
          region: cloud.region,
          vpcId: network.vpc.id,
          vpcCidr: cloud.vpcCidr,
          onPremCidrs: [onPrem.networkCidr, ...(onPrem.podCidr ? [onPrem.podCidr] : [])],
          subnetIds: privateSubnetIds,
          s3Gateway: endpoints.s3Gateway,
        })
      : undefined;

    this.outputs = {
      vpcId: network.vpc.id,
      vpcCidr: cloud.vpcCidr,
      zoneIds,
      privateSubnetIds,
      publicSubnetIds: network.zones.map((zone) => zone.publicSubnet.id),
      privateRouteTableIds,
      s3EndpointId: endpoints.s3Gateway.id,
      ...(onPremAccess ? { onPrem: { s3InterfaceEndpointId: onPremAccess.s3Interface.id, athenaEndpointId: onPremAccess.athena.id } } : {}),
    };
    new TerraformOutput(this, 'vpc_id', { value: this.outputs.vpcId, description: 'The VPC id' });
    new TerraformOutput(this, 'private_subnet_ids', { value: privateSubnetIds, description: 'Private subnet ids, one per zone' });
    new TerraformOutput(this, 'public_subnet_ids', { value: this.outputs.publicSubnetIds, description: 'Public subnet ids, one per zone' });
    new TerraformOutput(this, 's3_endpoint_id', { value: this.outputs.s3EndpointId, description: 'The S3 gateway endpoint id' });
    if (onPremAccess) {
      new TerraformOutput(this, 'on_prem_dns_resolver_ips', {
        value: onPremAccess.resolverIps,
        description: 'Forward s3.<region>.amazonaws.com and athena.<region>.amazonaws.com from the on-prem DNS servers to these addresses',
      });
      new TerraformOutput(this, 's3_interface_endpoint_id', { value: onPremAccess.s3Interface.id, description: 'The S3 interface endpoint on-prem reaches over the VPN' });
      new TerraformOutput(this, 's3_interface_endpoint_url', { value: onPremAccess.s3InterfaceEndpointUrl, description: 'Endpoint-specific S3 URL (AWS_ENDPOINT_URL_S3) for clients that cannot use the forwarded DNS' });
      new TerraformOutput(this, 'athena_endpoint_id', { value: onPremAccess.athena.id, description: 'The Athena interface endpoint Athena users query through' });
    }
  }
}
