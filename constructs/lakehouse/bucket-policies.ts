/**
 * The bucket policy statements of the lakehouse, as pure functions of ARNs and ids:
 * - every bucket: deny any request not made over TLS;
 * - data buckets confined to a network: deny object access that does not come through one of
 *   the allowed VPC endpoints;
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
 * Denies object reads, writes and deletes that do not arrive through one of `vpcEndpointIds`
 * (`aws:SourceVpce`; requests from outside any endpoint carry no such key, and
 * `StringNotEquals` on a missing key is true, so they are denied too), except requests of the
 * principals in `exemptPrincipalArns` (`aws:PrincipalArn`, the role ARN of an assumed-role
 * session; anonymous requests carry none, so they stay denied).
 *
 * Only {@link OBJECT_DATA_ACTIONS} are denied: bucket management stays open to IAM so the
 * Terraform principal, which runs outside the VPC, can still read and change the bucket and
 * this very policy. A principal outside the VPC can list keys but not read, write or delete.
 * AWS services that read on a caller's behalf from outside the VPC (Athena, Glue without a VPC
 * connection) are denied too: in the hybrid strategy that is the point.
 *
 * The exemptions are the one list of principals that may reach objects from outside the VPC:
 * AWS services that work from their own networks with a role of the lakehouse (Firehose
 * delivering the stream, Glue crawling and evaluating data quality, Macie classifying objects
 * through its service-linked role). Each is a role only its service can assume. Work that lets
 * further services in (an S3 interface endpoint, Athena through `aws:CalledVia`) extends this
 * list or the condition here, in one place.
 */
export function denyOutsideVpcEndpoints(bucketArn: string, vpcEndpointIds: readonly string[], exemptPrincipalArns: readonly string[] = []): PolicyStatement {
  return {
    sid: 'DenyObjectAccessOutsideVpcEndpoints',
    effect: 'Deny',
    principals: EVERYONE,
    actions: OBJECT_DATA_ACTIONS,
    resources: bucketAndObjects(bucketArn),
    conditions: {
      StringNotEquals: { 'aws:SourceVpce': vpcEndpointIds },
      ...(exemptPrincipalArns.length > 0 ? { ArnNotEquals: { 'aws:PrincipalArn': exemptPrincipalArns } } : {}),
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
