/**
 * The launch-template network interfaces that give a node one EFA device per EFA-capable
 * network card. Pure, so the layout is tested without synthesis.
 *
 * Layout (one row per network card, `n = instance.efaInterfaces`):
 *
 * | network_card_index | device_index | interface_type | carries                                   |
 * | ------------------ | ------------ | -------------- | ----------------------------------------- |
 * | 0                  | 0            | `efa`          | the primary interface: IP traffic + EFA   |
 * | 1 .. n-1           | 1            | `efa-only`     | EFA (RDMA) only: no IP address, no ENA    |
 *
 * Why this shape:
 * - The primary interface (card 0, device 0) cannot be EFA-only: "EFA-only interfaces can only
 *   be configured as a secondary interface, with the primary interface being either EFA coupled
 *   with ENA or just ENA" (AWS announcement of EFA-only, 2024-10-28). `efa` ("EFA with ENA")
 *   gives card 0 its EFA device and the node its one private IP.
 * - The other cards get EFA-only interfaces: full EFA bandwidth without spending a VPC IP per
 *   card (32 per p5 node otherwise) or creating extra IP interfaces that confuse Linux routing.
 *   AWS: "Use case 1: Save IP addresses and avoid potential Linux IP issues".
 * - Device index 1 on cards 1..n-1: an earlier revision of the EC2 guide's multi-card EFA
 *   recommendation reads "for each additional network interface, use the next unused network card
 *   index, device index 1, and either an EFA (EFA with ENA) or EFA-only network interface"
 *   (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html, still so in
 *   the docs.amazonaws.cn copy), and it is what terraform-aws-eks's eks-managed-node-group
 *   `enable_efa_only` generates (`device_index = i == 0 ? 0 : 1`). The current revision of that
 *   page shows an ENA primary plus EFA-only on card 0 / device 1 and EFA-only at device index 0
 *   on the other cards; both give one EFA device per card. SECONDARY_CARD_DEVICE_INDEX is the
 *   one place to change if AWS ever rejects device index 1.
 * - `network_card_index` is unique per interface, so every card carries exactly one EFA.
 * - Managed node groups take this per-interface layout from the launch template (EKS User
 *   Guide, "Manage EFA devices on Amazon EKS", device-management-efa.html); the EKS AL2023
 *   NVIDIA and Neuron AMIs carry the EFA host software, the EFA device plugin (or DRA driver)
 *   is installed on the cluster separately.
 * - No `subnet_id`: EKS managed node groups forbid a subnet in the launch template's network
 *   interfaces (the node group's subnets apply). Security groups go on every interface, and
 *   then nowhere else in the launch template (see node-launch-template.ts).
 */
import type { InstanceTypeSpec } from '../../catalog/instance-type';
import { ComputeError, EfaNotSupportedError } from './compute-error';

/** Device index of the primary interface on network card 0 (EC2: always 0). */
export const PRIMARY_DEVICE_INDEX = 0;

/** Device index of the EFA-only interface on every network card after the first (see above). */
export const SECONDARY_CARD_DEVICE_INDEX = 1;

/** What the EFA layout needs of an instance type: its name and its EFA-capable network cards. */
export type EfaInstance = Pick<InstanceTypeSpec, 'name' | 'efaInterfaces'>;

/** One entry of `aws_launch_template.network_interfaces`, in the provider binding's shape. */
export interface EfaNetworkInterface {
  /** Which network card the interface sits on; unique within the list. */
  readonly networkCardIndex: number;
  /** Device index on that card. */
  readonly deviceIndex: number;
  /** `efa` (EFA with ENA, card 0) or `efa-only` (the other cards). */
  readonly interfaceType: 'efa' | 'efa-only';
  /** Security groups of the interface; the same groups on every interface. */
  readonly securityGroups: string[];
  /** Always `'false'` (the provider takes a string): nodes sit in private subnets. */
  readonly associatePublicIpAddress: 'false';
  /** Always `'true'` (the provider takes a string): interfaces die with the node. */
  readonly deleteOnTermination: 'true';
}

/**
 * The network interfaces for `instance`, one per EFA-capable network card, each with
 * `securityGroupIds`.
 * @throws EfaNotSupportedError when the instance type has no EFA (`efaInterfaces === 0`).
 * @throws ComputeError when `securityGroupIds` is empty.
 */
export function efaNetworkInterfaces(instance: EfaInstance, securityGroupIds: readonly string[]): EfaNetworkInterface[] {
  if (instance.efaInterfaces < 1) throw new EfaNotSupportedError('efaNetworkInterfaces', instance);
  if (securityGroupIds.length === 0) {
    throw new ComputeError(
      'efaNetworkInterfaces',
      `securityGroupIds is empty; pass the EFA security group and the cluster security group (the launch template's groups replace the ones EKS would add)`,
    );
  }
  return Array.from({ length: instance.efaInterfaces }, (_, card) => ({
    networkCardIndex: card,
    deviceIndex: card === 0 ? PRIMARY_DEVICE_INDEX : SECONDARY_CARD_DEVICE_INDEX,
    interfaceType: card === 0 ? 'efa' : 'efa-only',
    securityGroups: [...securityGroupIds],
    associatePublicIpAddress: 'false',
    deleteOnTermination: 'true',
  }));
}
