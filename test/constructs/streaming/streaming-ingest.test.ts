import { StreamingIngest, type StreamingIngestProps } from '../../../constructs/streaming/streaming-ingest';
import { lagAlarmSeconds } from '../../../constructs/streaming/delivery-lag-alarms';
import { resourcesOf, synthConstruct, type TerraformJson } from '../../support/synth-json';

const NETWORK = { vpcId: 'vpc-1', vpcCidr: '10.0.0.0/16', privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'] };
const base: StreamingIngestProps = {
  namePrefix: 'acme-ml',
  need: { source: 'kafka', mbPerSecond: 10, latencySeconds: 5 },
  network: NETWORK,
  deliveryRole: { name: 'acme-ml-ingest-firehose', arn: 'arn:aws:iam::111122223333:role/acme-ml-ingest-firehose' },
  rawBucketArn: 'arn:aws:s3:::acme-ml-raw-x',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k',
  region: 'us-east-1',
  accountId: '111122223333',
  partition: 'aws',
  alertsTopicArn: 'arn:aws:sns:us-east-1:111122223333:acme-ml-data-alerts',
};
const build = (patch: Partial<StreamingIngestProps> = {}) => synthConstruct((scope) => new StreamingIngest(scope, 'streaming', { ...base, ...patch }));
const policyOf = (json: TerraformJson, type: string) => JSON.parse(resourcesOf(json, type)[0].policy as string).Statement as Record<string, unknown>[];

describe('StreamingIngest: Kafka on provisioned MSK', () => {
  const json = build();
  const cluster = resourcesOf(json, 'aws_msk_cluster')[0];

  test('brokers in the private subnets, IAM authentication only, TLS everywhere, the lakehouse key, no public access', () => {
    expect(cluster).toMatchObject({
      cluster_name: 'acme-ml-ingest',
      number_of_broker_nodes: 3,
      broker_node_group_info: { client_subnets: ['subnet-a', 'subnet-b', 'subnet-c'], instance_type: 'kafka.m7g.large', connectivity_info: { public_access: { type: 'DISABLED' }, vpc_connectivity: { client_authentication: { sasl: { iam: true } } } } },
      client_authentication: { sasl: { iam: true }, unauthenticated: false },
      encryption_info: { encryption_at_rest_kms_key_arn: base.kmsKeyArn, encryption_in_transit: { client_broker: 'TLS', in_cluster: true } },
      enhanced_monitoring: 'DEFAULT',
    });
    expect(cluster.lifecycle).toBeUndefined();
  });

  test('the configuration sets replication 3, min.insync 2, the sized partitions and retention, topic auto-creation', () => {
    const properties = String(resourcesOf(json, 'aws_msk_configuration')[0].server_properties).split('\n');
    expect(properties).toEqual(['auto.create.topics.enable=true', 'default.replication.factor=3', 'min.insync.replicas=2', 'num.partitions=3', 'log.retention.hours=24', 'unclean.leader.election.enable=false']);
  });

  test('the broker security group admits Kafka TLS+IAM (9098) from the VPC only', () => {
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.objectContaining({ from_port: 9098, to_port: 9098, cidr_ipv4: '10.0.0.0/16', ip_protocol: 'tcp' })]);
  });

  test('the cluster policy lets Firehose open its managed VPC connection, for this account only', () => {
    expect(policyOf(json, 'aws_msk_cluster_policy')).toEqual([
      expect.objectContaining({ Principal: { Service: 'firehose.amazonaws.com' }, Action: expect.arrayContaining(['kafka:CreateVpcConnection']), Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }),
    ]);
  });

  test('Firehose reads the topic privately and writes gzipped, key-encrypted objects under streams/ingest/ within the target', () => {
    const stream = resourcesOf(json, 'aws_kinesis_firehose_delivery_stream')[0];
    expect(stream.msk_source_configuration).toMatchObject({ topic_name: 'ingest', authentication_configuration: { connectivity: 'PRIVATE', role_arn: base.deliveryRole.arn } });
    expect(stream.extended_s3_configuration).toMatchObject({
      bucket_arn: base.rawBucketArn,
      prefix: 'streams/ingest/ingest_date=!{timestamp:yyyy-MM-dd}/ingest_hour=!{timestamp:HH}/',
      error_output_prefix: 'streams-errors/ingest/!{firehose:error-output-type}/ingest_date=!{timestamp:yyyy-MM-dd}/',
      buffering_interval: 0,
      buffering_size: 50,
      compression_format: 'GZIP',
      kms_key_arn: base.kmsKeyArn,
    });
    // the role policy and the cluster policy (Firehose opens its VPC connection at creation)
    expect(stream.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./), expect.stringMatching(/^aws_msk_cluster_policy\./)]);
  });

  test("the delivery role may read the topic and write only the stream's prefixes, using the key through S3", () => {
    const statements = policyOf(json, 'aws_iam_role_policy');
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ReadTopic.Resource).toMatch(/^arn:aws:kafka:us-east-1:111122223333:topic\/\$\{aws_msk_cluster\.(\w+)\.cluster_name\}\/\$\{aws_msk_cluster\.\1\.cluster_uuid\}\/ingest$/);
    expect(bySid.ConsumerGroup.Resource).toMatch(/:group\/.*\/\*$/);
    expect(bySid.WriteRecords.Resource).toEqual([`${base.rawBucketArn}/streams/ingest/*`, `${base.rawBucketArn}/streams-errors/ingest/*`]);
    expect(bySid.EncryptRecords.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
    for (const statement of statements) expect(statement.Action).not.toContain('s3:DeleteObject');
  });

  test('alarms on Firehose freshness, failed deliveries and consumer lag of any group of the topic, to the data alerts topic', () => {
    const alarms = Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a]));
    expect(Object.keys(alarms).sort()).toEqual(['acme-ml-ingest-delivery', 'acme-ml-ingest-freshness', 'acme-ml-ingest-source-lag']);
    expect(alarms['acme-ml-ingest-freshness']).toMatchObject({ namespace: 'AWS/Firehose', metric_name: 'DeliveryToS3.DataFreshness', threshold: lagAlarmSeconds(5), alarm_actions: [base.alertsTopicArn] });
    expect(alarms['acme-ml-ingest-delivery']).toMatchObject({ metric_name: 'DeliveryToS3.Success', comparison_operator: 'LessThanThreshold', threshold: 1 });
    const query = (alarms['acme-ml-ingest-source-lag'].metric_query as { expression: string }[])[0].expression;
    expect(query).toMatch(/^SELECT MAX\(EstimatedMaxTimeLag\) FROM SCHEMA\("AWS\/Kafka", "Cluster Name", "Consumer Group", Topic\) WHERE "Cluster Name" = '\$\{aws_msk_cluster\.[^}]+\.cluster_name\}' AND Topic = 'ingest'$/);
  });

  test('the producer policy writes the topic and nothing else', () => {
    const statements = JSON.parse(resourcesOf(json, 'aws_iam_policy')[0].policy as string).Statement as { Action: string[] }[];
    expect(statements.flatMap((s) => s.Action).sort()).toEqual(['kafka-cluster:Connect', 'kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers']);
  });

  test('GIVEN preventDestroy WHEN synthesized THEN the cluster carries prevent_destroy', () => {
    expect(resourcesOf(build({ preventDestroy: true }), 'aws_msk_cluster')[0].lifecycle).toEqual({ prevent_destroy: true });
  });

  test('throws when Kafka has no network to live in', () => {
    expect(() => build({ network: undefined })).toThrow('streaming: source kafka needs the network (the brokers live in its private subnets); pass network');
  });
});

