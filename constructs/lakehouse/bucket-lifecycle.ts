/**
 * The lifecycle configuration of one bucket: storage tiers for current or for noncurrent
 * versions, noncurrent versions expiring after an undo window, incomplete multipart uploads
 * aborted, and current versions kept forever unless an expiry is asked for.
 *
 * Rules, by id (ids are what the console and `GetBucketLifecycleConfiguration` show):
 * - `abort-incomplete-multipart-uploads` always.
 * - `tier-current-versions` when `tiering` is `current-versions`.
 * - `noncurrent-versions`: tiers for noncurrent versions when `tiering` is
 *   `noncurrent-versions`, and their expiry (always).
 * - `expire-current-versions` only with `currentVersionExpiryDays` (log buckets); otherwise
 *   `remove-expired-delete-markers`, which removes delete markers with no version left behind
 *   them: bookkeeping only, never data.
 */
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakehouseError } from './lakehouse-error';
import type { TierDays } from '../../catalog/s3-lifecycle-rules';
import { expiryAfterTransitions, tierSchedule, type TierTransition } from './storage-tiers';

/**
 * Days a noncurrent version (an overwritten or deleted object) is kept: a quarter is time to
 * notice a bad overwrite or delete in a monthly review and restore the previous version, at
 * the cost of storing overwritten data for three months. Object lock retention, when set,
 * keeps versions longer: lifecycle never deletes a locked version.
 */
export const DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS = 90;

/** Days before an incomplete multipart upload is aborted: a week covers any upload still in progress; the parts are invisible but billed. */
export const DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** Which versions move through the storage tiers. */
export type Tiering = 'current-versions' | 'noncurrent-versions' | 'none';

/** Props of {@link BucketLifecycle}. */
export interface BucketLifecycleProps {
  /** The bucket name (its `id`). */
  readonly bucket: string;
  /**
   * The tiers' days.
   * @default - no transitions (`tiering` must then be `none`)
   */
  readonly tiers?: TierDays;
  /**
   * Which versions move through the tiers: `current-versions` for data that cools as it
   * ages, `noncurrent-versions` for data whose latest version must stay fast (model artifacts).
   * @default 'current-versions' with `tiers`, else 'none'
   */
  readonly tiering?: Tiering;
  /**
   * Days before a noncurrent version expires. With `noncurrent-versions` tiering it is raised,
   * if needed, past the last tier's minimum storage duration.
   * @default DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS
   */
  readonly noncurrentVersionExpiryDays?: number;
  /**
   * Days before current versions expire.
   * @default - current versions never expire
   */
  readonly currentVersionExpiryDays?: number;
  /**
   * Days before incomplete multipart uploads are aborted.
   * @default DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS
   */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Resources to create first (versioning: AWS recommends configuring it before lifecycle).
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Applies to every object: an empty prefix (an empty `filter {}` draws a provider warning since 5.90). */
const WHOLE_BUCKET = [{ prefix: '' }];

/** An `aws_s3_bucket_lifecycle_configuration` with the rules above. */
export class BucketLifecycle extends Construct {
  /** The lifecycle configuration. */
  readonly configuration: S3BucketLifecycleConfiguration;
  /** The tier transitions configured (empty without tiering). */
  readonly transitions: readonly TierTransition[];
  /** The noncurrent version expiry actually configured. */
  readonly noncurrentVersionExpiryDays: number;

  constructor(scope: Construct, id: string, props: BucketLifecycleProps) {
    super(scope, id);
    const tiering = props.tiering ?? (props.tiers ? 'current-versions' : 'none');
    if (tiering !== 'none' && !props.tiers) {
      throw new LakehouseError(this.node.path, `tiering "${tiering}" needs tiers; pass tiers or set tiering to "none"`);
    }
    // Throws, naming the tier, on days S3 would reject: nothing is configured from them.
    this.transitions = props.tiers && tiering !== 'none' ? tierSchedule(props.tiers) : [];
    const noncurrentTransitions = tiering === 'noncurrent-versions' ? this.transitions : [];
    const requestedNoncurrentExpiry = props.noncurrentVersionExpiryDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS;
    this.noncurrentVersionExpiryDays = expiryAfterTransitions(noncurrentTransitions, requestedNoncurrentExpiry);
    const abortDays = props.abortIncompleteUploadDays ?? DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS;
    this.checkDays({ noncurrentVersionExpiryDays: requestedNoncurrentExpiry, abortIncompleteUploadDays: abortDays, currentVersionExpiryDays: props.currentVersionExpiryDays });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: WHOLE_BUCKET, abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }] },
    ];
    if (tiering === 'current-versions') {
      rules.push({
        id: 'tier-current-versions',
        status: 'Enabled',
        filter: WHOLE_BUCKET,
        transition: this.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
      });
    }
    rules.push({
      id: 'noncurrent-versions',
      status: 'Enabled',
      filter: WHOLE_BUCKET,
      ...(noncurrentTransitions.length > 0
        ? { noncurrentVersionTransition: noncurrentTransitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass })) }
        : {}),
      noncurrentVersionExpiration: [{ noncurrentDays: this.noncurrentVersionExpiryDays }],
    });
    if (props.currentVersionExpiryDays !== undefined) {
      rules.push({ id: 'expire-current-versions', status: 'Enabled', filter: WHOLE_BUCKET, expiration: [{ days: props.currentVersionExpiryDays }] });
    } else {
      rules.push({ id: 'remove-expired-delete-markers', status: 'Enabled', filter: WHOLE_BUCKET, expiration: [{ expiredObjectDeleteMarker: true }] });
    }
    this.configuration = new S3BucketLifecycleConfiguration(this, 'configuration', {
      bucket: props.bucket,
      rule: rules,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }

  private checkDays(days: Record<string, number | undefined>): void {
    for (const [prop, value] of Object.entries(days)) {
      if (value === undefined || Token.isUnresolved(value)) continue;
      if (!Number.isInteger(value) || value < 1) {
        throw new LakehouseError(this.node.path, `${prop} must be a positive whole number of days, got ${value}`);
      }
    }
  }
}
