/**
 * The Kubernetes service address range of an EKS cluster that does not set one: EKS assigns
 * 10.100.0.0/16, or 172.20.0.0/16 when the VPC lies in 10.0.0.0/8 (Amazon EKS API reference,
 * KubernetesNetworkConfigRequest `serviceIpv4Cidr`: "If you don't specify a block, Kubernetes
 * assigns addresses from either the 10.100.0.0/16 or 172.20.0.0/16 CIDR blocks").
 * Remote node and pod networks of EKS Hybrid Nodes must not overlap it.
 */
import { Cidr } from './ipv4';

const TEN_SLASH_EIGHT = Cidr.of('10.0.0.0/8');

/** The service CIDR EKS gives a cluster in a VPC of `vpcCidr`. */
export function eksServiceCidr(vpcCidr: string): string {
  return Cidr.of(vpcCidr).overlaps(TEN_SLASH_EIGHT) ? '172.20.0.0/16' : '10.100.0.0/16';
}
