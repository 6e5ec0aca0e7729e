/**
 * Quality rules on the ingest stream (NEEDS-v1.1 `data.quality`, with the data-foundation
 * plan's defaults when only `data.streaming` is given), composed from the quality constructs:
 * the stream's Glue table (./stream-table), the crawler that registers its partitions
 * (./partition-crawler), the DQDL ruleset from the need (./quality-rules) and its scheduled
 * evaluation and alerts (./quality-checks), all running as one quality role.
 *
 * Why the stream's table: the quality need is about curated tables, but the curated tables are
 * created by engines (Spark, Athena) in S3 Tables, unknown to tracklayer when it synthesizes,
 * and provider 5.100 cannot federate S3 Tables into the Glue catalog (no `aws_glue_catalog`
 * resource) for a ruleset to point at. The one table tracklayer creates and fills is the
 * stream's, so the rules check what every record must carry (the CloudEvents envelope) and how
 * fresh the newest record is. Rules on curated tables need their names and columns, which the
 * needs file does not state (see the README).
 *
 * The quality role (made before the lakehouse, because the raw bucket's network deny exempts it)
 * gets: the table and its partitions (read, and add partitions), the ruleset (read, publish
 * results), the stream's objects (read) and the key (decrypt, through S3), the crawler's event
 * queue, its own Glue logs, and CloudWatch metrics in the Glue Data Quality namespace.
 */
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { QualityNeed } from '../../needs/schema';
import { policyDocument } from '../iam/policy-document';
import { crawlerQueueStatements, PartitionCrawler } from './partition-crawler';
import { QualityChecks, rulesetArn } from './quality-checks';
import { evaluationIntervalMinutes, evaluationWindowDays, qualityRuleset } from './quality-rules';
import { CHECKED_COLUMNS, EVENT_TIME_COLUMN, StreamTable } from './stream-table';

/** Props of {@link StreamQuality}. */
export interface StreamQualityProps {
  /** The project name: resources are `<name>-<stream>-…`. */
  readonly namePrefix: string;
  /** The stream's short name: the table name and the prefix's last part. */
  readonly stream: string;
  /** `data.quality` (or its defaults). */
  readonly need: QualityNeed;
  /** The role crawls and evaluations run as (trusted by glue.amazonaws.com). */
  readonly qualityRole: { readonly name: string; readonly arn: string };
  /** The raw bucket. */
  readonly rawBucket: { readonly name: string; readonly arn: string };
  /** The stream's prefix in raw, e.g. `streams/ingest/`. */
  readonly landingPrefix: string;
  /** The arrival partition columns of the prefix, in order; the first is the date (`yyyy-MM-dd`). */
  readonly partitionColumns: readonly string[];
  /** The raw zone's Glue database. */
  readonly databaseName: string;
  /** The lakehouse key. */
  readonly kmsKeyArn: string;
  /** Lineage for the table's properties. */
  readonly lineage: { readonly producerArn: string; readonly sourceArn: string; readonly sourceTopic: string };
  readonly alertsTopicArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

/** The push-down predicate of an evaluation: the date partitions of the last `days` days (Spark SQL, evaluated at run time). */
export function recentPartitionsPredicate(dateColumn: string, days: number): string {
  return `${dateColumn} >= date_format(date_sub(current_date(), ${days}), 'yyyy-MM-dd')`;
}

/** The table, crawler, ruleset, schedule, alerts and the quality role's policy. */
export class StreamQuality extends Construct {
  readonly table: StreamTable;
  readonly checks: QualityChecks;
  readonly crawler: PartitionCrawler;

  constructor(scope: Construct, id: string, props: StreamQualityProps) {
    super(scope, id);
    const name = `${props.namePrefix}-${props.stream}`;
    this.table = new StreamTable(this, 'table', {
      databaseName: props.databaseName,
      tableName: props.stream,
      location: `s3://${props.rawBucket.name}/${props.landingPrefix}`,
      partitionColumns: props.partitionColumns,
      lineage: props.lineage,
    });
    this.crawler = new PartitionCrawler(this, 'partitions', {
      name: `${name}-partitions`,
      roleArn: props.qualityRole.arn,
      databaseName: props.databaseName,
      tableName: this.table.name,
      bucketName: props.rawBucket.name,
      bucketArn: props.rawBucket.arn,
      prefix: props.landingPrefix,
      accountId: props.accountId,
    });
    const rulesetName = `${name}-quality`;
    this.checks = new QualityChecks(this, 'checks', {
      name: rulesetName,
      ruleset: qualityRuleset(props.need, CHECKED_COLUMNS, EVENT_TIME_COLUMN),
      databaseName: props.databaseName,
      tableName: this.table.name,
      qualityRole: props.qualityRole,
      intervalMinutes: evaluationIntervalMinutes(props.need.freshnessMinutes),
      pushDownPredicate: recentPartitionsPredicate(props.partitionColumns[0], evaluationWindowDays(props.need.freshnessMinutes)),
      alertsTopicArn: props.alertsTopicArn,
      region: props.region,
      accountId: props.accountId,
      partition: props.partition,
    });
    const glue = (resource: string) => `arn:${props.partition}:glue:${props.region}:${props.accountId}:${resource}`;
    const prefixObjects = `${props.rawBucket.arn}/${props.landingPrefix}*`;
    new IamRolePolicy(this, 'role-policy', {
      name: 'stream-quality',
      role: props.qualityRole.name,
      policy: policyDocument([
        {
          sid: 'StreamTableAndPartitions',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition', 'glue:CreatePartition', 'glue:BatchCreatePartition', 'glue:UpdatePartition'],
          resources: [glue('catalog'), glue(`database/${props.databaseName}`), glue(`table/${props.databaseName}/${props.stream}`)],
        },
        { sid: 'EvaluateRuleset', actions: ['glue:GetDataQualityRuleset', 'glue:PublishDataQuality'], resources: [rulesetArn(props.partition, props.region, props.accountId, rulesetName)] },
        { sid: 'LocateBucket', actions: ['s3:GetBucketLocation'], resources: [props.rawBucket.arn] },
        { sid: 'ListStream', actions: ['s3:ListBucket'], resources: [props.rawBucket.arn], conditions: { StringLike: { 's3:prefix': [`${props.landingPrefix}*`] } } },
        { sid: 'ReadStream', actions: ['s3:GetObject'], resources: [prefixObjects] },
        { sid: 'DecryptStream', actions: ['kms:Decrypt'], resources: [props.kmsKeyArn], conditions: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com` } } },
        ...crawlerQueueStatements(this.crawler.queue.arn),
        {
          sid: 'GlueLogs',
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:/aws-glue/*`],
        },
        { sid: 'QualityMetrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue Data Quality' } } },
      ]),
    });
  }
}
