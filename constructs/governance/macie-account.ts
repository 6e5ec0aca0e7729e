/**
 * Amazon Macie, enabled in the account and region (`aws_macie2_account`), publishing finding
 * updates every 15 minutes (new findings are published to EventBridge at once).
 *
 * Macie is an account-wide service: disabling it deletes every Macie finding, job and setting
 * of the account in that region, including those tracklayer did not create. So this resource
 * always carries `prevent_destroy`, in every environment: tearing a stack down stops at it, and
 * the way out is deliberate (`terraform state rm` of this resource, then disable Macie by hand
 * if nobody else uses it). Where Macie is already enabled (by another team, or an organization's
 * delegated administrator), creating it fails; import it instead:
 * `terraform import <address> <account-id>`.
 *
 * Enabling Macie creates its service-linked role, AWSServiceRoleForAmazonMacie, through which it
 * reads buckets; `serviceRoleArn` is that role, read from the account resource, so whatever names
 * it (the lakehouse key policy, the bucket policies' exemption) waits for Macie to be enabled.
 */
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';

/** How often Macie publishes updates of existing findings to EventBridge: the shortest it offers. */
export const FINDING_PUBLISHING_FREQUENCY = 'FIFTEEN_MINUTES';

/** Macie in the account. */
export class MacieAccount extends Construct {
  readonly account: Macie2Account;
  /** The ARN of Macie's service-linked role. */
  readonly serviceRoleArn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.account = new Macie2Account(this, 'account', {
      status: 'ENABLED',
      findingPublishingFrequency: FINDING_PUBLISHING_FREQUENCY,
      lifecycle: { preventDestroy: true },
    });
    this.serviceRoleArn = this.account.serviceRole;
  }
}

/**
 * The key policy statement that lets Macie's service-linked role decrypt objects encrypted with
 * the key. Macie reads SSE-KMS objects with its own role, whose AWS managed policy grants no use
 * of customer-managed keys, so the key policy must name it
 * (https://docs.aws.amazon.com/macie/latest/user/discovery-supported-encryption-types.html).
 */
export function macieKeyStatement(serviceRoleArn: string): PolicyStatement {
  return { sid: 'AllowMacieToReadObjects', principals: { AWS: serviceRoleArn }, actions: ['kms:Decrypt'], resources: ['*'] };
}