describe('StreamingIngest: MSK Serverless by exception', () => {
  const json = build({ kafkaDeployment: 'serverless' });

  test('a serverless cluster with IAM in the private subnets, and no provisioned cluster or configuration', () => {
    expect(resourcesOf(json, 'aws_msk_serverless_cluster')).toEqual([expect.objectContaining({ cluster_name: 'acme-ml-ingest', client_authentication: { sasl: { iam: { enabled: true } } } })]);
    expect(resourcesOf(json, 'aws_msk_cluster')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_msk_configuration')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_msk_cluster_policy')).toHaveLength(1);
  });
});

describe('StreamingIngest: Kinesis', () => {
  const json = build({ need: { source: 'kinesis', mbPerSecond: 16, latencySeconds: 60 }, network: undefined });

  test('a provisioned stream sized from the rate, encrypted with the lakehouse key', () => {
    expect(resourcesOf(json, 'aws_kinesis_stream')).toEqual([
      expect.objectContaining({ name: 'acme-ml-ingest', shard_count: 20, stream_mode_details: { stream_mode: 'PROVISIONED' }, encryption_type: 'KMS', kms_key_id: base.kmsKeyArn, retention_period: 24 }),
    ]);
    expect(resourcesOf(json, 'aws_msk_cluster')).toHaveLength(0);
  });

  test('Firehose reads it as a Kinesis source; the lag alarm watches the iterator age', () => {
    const stream = resourcesOf(json, 'aws_kinesis_firehose_delivery_stream')[0];
    expect(stream.kinesis_source_configuration).toMatchObject({ role_arn: base.deliveryRole.arn });
    expect(stream.extended_s3_configuration).toMatchObject({ buffering_interval: 55, buffering_size: 128 });
    const lag = resourcesOf(json, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === 'acme-ml-ingest-source-lag');
    expect(lag).toMatchObject({ namespace: 'AWS/Kinesis', metric_name: 'GetRecords.IteratorAgeMilliseconds', threshold: lagAlarmSeconds(60) * 1000 });
  });

  test('the producer policy puts records and may encrypt them with the key through Kinesis only', () => {
    const statements = JSON.parse(resourcesOf(json, 'aws_iam_policy')[0].policy as string).Statement as Record<string, unknown>[];
    expect(statements[1]).toMatchObject({ Action: 'kms:GenerateDataKey', Condition: { StringEquals: { 'kms:ViaService': 'kinesis.us-east-1.amazonaws.com' } } });
  });
});
