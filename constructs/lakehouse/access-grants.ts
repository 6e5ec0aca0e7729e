/**
 * Access to the lakehouse as IAM statements for an identity policy: read data, write data, and
 * read one edge site's models. The action lists come from lakehouse-actions.ts; this file only
 * decides which resources they apply to. Pure functions of ARNs, tested without synthesis.
 */
import type { PolicyStatement } from '../iam/policy-document';
import {
  BUCKET_READ_ACTIONS,
  BUCKET_WRITE_ACTIONS,
  KEY_READ_ACTIONS,
  KEY_WRITE_ACTIONS,
  PREFIX_LIST_ACTIONS,
  PREFIX_READ_ACTIONS,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from './lakehouse-actions';
import { LakehouseError } from './lakehouse-error';

/** Models for edge site `<site>` live under `sites/<site>/` of the models bucket. */
export const MODEL_SITES_PREFIX = 'sites/';

/** An edge site name (NEEDS-v1 `inference.sites[].name`): no wildcards can slip into a policy. */
const SITE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** What a grant covers. */
export interface DataResources {
  /** ARNs of the buckets. */
  readonly bucketArns: readonly string[];
  /** The key the buckets' objects are encrypted with. */
  readonly kmsKeyArn: string;
  /**
   * The S3 Tables table bucket.
   * @default - no table access
   */
  readonly tableBucketArn?: string;
}

function objectsOf(bucketArns: readonly string[]): string[] {
  return bucketArns.map((arn) => `${arn}/*`);
}

function tableResources(tableBucketArn: string): string[] {
  return [tableBucketArn, `${tableBucketArn}/*`];
}

/** Statements to read objects (and earlier versions), list the buckets and read tables. */
export function readDataStatements(resources: DataResources): PolicyStatement[] {
  return [
    { sid: 'ReadLakehouseObjects', actions: BUCKET_READ_ACTIONS, resources: [...resources.bucketArns, ...objectsOf(resources.bucketArns)] },
    { sid: 'DecryptLakehouseObjects', actions: KEY_READ_ACTIONS, resources: [resources.kmsKeyArn] },
    ...(resources.tableBucketArn ? [{ sid: 'ReadLakehouseTables', actions: TABLE_READ_ACTIONS, resources: tableResources(resources.tableBucketArn) }] : []),
  ];
}

/**
 * Statements to write objects and delete them recoverably, and to create and commit tables.
 * Writers usually read too; combine with {@link readDataStatements} when they do.
 */
export function writeDataStatements(resources: DataResources): PolicyStatement[] {
  return [
    { sid: 'WriteLakehouseObjects', actions: BUCKET_WRITE_ACTIONS, resources: [...resources.bucketArns, ...objectsOf(resources.bucketArns)] },
    { sid: 'EncryptLakehouseObjects', actions: KEY_WRITE_ACTIONS, resources: [resources.kmsKeyArn] },
    ...(resources.tableBucketArn ? [{ sid: 'WriteLakehouseTables', actions: TABLE_WRITE_ACTIONS, resources: tableResources(resources.tableBucketArn) }] : []),
  ];
}

/** The key prefix of a site's models, `sites/<site>/`. */
export function siteModelPrefix(site: string): string {
  if (!SITE_NAME_PATTERN.test(site)) {
    throw new LakehouseError('site', `must be an edge site name (2 to 32 lowercase letters, digits and hyphens, starting with a letter), got "${site}"`);
  }
  return `${MODEL_SITES_PREFIX}${site}/`;
}

/**
 * Statements to read the models under one key prefix of the models bucket and nothing else:
 * objects under the prefix, and listing only that prefix. The prefix may hold an IAM policy
 * variable (an edge device's thing name).
 */
export function modelPrefixReadStatements(modelsBucketArn: string, kmsKeyArn: string, prefix: string): PolicyStatement[] {
  return [
    { sid: 'ReadSiteModels', actions: PREFIX_READ_ACTIONS, resources: [`${modelsBucketArn}/${prefix}*`] },
    { sid: 'ListSiteModels', actions: PREFIX_LIST_ACTIONS, resources: [modelsBucketArn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    { sid: 'DecryptSiteModels', actions: KEY_READ_ACTIONS, resources: [kmsKeyArn] },
  ];
}

/** Statements for an edge site to read its own models (`sites/<site>/`) and nothing else. */
export function siteModelReadStatements(modelsBucketArn: string, kmsKeyArn: string, site: string): PolicyStatement[] {
  return modelPrefixReadStatements(modelsBucketArn, kmsKeyArn, siteModelPrefix(site));
}
