/**
 * Default encryption of a bucket as a value, so a bucket cannot be half-configured (a KMS
 * algorithm without a key, a key with SSE-S3):
 *
 * | factory                      | sse_algorithm | key       | bucket key |
 * |------------------------------|---------------|-----------|------------|
 * | `BucketEncryption.kms(arn)`  | aws:kms       | `arn`     | on         |
 * | `BucketEncryption.s3Managed()` | AES256      | -         | off        |
 *
 * Bucket keys cut KMS requests (and their cost and throttling) by up to 99%: S3 derives object
 * keys from a bucket-level key instead of calling KMS for every object. They only apply to
 * SSE-KMS. SSE-S3 is for server access log buckets, which S3 cannot deliver to under SSE-KMS.
 */
export class BucketEncryption {
  /** SSE-KMS with a customer-managed key and an S3 bucket key. */
  static kms(keyArn: string): BucketEncryption {
    return new BucketEncryption('aws:kms', keyArn, true);
  }

  /** SSE-S3 (AES256) with S3-managed keys. */
  static s3Managed(): BucketEncryption {
    return new BucketEncryption('AES256', undefined, false);
  }

  private constructor(
    /** `sse_algorithm` of the default encryption rule. */
    readonly algorithm: 'aws:kms' | 'AES256',
    /** The KMS key ARN (SSE-KMS only). */
    readonly kmsKeyArn: string | undefined,
    /** Whether the S3 bucket key is enabled. */
    readonly bucketKey: boolean,
  ) {}
}
