/**
 * The bucket policy statements of the lakehouse, as pure functions of ARNs and ids:
 * - every bucket: deny any request not made over TLS;
 * - data buckets confined to a network: deny object access that does not come through one of
 *   the allowed VPC endpoints (the gateway for cloud pods, the interface endpoint for on-prem),
 *   except exempt service roles and Athena on its caller's behalf;
 * - the access-log bucket: allow S3 server access log delivery from this account.
 */
import type { PolicyStatement } from '../iam/policy-document';
import { ACCESS_LOG_DELIVERY_ACTIONS, ACCESS_LOG_DELIVERY_PRINCIPAL, OBJECT_DATA_ACTIONS } from './lakehouse-actions';

/** Everyone: deny statements must also catch anonymous and cross-account requests. */
const EVERYONE = { AWS: '*' } as const;

/** The bucket and every object in it. */
function bucketAndObjects(bucketArn: string): string[] {
  return [bucketArn, `${bucketArn}/*`];
}

/**
 * Denies every request made without TLS (`aws:SecureTransport` false), whoever makes it.
 * S3 itself delivers access logs over TLS, so log delivery is not affected.
 */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: EVERYONE,
    actions: ['s3:*'],
    resources: bucketAndObjects(bucketArn),
    conditions: { Bool: { 'aws:SecureTransport': false } },
  };
}

/**
 * AWS services that read and write on the caller's behalf (forward access sessions) from their
 * own networks, so their requests carry no `aws:SourceVpce` even when the caller sits inside:
 * Athena. The endpoint deny exempts requests whose `aws:CalledVia` names one of them. A bucket
 * policy cannot tell where the Athena user is, so who may use Athena is decided on the IAM side
 * (./athena-query-policy: queries only through the VPC's Athena endpoint).
 */
export const NETWORK_EXEMPT_CALLERS = ['athena.amazonaws.com'] as const;

/**
 * Denies object reads, writes and deletes that do not arrive through one of `vpcEndpointIds`
 * (`aws:SourceVpce`; requests from outside any endpoint carry no such key, and
 * `StringNotEquals` on a missing key is true, so they are denied too), except requests of the
 * principals in `exemptPrincipalArns` (`aws:PrincipalArn`, the role ARN of an assumed-role
 * session; anonymous requests carry none, so they stay denied) and requests a service in
 * `exemptCallers` makes for its caller (`aws:CalledVia`).
 *
 * The statement's conditions all have to hold for the deny to apply (IAM ANDs them), so each
 * one is an exception:
 *
 * | condition                                                   | true (still denied) when                              |
 * |-------------------------------------------------------------|-------------------------------------------------------|
 * | `StringNotEquals aws:SourceVpce [endpoints]`                | the request came through none of the endpoints (or none at all) |
 * | `ArnNotEquals aws:PrincipalArn [exempt roles]`              | the caller is not an exempt role (anonymous: no key, true) |
 * | `ForAllValues:StringNotEquals aws:CalledVia [services]`     | no service in the call chain is exempt (a direct call has no key: true) |
 *
 * Why `ForAllValues` and not `ForAnyValue` for CalledVia: `ForAnyValue:StringNotEquals` is false
 * when the key is missing, which would exempt every direct request from anywhere.
 *
 * Only {@link OBJECT_DATA_ACTIONS} are denied: bucket management stays open to IAM so the
 * Terraform principal, which runs outside the VPC, can still read and change the bucket and
 * this very policy. A principal outside the VPC can list keys but not read, write or delete.
 *
 * The exempt principals are the one list of roles that may reach objects from outside the
 * endpoints: AWS services that work from their own networks with a role of the lakehouse
 * (Glue jobs and crawlers, Firehose delivering a stream, Macie through its service-linked
 * role, a Lake Formation registration role that vends credentials). Each is a role only its
 * service can assume.
 */
export function denyOutsideVpcEndpoints(
  bucketArn: string,
  vpcEndpointIds: readonly string[],
  exemptPrincipalArns: readonly string[] = [],
  exemptCallers: readonly string[] = NETWORK_EXEMPT_CALLERS,
): PolicyStatement {
  return {
    sid: 'DenyObjectAccessOutsideVpcEndpoints',
    effect: 'Deny',
    principals: EVERYONE,
    actions: OBJECT_DATA_ACTIONS,
    resources: bucketAndObjects(bucketArn),
    conditions: {
      StringNotEquals: { 'aws:SourceVpce': vpcEndpointIds },
      ...(exemptPrincipalArns.length > 0 ? { ArnNotEquals: { 'aws:PrincipalArn': exemptPrincipalArns } } : {}),
      ...(exemptCallers.length > 0 ? { 'ForAllValues:StringNotEquals': { 'aws:CalledVia': exemptCallers } } : {}),
    },
  };
}

/**
 * Lets S3 server access logging write into a bucket whose ACLs are disabled (object ownership
 * BucketOwnerEnforced): with ACLs off, the log delivery group's ACL grant no longer works and
 * the logging service principal needs this bucket policy statement instead. Limited to logs
 * of buckets in `sourceAccountId` (`aws:SourceAccount`), against the confused deputy.
 */
export function allowAccessLogDelivery(bucketArn: string, sourceAccountId: string): PolicyStatement {
  return {
    sid: 'AllowS3ServerAccessLogDelivery',
    principals: { Service: ACCESS_LOG_DELIVERY_PRINCIPAL },
    actions: ACCESS_LOG_DELIVERY_ACTIONS,
    resources: [`${bucketArn}/*`],
    conditions: { StringEquals: { 'aws:SourceAccount': sourceAccountId } },
  };
}
