/**
 * The AWS account and partition a stack deploys into, read at plan time.
 *
 * Why data sources at all: a key policy that names no `*` principal has to name the account
 * root principal, `arn:<partition>:iam::<account-id>:root`, and nothing in the needs file
 * states the account id (on purpose: the same needs file deploys to a dev and a prod account).
 * - `aws_caller_identity` reads the id with STS GetCallerIdentity, which the AWS provider
 *   already calls when it is configured, to check its credentials: no new API dependency and
 *   no permission beyond what every Terraform run already has.
 * - `aws_partition` makes no API call: the provider derives it from its region. It keeps ARNs
 *   right without a hard-coded `aws`.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Construct } from 'constructs';

/** The account id, the partition and the account's root principal, as Terraform references. */
export class AccountIdentity extends Construct {
  /** The 12-digit account id of the deploying credentials. */
  readonly accountId: string;
  /** The partition of the provider's region (`aws` for every region tracklayer accepts). */
  readonly partition: string;
  /** `arn:<partition>:iam::<account-id>:root`: the account itself, which delegates to IAM policies. */
  readonly rootArn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    this.accountId = caller.accountId;
    this.partition = partition.partition;
    this.rootArn = `arn:${this.partition}:iam::${this.accountId}:root`;
  }
}
