import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { LakehouseStack, retentionFor } from '../../stacks/lakehouse-stack';
import { NetworkStack, type NetworkOutputs } from '../../stacks/network-stack';
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, synthStack, type TerraformJson } from '../support/synth-json';

const ref = { name: 'acme-ml-lakehouse', role: 'lakehouse' } as const;
const NETWORK: NetworkOutputs = {
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['use1-az1'],
  privateSubnetIds: ['subnet-1'],
  publicSubnetIds: ['subnet-2'],
  privateRouteTableIds: ['rtb-1'],
  s3EndpointId: 'vpce-0123456789abcdef0',
};
const build = (patch: Record<string, unknown> = {}, network?: NetworkOutputs) => {
  const stack = new LakehouseStack(new App(), ref, { needs: needsWith(patch), strategy: network ? 'hybrid' : 'cloud-first' }, network);
  return { stack, json: synthStack(stack) };
};
const everyResource = (json: TerraformJson) => Object.values(json.resource ?? {}).flatMap((byName) => Object.values(byName));
const bucketPolicies = (json: TerraformJson) =>
  Object.fromEntries(Object.entries(json.resource?.aws_s3_bucket_policy ?? {}).map(([address, p]) => [address.split('_')[1], JSON.parse(p.policy as string).Statement as Record<string, unknown>[]]));

