/** The lakehouse stack with the data foundation (data.streaming, data.quality, business.compliance). */
import { App } from 'cdktf';
import { LakehouseStack } from '../../stacks/lakehouse-stack';
import type { NetworkOutputs } from '../../stacks/network-stack';
import { needsWith } from '../support/needs-fixtures';
import { resourcesOf, synthStack, type TerraformJson } from '../support/synth-json';

const ref = { name: 'acme-ml-lakehouse', role: 'lakehouse' } as const;
const NETWORK: NetworkOutputs = {
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
  privateSubnetIds: ['subnet-1', 'subnet-2', 'subnet-3'],
  publicSubnetIds: ['subnet-4', 'subnet-5', 'subnet-6'],
  privateRouteTableIds: ['rtb-1'],
  s3EndpointId: 'vpce-0123456789abcdef0',
};
const build = (patch: Record<string, unknown>, strategy: 'hybrid' | 'cloud-first' = 'cloud-first') => {
  const stack = new LakehouseStack(new App(), ref, { needs: needsWith(patch), strategy }, NETWORK);
  return { stack, json: synthStack(stack) };
};
const statementsOf = (json: TerraformJson, type: string, match: (r: Record<string, unknown>) => boolean) =>
  JSON.parse(resourcesOf(json, type).find(match)?.policy as string).Statement as Record<string, unknown>[];
const bucketPolicy = (json: TerraformJson, zone: string) => statementsOf(json, 'aws_s3_bucket_policy', (p) => String(p.bucket).includes(`lakehouse_${zone}_bucket`));
const lakehouseKeyPolicy = (json: TerraformJson) => statementsOf(json, 'aws_kms_key', (k) => String(k.description).includes('lakehouse'));
const hybridNeeds = { strategy: 'hybrid', business: { compliance: ['hipaa'] }, data: { streaming: { source: 'kafka' } }, onPrem: { kubeContext: 'dc1', gpuNodes: 2, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' } };

describe('LakehouseStack: data foundation in the hybrid strategy', () => {
  const { json } = build(hybridNeeds, 'hybrid');

  test('the endpoint deny of raw and curated exempts exactly the Firehose role, the quality role and Macie, by aws:PrincipalArn', () => {
    for (const zone of ['raw', 'curated']) {
      const deny = bucketPolicy(json, zone).find((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoints') as { Condition: Record<string, Record<string, string[]>> };
      const exempt = deny.Condition.ArnNotEquals['aws:PrincipalArn'];
      expect(exempt).toHaveLength(3);
      expect(exempt[0]).toMatch(/^\$\{aws_iam_role\.data-principals_delivery-role_\w+\.arn\}$/);
      expect(exempt[1]).toMatch(/^\$\{aws_iam_role\.data-principals_quality-role_\w+\.arn\}$/);
      expect(exempt[2]).toMatch(/^\$\{aws_macie2_account\.[\w-]+\.service_role\}$/);
    }
    expect(bucketPolicy(json, 'models').map((s) => s.Sid)).not.toContain('DenyObjectAccessOutsideVpcEndpoints');
  });

  test("the lakehouse key lets Macie's service-linked role decrypt (named from the Macie account, so it exists first)", () => {
    expect(lakehouseKeyPolicy(json).find((s) => s.Sid === 'AllowMacieToReadObjects')).toEqual({
      Sid: 'AllowMacieToReadObjects',
      Effect: 'Allow',
      Principal: { AWS: expect.stringMatching(/^\$\{aws_macie2_account\.[\w-]+\.service_role\}$/) },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
  });

  test('MSK, Firehose, Macie, Lake Formation and Glue Data Quality are all there, and the brokers live in the private subnets', () => {
    for (const type of ['aws_msk_cluster', 'aws_kinesis_firehose_delivery_stream', 'aws_macie2_account', 'aws_macie2_classification_job', 'aws_lakeformation_resource', 'aws_lakeformation_permissions', 'aws_glue_data_quality_ruleset', 'aws_scheduler_schedule']) {
      expect(resourcesOf(json, type).length).toBeGreaterThan(0);
    }
    expect((resourcesOf(json, 'aws_msk_cluster')[0].broker_node_group_info as { client_subnets: string[] }).client_subnets).toEqual(NETWORK.privateSubnetIds);
  });

  test('the quality role may create partitions on the registered raw location, after it is registered', () => {
    const location = resourcesOf(json, 'aws_lakeformation_permissions').find((p) => (p.permissions as string[]).includes('DATA_LOCATION_ACCESS'));
    expect(location).toMatchObject({ principal: expect.stringMatching(/data-principals_quality-role/), data_location: { arn: expect.stringMatching(/lakehouse_raw_bucket/) } });
    expect(location?.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lakeformation_resource\.data-foundation_lake-formation_raw/)]));
  });

  test('outputs name the alerts topic, the producer policy and the Kafka endpoint', () => {
    expect(Object.keys(json.output ?? {})).toEqual(expect.arrayContaining(['data_alerts_topic_arn', 'ingest_producer_policy_arn', 'ingest_delivery_stream_name', 'kafka_bootstrap_brokers', 'kafka_topic', 'kafka_topic_partitions']));
  });

  test('the typed outputs say the lakehouse is governed, with the raw database as a plain name', () => {
    expect(build(hybridNeeds, 'hybrid').stack.outputs.governance).toEqual({ rawDatabaseName: 'acme_ml_raw' });
  });
});

describe('LakehouseStack: data foundation in cloud-first', () => {
  test('GIVEN kafka without compliance WHEN synthesized THEN streaming and quality, no Macie and no Lake Formation, and no network deny to exempt', () => {
    const { json, stack } = build({ data: { streaming: { source: 'kafka' } } });
    expect(resourcesOf(json, 'aws_msk_cluster')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_glue_data_quality_ruleset')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_macie2_account')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_lakeformation_resource')).toHaveLength(0);
    expect(stack.outputs.governance).toBeUndefined();
    for (const zone of ['raw', 'curated']) expect(bucketPolicy(json, zone).map((s) => s.Sid)).toEqual(['DenyInsecureTransport']);
  });

  test('GIVEN compliance only WHEN synthesized THEN Macie, Lake Formation and the alerts topic, nothing of streaming or quality', () => {
    const { json } = build({ business: { compliance: ['gdpr'] } });
    expect(resourcesOf(json, 'aws_macie2_classification_job')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_lakeformation_resource')).toHaveLength(2);
    expect(resourcesOf(json, 'aws_sns_topic')).toEqual([expect.objectContaining({ name: 'acme-ml-data-alerts' })]);
    for (const type of ['aws_msk_cluster', 'aws_kinesis_stream', 'aws_kinesis_firehose_delivery_stream', 'aws_glue_data_quality_ruleset', 'aws_lakeformation_permissions']) expect(resourcesOf(json, type)).toHaveLength(0);
  });

  test('the data alerts topic accepts CloudWatch alarms and EventBridge rules', () => {
    const { json } = build({ business: { compliance: ['gdpr'] } });
    const topicPolicy = statementsOf(json, 'aws_sns_topic_policy', () => true);
    expect(topicPolicy[0].Principal).toEqual({ Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] });
  });

  test('GIVEN prod WHEN streaming THEN the MSK cluster carries prevent_destroy like the buckets', () => {
    const { json } = build({ environment: 'prod', data: { streaming: { source: 'kafka' } } });
    expect(resourcesOf(json, 'aws_msk_cluster')[0].lifecycle).toEqual({ prevent_destroy: true });
  });
});
