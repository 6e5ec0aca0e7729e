import {
  CURATED_NAMESPACE,
  DEFAULT_NONCURRENT_FILE_DAYS,
  DEFAULT_UNREFERENCED_FILE_DAYS,
  LakehouseCatalog,
  glueDatabaseName,
  tableMaintenanceKeyStatement,
  type LakehouseCatalogProps,
} from '../../../constructs/lakehouse/lakehouse-catalog';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const synthCatalog = (props: Partial<LakehouseCatalogProps> = {}) =>
  synthConstruct((scope) => new LakehouseCatalog(scope, 'catalog', { namePrefix: 'acme-ml', tableFormat: 'iceberg', rawBucketName: 'acme-ml-raw-1', kmsKeyArn: KEY, ...props }));

describe('LakehouseCatalog', () => {
  test('GIVEN iceberg WHEN synthesized THEN a table bucket <name>-tables encrypted with the key', () => {
    const [bucket] = resourcesOf(synthCatalog(), 'aws_s3tables_table_bucket');
    expect(bucket).toMatchObject({ name: 'acme-ml-tables', encryption_configuration: { sse_algorithm: 'aws:kms', kms_key_arn: KEY } });
  });

  test('GIVEN iceberg WHEN synthesized THEN unreferenced file removal is enabled with the documented days', () => {
    expect([DEFAULT_UNREFERENCED_FILE_DAYS, DEFAULT_NONCURRENT_FILE_DAYS]).toEqual([3, 30]);
    expect(resourcesOf(synthCatalog(), 'aws_s3tables_table_bucket')[0].maintenance_configuration).toEqual({
      iceberg_unreferenced_file_removal: { status: 'enabled', settings: { unreferenced_days: 3, non_current_days: 30 } },
    });
  });

  test('GIVEN iceberg WHEN synthesized THEN a namespace "curated" in the table bucket', () => {
    expect(CURATED_NAMESPACE).toBe('curated');
    expect(resourcesOf(synthCatalog(), 'aws_s3tables_namespace')).toEqual([
      expect.objectContaining({ namespace: 'curated', table_bucket_arn: expect.stringMatching(/^\$\{aws_s3tables_table_bucket\.[^.]+\.arn\}$/) }),
    ]);
  });

  test('GIVEN tableFormat none WHEN synthesized THEN no S3 Tables resources, only the Glue database', () => {
    const json = synthCatalog({ tableFormat: 'none' });
    expect(resourcesOf(json, 'aws_s3tables_table_bucket')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_s3tables_namespace')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_glue_catalog_database')).toHaveLength(1);
  });

  test('GIVEN either format WHEN synthesized THEN a Glue database <name>_raw located at the raw bucket', () => {
    for (const tableFormat of ['iceberg', 'none'] as const) {
      expect(resourcesOf(synthCatalog({ tableFormat }), 'aws_glue_catalog_database')).toEqual([
        expect.objectContaining({ name: 'acme_ml_raw', location_uri: 's3://acme-ml-raw-1/' }),
      ]);
    }
    expect(glueDatabaseName('a-b-c', 'raw')).toBe('a_b_c_raw');
  });

  test('GIVEN preventDestroy WHEN synthesized THEN the table bucket has prevent_destroy, and not by default', () => {
    expect(resourcesOf(synthCatalog({ preventDestroy: true }), 'aws_s3tables_table_bucket')[0].lifecycle).toEqual({ prevent_destroy: true });
    expect(resourcesOf(synthCatalog(), 'aws_s3tables_table_bucket')[0].lifecycle).toBeUndefined();
  });

  test('GIVEN a table bucket ARN WHEN the maintenance key statement is built THEN it names the S3 Tables maintenance principal and that bucket only', () => {
    expect(tableMaintenanceKeyStatement('arn:aws:s3tables:us-east-1:1:bucket/acme-ml-tables')).toEqual({
      sid: 'AllowS3TablesMaintenance',
      principals: { Service: 'maintenance.s3tables.amazonaws.com' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3tables:us-east-1:1:bucket/acme-ml-tables/*'] } },
    });
  });
});
