import { readDataStatements, siteModelPrefix, siteModelReadStatements, writeDataStatements } from '../../../constructs/lakehouse/access-grants';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, TABLE_READ_ACTIONS } from '../../../constructs/lakehouse/lakehouse-actions';

const RAW = 'arn:aws:s3:::acme-ml-raw-1';
const CURATED = 'arn:aws:s3:::acme-ml-curated-1';
const MODELS = 'arn:aws:s3:::acme-ml-models-1';
const KEY = 'arn:aws:kms:us-east-1:1:key/k';
const TABLES = 'arn:aws:s3tables:us-east-1:1:bucket/acme-ml-tables';

describe('access grants', () => {
  test('GIVEN buckets and a table bucket WHEN read statements are built THEN objects and listing, kms:Decrypt, and table reads', () => {
    expect(readDataStatements({ bucketArns: [RAW, CURATED], kmsKeyArn: KEY, tableBucketArn: TABLES })).toEqual([
      { sid: 'ReadLakehouseObjects', actions: BUCKET_READ_ACTIONS, resources: [RAW, CURATED, `${RAW}/*`, `${CURATED}/*`] },
      { sid: 'DecryptLakehouseObjects', actions: ['kms:Decrypt'], resources: [KEY] },
      { sid: 'ReadLakehouseTables', actions: TABLE_READ_ACTIONS, resources: [TABLES, `${TABLES}/*`] },
    ]);
  });

  test('GIVEN no table bucket WHEN statements are built THEN no s3tables statement', () => {
    const statements = [...readDataStatements({ bucketArns: [RAW], kmsKeyArn: KEY }), ...writeDataStatements({ bucketArns: [RAW], kmsKeyArn: KEY })];
    expect(statements.flatMap((s) => s.actions).filter((a) => a.startsWith('s3tables:'))).toEqual([]);
  });

  test('GIVEN write statements WHEN built THEN they encrypt with the key and grant no permanent delete', () => {
    const statements = writeDataStatements({ bucketArns: [RAW], kmsKeyArn: KEY, tableBucketArn: TABLES });
    expect(statements[0].actions).toEqual(BUCKET_WRITE_ACTIONS);
    expect(statements[1]).toMatchObject({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [KEY] });
    const actions = statements.flatMap((s) => s.actions);
    for (const permanent of ['s3:DeleteObjectVersion', 's3tables:DeleteTable', 's3tables:DeleteNamespace', 's3tables:DeleteTableBucket', 's3:*']) {
      expect(actions).not.toContain(permanent);
    }
  });

  test('GIVEN a site WHEN its model statements are built THEN it reads and lists only sites/<site>/ of the models bucket', () => {
    const [read, list, decrypt] = siteModelReadStatements(MODELS, KEY, 'plant-berlin');
    expect(read).toMatchObject({ resources: [`${MODELS}/sites/plant-berlin/*`] });
    expect(list).toMatchObject({ actions: ['s3:ListBucket'], resources: [MODELS], conditions: { StringLike: { 's3:prefix': ['sites/plant-berlin/*'] } } });
    expect(decrypt).toMatchObject({ actions: ['kms:Decrypt'], resources: [KEY] });
  });

  test('GIVEN a site name with a wildcard WHEN its prefix is asked for THEN it throws instead of widening the grant', () => {
    expect(siteModelPrefix('plant-berlin')).toBe('sites/plant-berlin/');
    expect(() => siteModelPrefix('*')).toThrow(/must be an edge site name/);
    expect(() => siteModelReadStatements(MODELS, KEY, 'a/../b')).toThrow(/got "a\/..\/b"/);
  });
});
