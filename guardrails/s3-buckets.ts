/**
 * S3 buckets of a stack with their companion resources. Since AWS provider v4 a bucket's
 * settings live in separate resources (`aws_s3_bucket_versioning`, ...) that name the bucket
 * in their `bucket` attribute: by reference (`${aws_s3_bucket.raw.bucket}` or `.id`) or by a
 * literal bucket name.
 */
import type { SynthesizedStack } from './rule';
import { blockList, referencesTo, resourcesOf, type TerraformBlock } from './terraform-json';

/** A bucket and the resources that configure it. */
export interface BucketView {
  readonly bucket: TerraformBlock;
  /**
   * True when the bucket receives S3 server access logs (it is the `target_bucket` of an
   * `aws_s3_bucket_logging`, or of a legacy inline `logging` block). Log delivery writes with
   * SSE-S3, so such buckets may use AES256 instead of a KMS key.
   */
  readonly isAccessLogTarget: boolean;
  /** The resources of `type` whose `bucket` is this bucket. */
  companions(type: string): TerraformBlock[];
}

/** True when `block.config.bucket` names `bucket` (by reference or by literal name). */
function names(block: TerraformBlock, bucket: TerraformBlock): boolean {
  const target = block.config.bucket;
  if (referencesTo(target, 'aws_s3_bucket').includes(bucket.name)) return true;
  return typeof target === 'string' && typeof bucket.config.bucket === 'string' && target === bucket.config.bucket;
}

/** The names of buckets that receive access logs in this stack. */
function accessLogTargets(stack: SynthesizedStack): Set<string> {
  const targets = new Set<string>();
  const buckets = resourcesOf(stack, 'aws_s3_bucket');
  const add = (target: unknown) => {
    for (const name of referencesTo(target, 'aws_s3_bucket')) targets.add(name);
    for (const bucket of buckets) if (typeof target === 'string' && target === bucket.config.bucket) targets.add(bucket.name);
  };
  for (const logging of resourcesOf(stack, 'aws_s3_bucket_logging')) add(logging.config.target_bucket);
  for (const bucket of buckets) for (const inline of blockList(bucket.config.logging)) add(inline.target_bucket);
  return targets;
}

/** Every `aws_s3_bucket` of the stack with its companions. */
export function bucketsOf(stack: SynthesizedStack): BucketView[] {
  const logTargets = accessLogTargets(stack);
  return resourcesOf(stack, 'aws_s3_bucket').map((bucket) => ({
    bucket,
    isAccessLogTarget: logTargets.has(bucket.name),
    companions: (type: string) => resourcesOf(stack, type).filter((block) => names(block, bucket)),
  }));
}
