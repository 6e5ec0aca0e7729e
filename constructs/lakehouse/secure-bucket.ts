/**
 * An S3 bucket that is protected unless told otherwise: a generated globally unique name from
 * a prefix, versioning, default encryption (SSE-KMS with a bucket key, or SSE-S3), all four
 * public access block flags, ACLs disabled, a TLS-only bucket policy, never `force_destroy`,
 * and optionally server access logs, object lock retention, a lifecycle and
 * `prevent_destroy`.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';
import { BucketEncryption } from './bucket-encryption';
import { BucketLifecycle, type BucketLifecycleProps } from './bucket-lifecycle';
import { allowAccessLogDelivery, denyInsecureTransport, denyOutsideVpcEndpoints } from './bucket-policies';
import { LakehouseError } from './lakehouse-error';

/** `bucket_prefix` may be at most 37 characters: S3 names are 63 and Terraform appends 26. */
export const MAX_BUCKET_PREFIX_LENGTH = 37;

/** A prefix of lowercase letters, digits and hyphens that starts a valid bucket name. */
const BUCKET_PREFIX_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Object lock default retention. */
export interface ObjectLockRetention {
  /** GOVERNANCE: principals with s3:BypassGovernanceRetention may still delete; COMPLIANCE: nobody, not even root. */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** Days a new object version may not be deleted or overwritten in place. */
  readonly days: number;
}

/** Where a bucket's server access logs go. */
export interface AccessLogDestination {
  /** The log bucket's name. */
  readonly bucketName: string;
  /** Key prefix of this bucket's logs, e.g. `raw/`. */
  readonly prefix: string;
}

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Start of the generated bucket name, e.g. `acme-ml-raw-` (at most 37 characters). */
  readonly namePrefix: string;
  /** Default encryption: `BucketEncryption.kms(keyArn)` for data, `BucketEncryption.s3Managed()` for access logs. */
  readonly encryption: BucketEncryption;
  /**
   * The lifecycle configuration (the bucket name is filled in).
   * @default - no lifecycle configuration
   */
  readonly lifecycle?: Omit<BucketLifecycleProps, 'bucket' | 'dependsOn'>;
  /**
   * Send server access logs to this log bucket.
   * @default - no server access logs
   */
  readonly accessLogs?: AccessLogDestination;
  /**
   * Accept server access logs from buckets of this account (for the log bucket itself).
   * @default - log delivery is not allowed
   */
  readonly acceptAccessLogsFromAccount?: string;
  /**
   * Object lock with this default retention; object lock is enabled when the bucket is created
   * (adding it later replaces the bucket).
   * @default - no object lock
   */
  readonly objectLock?: ObjectLockRetention;
  /**
   * Deny object reads, writes and deletes that do not come through one of these VPC endpoints.
   * @default - objects are reachable from any network (IAM still decides who)
   */
  readonly vpcEndpointIds?: readonly string[];
  /**
   * Principals (role ARNs) the `vpcEndpointIds` confinement does not apply to: AWS services that
   * reach the bucket from their own networks with a role made for them (see
   * `denyOutsideVpcEndpoints`). Ignored without `vpcEndpointIds`.
   * @default - none: the confinement applies to everyone
   */
  readonly vpcEndpointExemptPrincipalArns?: readonly string[];
  /**
   * Refuse any plan that destroys the bucket (`lifecycle.prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags of the bucket, on top of the provider's default tags.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A protected bucket and the resources that configure it. */
export class SecureBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** The bucket policy (TLS only, plus what the props add). */
  readonly policy: S3BucketPolicy;
  /** The lifecycle configuration, when one was asked for. */
  readonly lifecycle?: BucketLifecycle;
  /** The generated bucket name. */
  readonly name: string;
  /** The bucket ARN. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.validate(props);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucketPrefix: props.namePrefix,
      forceDestroy: false, // stated, not defaulted: deleting a bucket must never delete its objects
      objectLockEnabled: props.objectLock ? true : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;

    const versioning = new S3BucketVersioningA(this, 'versioning', { bucket: this.name, versioningConfiguration: { status: 'Enabled' } });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.name,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.name, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.name,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: props.encryption.algorithm, kmsMasterKeyId: props.encryption.kmsKeyArn },
          bucketKeyEnabled: props.encryption.bucketKey,
        },
      ],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.name,
      policy: policyDocument(this.policyStatements(props)),
      dependsOn: [publicAccessBlock], // both change the bucket's policy status; S3 rejects them in parallel
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'access-logs', {
        bucket: this.name,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: props.accessLogs.prefix,
        // date-partitioned keys: Athena can prune log queries by day
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
      });
    }
    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket: this.name,
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: [versioning], // object lock requires versioning
      });
    }
    if (props.lifecycle) {
      this.lifecycle = new BucketLifecycle(this, 'lifecycle', { ...props.lifecycle, bucket: this.name, dependsOn: [versioning] });
    }
  }

  private policyStatements(props: SecureBucketProps): PolicyStatement[] {
    return [
      denyInsecureTransport(this.arn),
      ...(props.vpcEndpointIds && props.vpcEndpointIds.length > 0 ? [denyOutsideVpcEndpoints(this.arn, props.vpcEndpointIds, props.vpcEndpointExemptPrincipalArns)] : []),
      ...(props.acceptAccessLogsFromAccount ? [allowAccessLogDelivery(this.arn, props.acceptAccessLogsFromAccount)] : []),
    ];
  }

  private validate(props: SecureBucketProps): void {
    const path = this.node.path;
    const prefix = props.namePrefix;
    if (!Token.isUnresolved(prefix) && (prefix.length > MAX_BUCKET_PREFIX_LENGTH || !BUCKET_PREFIX_PATTERN.test(prefix))) {
      throw new LakehouseError(
        path,
        `namePrefix must be 1 to ${MAX_BUCKET_PREFIX_LENGTH} lowercase letters, digits and hyphens, starting with a letter or digit, got "${prefix}" (${prefix.length} characters)`,
      );
    }
    if (props.objectLock && !Token.isUnresolved(props.objectLock.days) && (!Number.isInteger(props.objectLock.days) || props.objectLock.days < 1)) {
      throw new LakehouseError(path, `objectLock.days must be a positive whole number, got ${props.objectLock.days}`);
    }
    if (props.objectLock && props.acceptAccessLogsFromAccount) {
      throw new LakehouseError(path, 'a server access log bucket cannot have an object lock default retention (S3 does not deliver logs to it); drop objectLock or acceptAccessLogsFromAccount');
    }
    if (props.acceptAccessLogsFromAccount && props.encryption.algorithm !== 'AES256') {
      throw new LakehouseError(path, 'a server access log bucket must use SSE-S3 (BucketEncryption.s3Managed()): S3 cannot deliver logs to an SSE-KMS bucket');
    }
    if (props.vpcEndpointIds && props.vpcEndpointIds.length === 0) {
      throw new LakehouseError(path, 'vpcEndpointIds is empty, which would deny all object access; omit it to allow any network');
    }
  }
}
