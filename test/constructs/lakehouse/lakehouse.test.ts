import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { DATA_ZONES, Lakehouse, type LakehouseProps } from '../../../constructs/lakehouse/lakehouse';
import { resourcesOf, synthConstruct, type TerraformJson } from '../../support/synth-json';

const TIERS = { hotDays: 30, coolDays: 90, archiveDays: 365 };
const build = (props: Partial<LakehouseProps> = {}) => {
  let lakehouse: Lakehouse | undefined;
  const json = synthConstruct((scope) => {
    lakehouse = new Lakehouse(scope, 'lakehouse', { namePrefix: 'acme-ml', region: 'us-east-1', tiers: TIERS, ...props });
  });
  return { json, lakehouse: lakehouse! };
};
/** Resources of a type keyed by the zone in their address, `lakehouse_<zone>_...` (raw, curated, models, logs). */
const byZone = (json: TerraformJson, type: string): Record<string, Record<string, unknown>> =>
  Object.fromEntries(Object.entries(json.resource?.[type] ?? {}).map(([address, r]) => [address.split('_')[1], r]));
const policyOf = (json: TerraformJson, zone: string) => JSON.parse(byZone(json, 'aws_s3_bucket_policy')[zone].policy as string).Statement as Record<string, unknown>[];

describe('Lakehouse', () => {
  const { json } = build();

  test('GIVEN a project WHEN synthesized THEN four buckets named from <name>-<zone>- prefixes', () => {
    const buckets = byZone(json, 'aws_s3_bucket');
    expect(Object.fromEntries(Object.entries(buckets).map(([zone, b]) => [zone, b.bucket_prefix]))).toEqual({
      raw: 'acme-ml-raw-',
      curated: 'acme-ml-curated-',
      models: 'acme-ml-models-',
      logs: 'acme-ml-logs-',
    });
  });

  test('GIVEN the data zones WHEN synthesized THEN each is SSE-KMS with the lakehouse key and a bucket key; the log bucket is SSE-S3', () => {
    const encryption = byZone(json, 'aws_s3_bucket_server_side_encryption_configuration');
    for (const zone of DATA_ZONES) {
      expect(encryption[zone].rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.[^.]+\.arn\}$/) }, bucket_key_enabled: true },
      ]);
    }
    expect(encryption.logs.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: false }]);
  });

  test('GIVEN the data zones WHEN synthesized THEN each sends access logs to the log bucket under its own prefix', () => {
    const logging = byZone(json, 'aws_s3_bucket_logging');
    expect(Object.keys(logging).sort()).toEqual(['curated', 'models', 'raw']);
    for (const zone of DATA_ZONES) {
      expect(logging[zone]).toMatchObject({ target_bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.lakehouse_logs_bucket_[0-9A-F]+\.bucket\}$/), target_prefix: `${zone}/` });
    }
  });

  test('GIVEN the log bucket WHEN synthesized THEN its policy lets S3 log delivery of this account write, and logs expire after a year', () => {
    expect(policyOf(json, 'logs')[1]).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/) } },
    });
    const rules = byZone(json, 'aws_s3_bucket_lifecycle_configuration').logs.rule as Record<string, unknown>[];
    expect(rules).toContainEqual(expect.objectContaining({ id: 'expire-current-versions', expiration: [{ days: 365 }] }));
  });

  test('GIVEN every bucket WHEN synthesized THEN each policy denies requests without TLS', () => {
    for (const zone of [...DATA_ZONES, 'logs']) {
      expect(policyOf(json, zone)[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } });
    }
  });

  test('GIVEN every bucket WHEN synthesized THEN each is versioned, blocks all public access and has ACLs disabled', () => {
    const zones = [...DATA_ZONES, 'logs'].sort();
    const versioning = byZone(json, 'aws_s3_bucket_versioning');
    const publicAccess = byZone(json, 'aws_s3_bucket_public_access_block');
    const ownership = byZone(json, 'aws_s3_bucket_ownership_controls');
    for (const resources of [versioning, publicAccess, ownership]) expect(Object.keys(resources).sort()).toEqual(zones);
    for (const zone of zones) {
      expect(versioning[zone]).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
      expect(publicAccess[zone]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(ownership[zone]).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
    }
  });

  test('GIVEN the raw zone WHEN synthesized THEN its current objects never expire', () => {
    for (const rule of byZone(json, 'aws_s3_bucket_lifecycle_configuration').raw.rule as Record<string, unknown>[]) {
      for (const expiration of (rule.expiration as Record<string, unknown>[] | undefined) ?? []) expect(expiration).toEqual({ expired_object_delete_marker: true });
    }
  });

  test('GIVEN the zones WHEN synthesized THEN raw and curated tier current versions, models only noncurrent ones', () => {
    const lifecycle = byZone(json, 'aws_s3_bucket_lifecycle_configuration');
    const ids = (zone: string) => (lifecycle[zone].rule as { id: string }[]).map((r) => r.id);
    expect(ids('raw')).toContain('tier-current-versions');
    expect(ids('curated')).toContain('tier-current-versions');
    expect(ids('models')).not.toContain('tier-current-versions');
    const noncurrent = (lifecycle.models.rule as Record<string, unknown>[]).find((r) => r.id === 'noncurrent-versions');
    expect(noncurrent?.noncurrent_version_transition).toHaveLength(3);
  });

  test('GIVEN no endpoints WHEN synthesized THEN no bucket policy denies by VPC endpoint', () => {
    for (const zone of [...DATA_ZONES, 'logs']) expect(policyOf(json, zone).map((s) => s.Sid)).not.toContain('DenyObjectAccessOutsideVpcEndpoints');
  });

  test('GIVEN endpoints WHEN synthesized THEN raw and curated deny object access outside them; models and logs do not', () => {
    const confined = build({ vpcEndpointIds: ['vpce-123'] }).json;
    for (const zone of ['raw', 'curated']) {
      expect(policyOf(confined, zone)[1]).toMatchObject({ Sid: 'DenyObjectAccessOutsideVpcEndpoints', Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-123'] } } });
    }
    for (const zone of ['models', 'logs']) expect(policyOf(confined, zone).map((s) => s.Sid)).not.toContain('DenyObjectAccessOutsideVpcEndpoints');
  });

  test('GIVEN preventDestroy WHEN synthesized THEN every bucket, the table bucket and the key have prevent_destroy', () => {
    const protectedJson = build({ preventDestroy: true }).json;
    for (const type of ['aws_s3_bucket', 'aws_kms_key', 'aws_s3tables_table_bucket']) {
      for (const resource of resourcesOf(protectedJson, type)) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test.each(['GOVERNANCE', 'COMPLIANCE'] as const)('GIVEN a %s retention WHEN synthesized THEN raw and curated have object lock; models and the log bucket do not', (mode) => {
    const locked = build({ retention: { mode, days: 400 } }).json;
    expect(Object.keys(byZone(locked, 'aws_s3_bucket_object_lock_configuration')).sort()).toEqual(['curated', 'raw']);
    for (const lock of Object.values(byZone(locked, 'aws_s3_bucket_object_lock_configuration'))) expect(lock.rule).toEqual({ default_retention: { mode, days: 400 } });
    const buckets = byZone(locked, 'aws_s3_bucket');
    expect([buckets.raw.object_lock_enabled, buckets.curated.object_lock_enabled]).toEqual([true, true]);
    // Omitted, not false: object_lock_enabled is optional and computed, so a models bucket created
    // locked by an earlier version keeps its state and is not replaced (S3 cannot turn a lock off).
    expect(buckets.models.object_lock_enabled).toBeUndefined();
    expect(buckets.logs.object_lock_enabled).toBeUndefined();
  });

  test('GIVEN a retention WHEN synthesized THEN the models lifecycle still expires noncurrent checkpoints (no lock keeps them)', () => {
    const locked = build({ retention: { mode: 'COMPLIANCE', days: 2555 } }).json;
    const rules = byZone(locked, 'aws_s3_bucket_lifecycle_configuration').models.rule as Record<string, unknown>[];
    expect(rules.some((r) => r.noncurrent_version_expiration !== undefined)).toBe(true);
  });

  test('GIVEN iceberg WHEN synthesized THEN the key policy lets S3 Tables maintenance use the key for <name>-tables only; not with tableFormat none', () => {
    const statements = (j: TerraformJson) => JSON.parse(resourcesOf(j, 'aws_kms_key')[0].policy as string).Statement as Record<string, unknown>[];
    const maintenance = statements(json).find((s) => s.Sid === 'AllowS3TablesMaintenance');
    expect(JSON.stringify(maintenance?.Condition)).toMatch(/:s3tables:us-east-1:\$\{data\.aws_caller_identity\.[^}]+\}:bucket\/acme-ml-tables\/\*/);
    expect(statements(build({ tableFormat: 'none' }).json).map((s) => s.Sid)).toEqual(['AccountAdministersKeyThroughIam']);
  });

  test('GIVEN tiers S3 would reject WHEN constructed THEN it throws naming the tier, and no warning is the answer', () => {
    expect(() => build({ tiers: { hotDays: 30, coolDays: 45, archiveDays: 400 } })).toThrow(
      'tiers.coolDays: must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 45',
    );
    expect(() => build({ tiers: { hotDays: 30, coolDays: 90, archiveDays: 100 } })).toThrow(/^tiers\.archiveDays: .*GLACIER_IR before a DEEP_ARCHIVE transition; got 100$/);
  });

  test('GIVEN valid tiers WHEN constructed THEN the lakehouse raises no warning', () => {
    const warnings = build().lakehouse.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN));
    expect(warnings).toEqual([]);
  });
});

describe('Lakehouse grants', () => {
  const grantJson = (grant: (lakehouse: Lakehouse) => void, props: Partial<LakehouseProps> = {}) =>
    JSON.parse(
      Testing.synthScope((scope) => {
        grant(new Lakehouse(scope, 'lakehouse', { namePrefix: 'acme-ml', region: 'us-east-1', tiers: TIERS, ...props }));
      }),
    ) as TerraformJson;
  const policies = (json: TerraformJson) => resourcesOf(json, 'aws_iam_role_policy').map((p) => ({ ...p, doc: JSON.parse(p.policy as string) }));

  test('GIVEN a role WHEN grantReadData THEN an inline policy on that role reads all zones and the tables', () => {
    const [policy] = policies(grantJson((l) => l.grantReadData('trainer')));
    expect(policy).toMatchObject({ role: 'trainer', name: 'lakehouse-read-data' });
    expect(policy.doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadLakehouseObjects', 'DecryptLakehouseObjects', 'ReadLakehouseTables']);
    expect(policy.doc.Statement[0].Resource).toHaveLength(6);
  });

  test('GIVEN zones without curated WHEN grantReadWriteData THEN no table access', () => {
    const [policy] = policies(grantJson((l) => l.grantReadWriteData('ingest', { zones: ['raw'] })));
    expect(JSON.stringify(policy.doc)).not.toContain('s3tables:');
    expect(policy.doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadLakehouseObjects', 'DecryptLakehouseObjects', 'WriteLakehouseObjects', 'EncryptLakehouseObjects']);
  });

  test('GIVEN an edge site role WHEN grantSiteModelRead THEN it reads only sites/<site>/ of the models bucket', () => {
    const [policy] = policies(grantJson((l) => l.grantSiteModelRead('edge-berlin', 'plant-berlin')));
    expect(policy.doc.Statement[0].Resource).toMatch(/^\$\{aws_s3_bucket\.lakehouse_models_bucket_[0-9A-F]+\.arn\}\/sites\/plant-berlin\/\*$/);
  });

  test('GIVEN a role name that is a reference WHEN granted without an id THEN it throws asking for a stable id', () => {
    expect(() => grantJson((l) => l.grantReadData(l.zones.raw.name))).toThrow(/needs an explicit id \(options.id\)/);
    expect(() => grantJson((l) => l.grantReadData(l.zones.raw.name, { id: 'reader' }))).not.toThrow();
  });
});
