/**
 * Where the lakehouse's tables are catalogued.
 *
 * | tableFormat | S3 Tables table bucket `<name>-tables` + namespace `curated` | Glue database `<name>_raw` |
 * |-------------|---------------------------------------------------------------|----------------------------|
 * | iceberg     | yes: managed Iceberg tables for curated data                  | yes                        |
 * | none        | -                                                             | yes                        |
 *
 * The Glue database catalogs the raw zone (data as it lands, queried in place by Athena or
 * Spark). The table bucket is encrypted with the lakehouse key and runs unreferenced file
 * removal, the only maintenance S3 Tables configures per table bucket (provider 5.100:
 * `maintenance_configuration.iceberg_unreferenced_file_removal`). Compaction and snapshot
 * management are per-table settings (`aws_s3tables_table.maintenance_configuration`), on by
 * default for every table S3 Tables creates; engines create the tables, so there is nothing
 * to set for them here.
 */
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { S3TablesNamespace } from '@cdktf/provider-aws/lib/s3tables-namespace';
import { S3TablesTableBucket } from '@cdktf/provider-aws/lib/s3tables-table-bucket';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import { TABLE_MAINTENANCE_KEY_ACTIONS, TABLE_MAINTENANCE_PRINCIPAL } from './lakehouse-actions';
import { LakehouseError } from './lakehouse-error';

/** The namespace curated Iceberg tables live in. */
export const CURATED_NAMESPACE = 'curated';

/** Days before a file no snapshot references is marked noncurrent: the S3 Tables default. */
export const DEFAULT_UNREFERENCED_FILE_DAYS = 3;

/**
 * Days before a noncurrent table file is deleted, permanently (only AWS Support can recover it
 * before then): a month instead of the S3 Tables default of 10, to notice a bad snapshot
 * expiry in a monthly review.
 */
export const DEFAULT_NONCURRENT_FILE_DAYS = 30;

/** Table bucket names: 3-63 lowercase letters, digits and hyphens (S3 Tables naming rules). */
const TABLE_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** The table formats of NEEDS-v1 `data.tableFormat`. */
export type TableFormat = 'iceberg' | 'none';

/** Props of {@link LakehouseCatalog}. */
export interface LakehouseCatalogProps {
  /** The project name, e.g. `acme-ml`: the table bucket is `<name>-tables`, the database `<name with _>_raw`. */
  readonly namePrefix: string;
  /** `iceberg` adds the S3 Tables table bucket and its `curated` namespace. */
  readonly tableFormat: TableFormat;
  /** The raw zone bucket name: the Glue database's location. */
  readonly rawBucketName: string;
  /** The KMS key that encrypts table data. */
  readonly kmsKeyArn: string;
  /**
   * Refuse any plan that destroys the table bucket.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Days before an unreferenced table file becomes noncurrent.
   * @default DEFAULT_UNREFERENCED_FILE_DAYS
   */
  readonly unreferencedFileDays?: number;
  /**
   * Days before a noncurrent table file is deleted.
   * @default DEFAULT_NONCURRENT_FILE_DAYS
   */
  readonly noncurrentFileDays?: number;
}

/** The Glue database for raw data and, for Iceberg, the S3 Tables table bucket. */
export class LakehouseCatalog extends Construct {
  /** The Glue database of the raw zone. */
  readonly rawDatabase: GlueCatalogDatabase;
  /** The table bucket (tableFormat iceberg only). */
  readonly tableBucket?: S3TablesTableBucket;
  /** The namespace of curated tables (tableFormat iceberg only). */
  readonly curatedNamespace?: S3TablesNamespace;

  constructor(scope: Construct, id: string, props: LakehouseCatalogProps) {
    super(scope, id);
    this.rawDatabase = new GlueCatalogDatabase(this, 'raw-database', {
      name: glueDatabaseName(props.namePrefix, 'raw'),
      description: `Raw zone of the ${props.namePrefix} lakehouse: data as it lands`,
      locationUri: `s3://${props.rawBucketName}/`,
    });
    if (props.tableFormat !== 'iceberg') return;

    const tableBucketName = tableBucketNameFor(props.namePrefix);
    if (!Token.isUnresolved(tableBucketName) && !TABLE_BUCKET_NAME_PATTERN.test(tableBucketName)) {
      throw new LakehouseError(this.node.path, `namePrefix must make a table bucket name of 3 to 63 lowercase letters, digits and hyphens, got "${tableBucketName}"`);
    }
    this.tableBucket = new S3TablesTableBucket(this, 'table-bucket', {
      name: tableBucketName,
      encryptionConfiguration: { sseAlgorithm: 'aws:kms', kmsKeyArn: props.kmsKeyArn },
      maintenanceConfiguration: {
        icebergUnreferencedFileRemoval: {
          status: 'enabled',
          settings: {
            unreferencedDays: props.unreferencedFileDays ?? DEFAULT_UNREFERENCED_FILE_DAYS,
            nonCurrentDays: props.noncurrentFileDays ?? DEFAULT_NONCURRENT_FILE_DAYS,
          },
        },
      },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.curatedNamespace = new S3TablesNamespace(this, 'curated-namespace', { namespace: CURATED_NAMESPACE, tableBucketArn: this.tableBucket.arn });
  }
}

/** A Glue database name for a zone: Glue names take lowercase letters, digits and underscores, so hyphens become underscores. */
export function glueDatabaseName(namePrefix: string, zone: string): string {
  return `${namePrefix}_${zone}`.replace(/-/g, '_');
}

/** The table bucket name of a project, `<name>-tables` (unique per account and region, so no generated suffix). */
export function tableBucketNameFor(namePrefix: string): string {
  return `${namePrefix}-tables`;
}

/**
 * The key policy statement S3 Tables maintenance needs on the key of an SSE-KMS table bucket
 * (Amazon S3 User Guide, "Permission requirements for S3 Tables SSE-KMS encryption"): data
 * keys for the tables of that one table bucket only, through the encryption context S3 Tables
 * sets (`aws:s3:arn` = the table's ARN, under the table bucket's ARN).
 */
export function tableMaintenanceKeyStatement(tableBucketArn: string): PolicyStatement {
  return {
    sid: 'AllowS3TablesMaintenance',
    principals: { Service: TABLE_MAINTENANCE_PRINCIPAL },
    actions: TABLE_MAINTENANCE_KEY_ACTIONS,
    resources: ['*'],
    conditions: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': [`${tableBucketArn}/*`] } },
  };
}
