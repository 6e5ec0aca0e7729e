/**
 * The `<name>-network` stack: VPC, subnets in the zones of `cloud.zoneIds` (given or derived), NAT (one per
 * zone in prod, one otherwise), the S3 gateway and EKS interface endpoints, and flow logs.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
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

    this.outputs = {
      vpcId: network.vpc.id,
      vpcCidr: cloud.vpcCidr,
      zoneIds,
      privateSubnetIds,
      publicSubnetIds: network.zones.map((zone) => zone.publicSubnet.id),
      privateRouteTableIds,
      s3EndpointId: endpoints.s3Gateway.id,
    };
    new TerraformOutput(this, 'vpc_id', { value: this.outputs.vpcId, description: 'The VPC id' });
    new TerraformOutput(this, 'private_subnet_ids', { value: privateSubnetIds, description: 'Private subnet ids, one per zone' });
    new TerraformOutput(this, 'public_subnet_ids', { value: this.outputs.publicSubnetIds, description: 'Public subnet ids, one per zone' });
    new TerraformOutput(this, 's3_endpoint_id', { value: this.outputs.s3EndpointId, description: 'The S3 gateway endpoint id' });
  }
}
