import { StreamQuality } from '../../../constructs/quality/stream-quality';
import { ENVELOPE_COLUMNS } from '../../../constructs/quality/stream-table';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct(
  (scope) =>
    new StreamQuality(scope, 'quality', {
      namePrefix: 'acme-ml',
      stream: 'ingest',
      need: { completenessPct: 95, freshnessMinutes: 60 },
      qualityRole: { name: 'acme-ml-data-quality', arn: 'arn:aws:iam::1:role/acme-ml-data-quality' },
      rawBucket: { name: 'raw-b', arn: 'arn:aws:s3:::raw-b' },
      landingPrefix: 'streams/ingest/',
      partitionColumns: ['ingest_date', 'ingest_hour'],
      databaseName: 'acme_ml_raw',
      kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k',
      lineage: { producerArn: 'arn:aws:firehose:us-east-1:1:deliverystream/acme-ml-ingest-to-raw', sourceArn: 'arn:aws:kafka:us-east-1:1:cluster/acme-ml-ingest/u', sourceTopic: 'ingest' },
      alertsTopicArn: 'arn:aws:sns:us-east-1:1:acme-ml-data-alerts',
      region: 'us-east-1',
      accountId: '1',
      partition: 'aws',
    }),
);

describe('StreamQuality', () => {
  test('the stream table: JSON envelope columns over the delivery prefix, arrival partitions, lineage in its properties', () => {
    const table = resourcesOf(json, 'aws_glue_catalog_table')[0];
    expect(table).toMatchObject({
      database_name: 'acme_ml_raw',
      name: 'ingest',
      table_type: 'EXTERNAL_TABLE',
      parameters: {
        classification: 'json',
        'tracklayer:producer': 'arn:aws:firehose:us-east-1:1:deliverystream/acme-ml-ingest-to-raw',
        'tracklayer:source': 'arn:aws:kafka:us-east-1:1:cluster/acme-ml-ingest/u',
        'tracklayer:source-topic': 'ingest',
      },
      partition_keys: [expect.objectContaining({ name: 'ingest_date', type: 'string' }), expect.objectContaining({ name: 'ingest_hour', type: 'string' })],
      storage_descriptor: { location: 's3://raw-b/streams/ingest/', ser_de_info: { serialization_library: 'org.openx.data.jsonserde.JsonSerDe' } },
    });
    expect((table.storage_descriptor as { columns: { name: string }[] }).columns.map((c) => c.name)).toEqual(ENVELOPE_COLUMNS.map((c) => c.name));
  });

  test('the crawler adds partitions of that table from S3 events (event mode), hourly, never changing the table', () => {
    expect(resourcesOf(json, 'aws_glue_crawler')[0]).toMatchObject({
      schedule: 'cron(1 * * * ? *)',
      catalog_target: [{ database_name: 'acme_ml_raw', tables: [expect.stringMatching(/^\$\{aws_glue_catalog_table\..*\.name\}$/)], event_queue_arn: expect.stringMatching(/aws_sqs_queue\..*\.arn/) }],
      recrawl_policy: { recrawl_behavior: 'CRAWL_EVENT_MODE' },
      schema_change_policy: { update_behavior: 'LOG', delete_behavior: 'LOG' },
    });
    expect(resourcesOf(json, 'aws_s3_bucket_notification')[0]).toMatchObject({ bucket: 'raw-b', queue: [expect.objectContaining({ events: ['s3:ObjectCreated:*'], filter_prefix: 'streams/ingest/' })] });
    expect(resourcesOf(json, 'aws_sqs_queue')[0]).toMatchObject({ sqs_managed_sse_enabled: true });
  });

  test('the ruleset targets the stream table; the schedule starts its evaluation over recent partitions as the quality role', () => {
    expect(resourcesOf(json, 'aws_glue_data_quality_ruleset')[0]).toMatchObject({ name: 'acme-ml-ingest-quality', target_table: { database_name: 'acme_ml_raw', table_name: expect.stringMatching(/aws_glue_catalog_table\..*\.name/) } });
    const schedule = resourcesOf(json, 'aws_scheduler_schedule')[0] as { schedule_expression: string; target: { arn: string; input: string } };
    expect(schedule.schedule_expression).toBe('rate(30 minutes)');
    expect(schedule.target.arn).toBe('arn:aws:scheduler:::aws-sdk:glue:startDataQualityRulesetEvaluationRun');
    expect(JSON.parse(schedule.target.input)).toEqual({
      DataSource: { GlueTable: { DatabaseName: 'acme_ml_raw', TableName: expect.stringMatching(/aws_glue_catalog_table\..*\.name/), AdditionalOptions: { pushDownPredicate: "ingest_date >= date_format(date_sub(current_date(), 2), 'yyyy-MM-dd')" } } },
      Role: 'arn:aws:iam::1:role/acme-ml-data-quality',
      RulesetNames: [expect.stringMatching(/aws_glue_data_quality_ruleset\..*\.name/)],
      NumberOfWorkers: 2,
      Timeout: 30,
      AdditionalRunOptions: { CloudWatchMetricsEnabled: true },
    });
  });

  test('the scheduler role may start that evaluation and pass the quality role to Glue only', () => {
    const scheduler = resourcesOf(json, 'aws_iam_role_policy').find((p) => p.name === 'start-quality-evaluations');
    const statements = JSON.parse(scheduler?.policy as string).Statement as Record<string, unknown>[];
    expect(statements[1]).toEqual({ Sid: 'PassQualityRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/acme-ml-data-quality', Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } } });
  });

  test('failed evaluations and schedules that cannot start reach the data alerts topic', () => {
    expect(JSON.parse(resourcesOf(json, 'aws_cloudwatch_event_rule')[0].event_pattern as string)).toEqual({
      source: ['aws.glue-dataquality'],
      'detail-type': ['Data Quality Evaluation Results Available'],
      detail: { context: { rulesetNames: ['acme-ml-ingest-quality'] }, state: ['FAILED'] },
    });
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')[0]).toMatchObject({ namespace: 'AWS/Scheduler', metric_name: 'TargetErrorCount', alarm_actions: ['arn:aws:sns:us-east-1:1:acme-ml-data-alerts'] });
  });

  test("the quality role reads only the stream's objects and its table, and adds partitions", () => {
    const policy = resourcesOf(json, 'aws_iam_role_policy').find((p) => p.name === 'stream-quality');
    const bySid = Object.fromEntries((JSON.parse(policy?.policy as string).Statement as { Sid: string }[]).map((s) => [s.Sid, s]));
    expect(bySid.ReadStream).toMatchObject({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::raw-b/streams/ingest/*' });
    expect(bySid.ListStream).toMatchObject({ Condition: { StringLike: { 's3:prefix': ['streams/ingest/*'] } } });
    expect(bySid.StreamTableAndPartitions).toMatchObject({ Resource: expect.arrayContaining(['arn:aws:glue:us-east-1:1:table/acme_ml_raw/ingest']) });
  });
});