describe('LakehouseStack', () => {
  const dev = build();

  test('GIVEN a region WHEN synthesized THEN the stack provider lives in cloud.region (data residency)', () => {
    expect(build({ cloud: { region: 'eu-central-1' } }).json.provider?.aws).toEqual([expect.objectContaining({ region: 'eu-central-1' })]);
  });

  test('GIVEN the default needs WHEN synthesized THEN raw, curated, models and logs buckets from <name>-<zone>- prefixes', () => {
    expect(resourcesOf(dev.json, 'aws_s3_bucket').map((b) => b.bucket_prefix).sort()).toEqual(['acme-ml-curated-', 'acme-ml-logs-', 'acme-ml-models-', 'acme-ml-raw-']);
  });

  test('GIVEN any needs WHEN synthesized THEN no resource has force_destroy true', () => {
    for (const patch of [{}, { environment: 'prod' }, { data: { retentionDays: 30 } }]) {
      for (const resource of everyResource(build(patch).json)) expect(resource.force_destroy).not.toBe(true);
    }
  });

  test('GIVEN custom tiers WHEN synthesized THEN raw and curated transitions use them', () => {
    const { json } = build({ data: { tiers: { hotDays: 60, coolDays: 150, archiveDays: 900 } } });
    for (const lifecycle of resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')) {
      const tiered = (lifecycle.rule as Record<string, unknown>[]).find((r) => r.id === 'tier-current-versions');
      if (tiered) expect((tiered.transition as { days: number }[]).map((t) => t.days)).toEqual([60, 150, 900]);
    }
  });

  test.each(['dev', 'staging'])('GIVEN environment %s WHEN synthesized THEN nothing has prevent_destroy', (environment) => {
    for (const resource of everyResource(build({ environment }).json)) expect(resource.lifecycle).toBeUndefined();
  });

  test('GIVEN environment prod WHEN synthesized THEN every bucket, the table bucket and the KMS key have prevent_destroy', () => {
    const { json } = build({ environment: 'prod' });
    const protectedResources = ['aws_s3_bucket', 'aws_s3tables_table_bucket', 'aws_kms_key'].flatMap((type) => resourcesOf(json, type));
    expect(protectedResources).toHaveLength(6);
    for (const resource of protectedResources) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('GIVEN no retentionDays WHEN synthesized THEN no object lock', () => {
    expect(resourcesOf(dev.json, 'aws_s3_bucket_object_lock_configuration')).toHaveLength(0);
    for (const bucket of resourcesOf(dev.json, 'aws_s3_bucket')) expect(bucket.object_lock_enabled).toBeUndefined();
  });

  test('GIVEN retentionDays WHEN synthesized THEN object lock in GOVERNANCE mode for that many days on raw and curated, not on models', () => {
    const { json } = build({ data: { retentionDays: 2555 } });
    const locks = resourcesOf(json, 'aws_s3_bucket_object_lock_configuration');
    expect(locks).toHaveLength(2);
    for (const lock of locks) expect(lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 2555 } });
    expect(resourcesOf(json, 'aws_s3_bucket').filter((b) => b.object_lock_enabled === true).map((b) => b.bucket_prefix).sort()).toEqual(['acme-ml-curated-', 'acme-ml-raw-']);
  });

  test('GIVEN retentionDays and hipaa WHEN synthesized THEN object lock in COMPLIANCE mode', () => {
    const { json } = build({ data: { retentionDays: 2555 }, business: { compliance: ['gdpr', 'hipaa'] } });
    for (const lock of resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')) expect(lock.rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 2555 } });
  });

  test('GIVEN tableFormat iceberg (the default) WHEN synthesized THEN an S3 Tables bucket <name>-tables with namespace curated, and the Glue database', () => {
    expect(resourcesOf(dev.json, 'aws_s3tables_table_bucket')).toEqual([expect.objectContaining({ name: 'acme-ml-tables' })]);
    expect(resourcesOf(dev.json, 'aws_s3tables_namespace')).toEqual([expect.objectContaining({ namespace: 'curated' })]);
    expect(resourcesOf(dev.json, 'aws_glue_catalog_database')).toEqual([expect.objectContaining({ name: 'acme_ml_raw' })]);
  });

  test('GIVEN tableFormat none WHEN synthesized THEN no S3 Tables resources, the Glue database only, and no table bucket output', () => {
    const { stack, json } = build({ data: { tableFormat: 'none' } });
    expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith('aws_s3tables_'))).toEqual([]);
    expect(resourcesOf(json, 'aws_glue_catalog_database')).toHaveLength(1);
    expect(stack.outputs.tableBucketArn).toBeUndefined();
    expect(Object.keys(json.output ?? {})).not.toContain('table_bucket_arn');
  });

  test('GIVEN no network WHEN synthesized THEN no bucket policy mentions a VPC endpoint', () => {
    expect(JSON.stringify(resourcesOf(dev.json, 'aws_s3_bucket_policy'))).not.toContain('SourceVpce');
  });

  test('GIVEN a network (hybrid) WHEN synthesized THEN raw and curated deny object access not through its S3 endpoint; models and logs do not', () => {
    const policies = bucketPolicies(build({}, NETWORK).json);
    for (const zone of ['raw', 'curated']) {
      expect(policies[zone]).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: expect.arrayContaining(['s3:GetObject', 's3:PutObject']),
          Condition: { StringNotEquals: { 'aws:SourceVpce': [NETWORK.s3EndpointId] }, 'ForAllValues:StringNotEquals': { 'aws:CalledVia': ['athena.amazonaws.com'] } },
        }),
      );
      // not bucket management: the Terraform principal outside the VPC must still manage the bucket
      const deny = policies[zone].find((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoints');
      expect(deny?.Action).not.toContain('s3:*');
      expect(deny?.Action).not.toContain('s3:PutBucketPolicy');
    }
    expect(JSON.stringify([policies.models, policies.logs])).not.toContain('SourceVpce');
  });

  test('GIVEN the on-prem endpoints (hybrid) WHEN synthesized THEN raw and curated accept the gateway and the interface endpoint, and Athena users get a policy through the Athena endpoint', () => {
    const onPrem = { s3InterfaceEndpointId: 'vpce-0123456789abcdef1', athenaEndpointId: 'vpce-0123456789abcdef2' };
    const { json } = build({}, { ...NETWORK, onPrem });
    const policies = bucketPolicies(json);
    for (const zone of ['raw', 'curated']) {
      const deny = policies[zone].find((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoints') as { Condition: Record<string, Record<string, unknown>> };
      expect(deny.Condition.StringNotEquals).toEqual({ 'aws:SourceVpce': [NETWORK.s3EndpointId, onPrem.s3InterfaceEndpointId] });
    }
    const [athena] = resourcesOf(json, 'aws_iam_policy');
    expect(athena.name).toBe('acme-ml-lakehouse-athena');
    const statements = JSON.parse(athena.policy as string).Statement as Record<string, unknown>[];
    expect(statements[0]).toMatchObject({ Sid: 'QueryThroughTheVpcEndpoint', Condition: { StringEquals: { 'aws:SourceVpce': onPrem.athenaEndpointId } } });
    expect(json.output?.athena_query_policy_arn).toBeDefined();
    expect(resourcesOf(build({}, NETWORK).json, 'aws_iam_policy')).toEqual([]);
  });

  test('GIVEN a NetworkStack in the same app WHEN synthesized THEN the endpoint id is a cross-stack reference to it', () => {
    // Cross-stack references resolve only when the whole app synthesizes (Testing.synth keeps them in-stack).
    const outdir = mkdtempSync(join(tmpdir(), 'lakehouse-stack-'));
    try {
      const app = new App({ outdir });
      const needs = needsWith();
      const network = new NetworkStack(app, { name: 'acme-ml-network', role: 'network' }, { needs, strategy: 'hybrid' });
      new LakehouseStack(app, ref, { needs, strategy: 'hybrid' }, network.outputs);
      app.synth();
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', ref.name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
      expect(JSON.stringify(bucketPolicies(json).raw)).toMatch(/"aws:SourceVpce":\["\$\{data\.terraform_remote_state\.[^}]+\}"\]/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('GIVEN a lakehouse WHEN synthesized THEN the only data sources are the caller identity and the partition (for the key policy)', () => {
    expect(Object.keys(dev.json.data ?? {}).sort()).toEqual(['aws_caller_identity', 'aws_partition']);
  });

  test('GIVEN a lakehouse WHEN synthesized THEN typed outputs for stacks and Terraform outputs for people', () => {
    const { stack, json } = dev;
    expect(stack.outputs.raw.name).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(stack.outputs.tableBucketArn).toBeDefined();
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'curated_bucket_arn',
      'curated_bucket_name',
      'glue_database_name',
      'kms_key_arn',
      'logs_bucket_arn',
      'logs_bucket_name',
      'models_bucket_arn',
      'models_bucket_name',
      'raw_bucket_arn',
      'raw_bucket_name',
      'table_bucket_arn',
    ]);
    expect(json.output?.raw_bucket_name.value).toMatch(/^\$\{aws_s3_bucket\.lakehouse_raw_bucket_[0-9A-F]+\.bucket\}$/);
    expect(json.output?.kms_key_arn.value).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
  });
});

describe('retentionFor', () => {
  test.each<[Record<string, unknown>, ReturnType<typeof retentionFor>]>([
    [{}, undefined],
    [{ data: { retentionDays: 30 } }, { mode: 'GOVERNANCE', days: 30 }],
    [{ data: { retentionDays: 30 }, business: { compliance: ['gdpr'] } }, { mode: 'GOVERNANCE', days: 30 }],
    [{ data: { retentionDays: 30 }, business: { compliance: ['hipaa'] } }, { mode: 'COMPLIANCE', days: 30 }],
  ])('GIVEN %j WHEN the retention is derived THEN %j', (patch, expected) => {
    expect(retentionFor(needsWith(patch))).toEqual(expected);
  });
});

describe('LakehouseStack: resource addresses are a contract', () => {
  // A Terraform address comes from the construct path: renaming a construct id destroys and
  // re-creates the resource (for a bucket: a new, empty bucket). Change only on purpose.
  const json = build({ environment: 'prod', data: { retentionDays: 30 } }).json;
  test.each([
    ['aws_s3_bucket', 'lakehouse_raw_bucket_FA64A3CA'],
    ['aws_s3_bucket', 'lakehouse_curated_bucket_4FAF54B5'],
    ['aws_s3_bucket', 'lakehouse_models_bucket_3C2E9F52'],
    ['aws_s3_bucket', 'lakehouse_logs_bucket_AB2B6423'],
    ['aws_kms_key', 'lakehouse_key_36FBEC88'],
    ['aws_s3tables_table_bucket', 'lakehouse_catalog_table-bucket_FC472FC7'],
    ['aws_glue_catalog_database', 'lakehouse_catalog_raw-database_F2A9E4E9'],
    ['aws_s3_bucket_object_lock_configuration', 'lakehouse_raw_object-lock_7A9DFA27'],
    ['aws_s3_bucket_lifecycle_configuration', 'lakehouse_raw_lifecycle_configuration_9AB22AB9'],
  ])('%s.%s', (type, address) => {
    expect(Object.keys(json.resource?.[type] ?? {})).toContain(address);
  });
});

describe('LakehouseStack: the edge root of trust', () => {
  const sites = [{ name: 'plant-a', hardware: 'x86-l4', nodes: 1 }];
  const edgeNeeds = (environment = 'dev') => needsWith({ environment, workload: { inference: { accelerator: 'l4', latencyMs: 10, replicas: 0, sites } } });

  test('edge-centric: a private root CA, its installed certificate and a Roles Anywhere trust anchor on it, exported; other strategies have none', () => {
    const edge = synthApp(edgeNeeds())['acme-ml-lakehouse'];
    const [anchor] = resourcesOf(edge, 'aws_rolesanywhere_trust_anchor') as any[];
    const [caAddress] = Object.keys(edge.resource?.aws_acmpca_certificate_authority ?? {});
    expect(anchor.source).toEqual({ source_type: 'AWS_ACM_PCA', source_data: { acm_pca_arn: `\${aws_acmpca_certificate_authority.${caAddress}.arn}` } });
    expect(anchor.depends_on).toEqual([expect.stringMatching(/^aws_acmpca_certificate_authority_certificate\./)]);
    expect(Object.keys(edge.output ?? {})).toEqual(expect.arrayContaining(['edge_trust_anchor_arn', 'edge_certificate_authority_arn']));
    const cloud = synthApp(needsWith({}))['acme-ml-lakehouse'];
    expect(cloud.resource?.aws_rolesanywhere_trust_anchor).toBeUndefined();
    expect(cloud.resource?.aws_acmpca_certificate_authority).toBeUndefined();
    expect(cloud.resource?.aws_iot_role_alias).toBeUndefined();
  });

  test('prod: the CA carries prevent_destroy (every device certificate chains to it)', () => {
    const [ca] = resourcesOf(synthApp(edgeNeeds('prod'))['acme-ml-lakehouse'], 'aws_acmpca_certificate_authority') as any[];
    expect(ca.lifecycle).toEqual({ prevent_destroy: true });
    const [devCa] = resourcesOf(synthApp(edgeNeeds())['acme-ml-lakehouse'], 'aws_acmpca_certificate_authority') as any[];
    expect(devCa.lifecycle).toBeUndefined();
  });
});
