/**
 * How the data centre reaches S3 and Athena privately over the site-to-site VPN (hybrid strategy):
 * on-prem servers cannot use the VPC's S3 gateway endpoint (a gateway endpoint is a route-table
 * target; traffic from outside the VPC never takes it), so the lakehouse's "through the VPC's
 * endpoints only" bucket policy needs an endpoint they can reach.
 *
 * | resource                                    | for                                                                  |
 * |---------------------------------------------|----------------------------------------------------------------------|
 * | S3 **interface** endpoint (PrivateLink)     | on-prem reads and writes the lakehouse through ENIs in the private subnets; the bucket policy allows its id beside the gateway's |
 * | its private DNS, `private_dns_only_for_inbound_resolver_endpoint = true` | only queries that arrive through the Route 53 Resolver inbound endpoint get its addresses for `s3.<region>.amazonaws.com`; everything inside the VPC (cloud pods) keeps resolving to the gateway endpoint, which costs nothing per GB |
 * | Athena interface endpoint (private DNS)     | analysts query from inside (VPC or VPN); the IAM policy the lakehouse stack makes for Athena users requires it (`aws:SourceVpce`) |
 * | Route 53 Resolver **inbound** endpoint      | two addresses in two zones that on-prem DNS servers forward `s3.<region>.amazonaws.com` and `athena.<region>.amazonaws.com` to |
 * | one security group each                     | HTTPS (endpoints) from the VPC and the on-prem networks; DNS (53/udp, 53/tcp) from the on-prem networks only |
 *
 * The runtime path of an on-prem read: the client (a pod of the on-prem cluster through its
 * CoreDNS, or a host) asks the on-prem DNS server for `<bucket>.s3.<region>.amazonaws.com`; a
 * conditional forwarder sends the zone to the inbound endpoint's addresses (outputs
 * `on_prem_dns_resolver_ips`) over the VPN; the VPC resolver answers with the interface
 * endpoint's private addresses, because the query arrived through the inbound endpoint; the
 * client connects to them over the VPN; S3 sees `aws:SourceVpce` = the interface endpoint and the
 * bucket policy lets it through. Clients that cannot use that DNS (pods on EKS Hybrid Nodes, whose
 * cluster DNS runs in the VPC) use the endpoint-specific name instead
 * (`https://bucket.vpce-….s3.<region>.vpce.amazonaws.com`, output `s3_interface_endpoint_url`,
 * e.g. as `AWS_ENDPOINT_URL_S3`), which public DNS resolves to the same private addresses.
 *
 * Provider: hashicorp/aws 5.100.0 has `aws_vpc_endpoint.dns_options.private_dns_only_for_inbound_resolver_endpoint`;
 * AWS rejects it unless the VPC has an S3 gateway endpoint, so the interface endpoint waits for it.
 */
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, TerraformIterator, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Ports the resolver's security group opens for DNS. */
const DNS_PROTOCOLS = ['udp', 'tcp'] as const;

/** Props of {@link OnPremPrivateAccess}. */
export interface OnPremPrivateAccessProps {
  /** Prefix of names. */
  readonly namePrefix: string;
  /** The region, for service names `com.amazonaws.<region>.<service>`. */
  readonly region: string;
  /** The VPC. */
  readonly vpcId: string;
  /** The VPC CIDR (cloud clients of the interface endpoints). */
  readonly vpcCidr: string;
  /** The on-prem networks the VPN routes (`onPrem.networkCidr`, `podCidr`). */
  readonly onPremCidrs: readonly string[];
  /** Private subnets, one per zone (at least two: the resolver needs two addresses in two zones). */
  readonly subnetIds: readonly string[];
  /** The VPC's S3 gateway endpoint; the interface endpoint's DNS option requires it to exist first. */
  readonly s3Gateway: ITerraformDependable;
}

/** The S3 and Athena interface endpoints on-prem reaches, and the resolver that answers for them. */
export class OnPremPrivateAccess extends Construct {
  /** The S3 interface endpoint (bucket policies allow its id as `aws:SourceVpce`). */
  readonly s3Interface: VpcEndpoint;
  /** The Athena interface endpoint (the Athena users' policy requires it). */
  readonly athena: VpcEndpoint;
  /** The Route 53 Resolver inbound endpoint on-prem DNS forwards to. */
  readonly resolver: Route53ResolverEndpoint;
  /** The resolver's addresses, for the on-prem conditional forwarders. */
  readonly resolverIps: string[];
  /** `https://bucket.vpce-….s3.<region>.vpce.amazonaws.com`: the endpoint-specific S3 URL. */
  readonly s3InterfaceEndpointUrl: string;

  constructor(scope: Construct, id: string, props: OnPremPrivateAccessProps) {
    super(scope, id);
    const service = (name: string) => `com.amazonaws.${props.region}.${name}`;
    const endpointsGroup = this.securityGroup('endpoints', `${props.namePrefix}-on-prem-endpoints`, 'HTTPS to the S3 and Athena interface endpoints from the VPC and on-prem', props.vpcId);
    [props.vpcCidr, ...props.onPremCidrs].forEach((cidr, index) => {
      new VpcSecurityGroupIngressRule(this, `https-${index}`, {
        securityGroupId: endpointsGroup.id,
        description: `HTTPS from ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    });
    this.s3Interface = new VpcEndpoint(this, 's3-interface', {
      vpcId: props.vpcId,
      serviceName: service('s3'),
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: true },
      subnetIds: [...props.subnetIds],
      securityGroupIds: [endpointsGroup.id],
      tags: { Name: `${props.namePrefix}-s3-interface` },
      dependsOn: [props.s3Gateway],
    });
    this.athena = new VpcEndpoint(this, 'athena', {
      vpcId: props.vpcId,
      serviceName: service('athena'),
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [endpointsGroup.id],
      tags: { Name: `${props.namePrefix}-athena` },
    });
    const dnsGroup = this.securityGroup('resolver', `${props.namePrefix}-on-prem-dns`, 'DNS from on-prem to the Route 53 Resolver inbound endpoint', props.vpcId);
    props.onPremCidrs.forEach((cidr, index) => {
      for (const protocol of DNS_PROTOCOLS) {
        new VpcSecurityGroupIngressRule(this, `dns-${protocol}-${index}`, {
          securityGroupId: dnsGroup.id,
          description: `DNS (${protocol}) from on-prem ${cidr}`,
          ipProtocol: protocol,
          fromPort: 53,
          toPort: 53,
          cidrIpv4: cidr,
        });
      }
    });
    this.resolver = new Route53ResolverEndpoint(this, 'resolver', {
      name: `${props.namePrefix}-on-prem-inbound`,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [dnsGroup.id],
      // Two addresses in two zones (the API's minimum), from the first two private subnets.
      ipAddress: props.subnetIds.slice(0, 2).map((subnetId) => ({ subnetId })),
      tags: { Name: `${props.namePrefix}-on-prem-inbound` },
    });
    this.resolverIps = TerraformIterator.fromList(this.resolver.ipAddress).forExpressionForList('val.ip') as unknown as string[];
    // dns_entry[0] is the regional name `*.vpce-….s3.<region>.vpce.amazonaws.com`; `bucket.` replaces the wildcard (S3 User Guide, "Accessing buckets through interface endpoints").
    this.s3InterfaceEndpointUrl = `https://${Fn.replace(this.s3Interface.dnsEntry.get(0).dnsName, '*.', 'bucket.')}`;
  }

  private securityGroup(id: string, name: string, description: string, vpcId: string): SecurityGroup {
    return new SecurityGroup(this, `${id}-security-group`, { name, description, vpcId, tags: { Name: name } });
  }
}
