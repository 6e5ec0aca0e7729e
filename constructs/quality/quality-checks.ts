/**
 * Runs the quality ruleset on a schedule and tells people when it fails. A ruleset evaluates
 * nothing by itself, so:
 *
 * 1. EventBridge Scheduler (schedule group `<name>-data-quality`) calls
 *    `glue:StartDataQualityRulesetEvaluationRun` every ./quality-rules `evaluationIntervalMinutes`,
 *    through the universal target, as a role that may start that run and pass the quality role
 *    to Glue and nothing else.
 * 2. Glue runs the evaluation as the quality role, over the table's partitions of the last
 *    `evaluationWindowDays` (a push-down predicate on `ingest_date`, evaluated by Spark when the
 *    run starts), and publishes the result (and CloudWatch metrics).
 * 3. A result with failed rules is an EventBridge event (source `aws.glue-dataquality`,
 *    detail-type `Data Quality Evaluation Results Available`, `state` FAILED); a rule sends it to
 *    the data alerts topic. A run that cannot start (a permission removed, the table gone) shows
 *    as Scheduler target errors, which a CloudWatch alarm on the schedule group reports too.
 *
 * References: https://docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { GlueDataQualityRuleset } from '@cdktf/provider-aws/lib/glue-data-quality-ruleset';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';

/** Glue workers of an evaluation (G.1X): two, the fewest a run takes; the stream window is small. */
export const EVALUATION_WORKERS = 2;
/** Minutes an evaluation may run before Glue stops it. */
export const EVALUATION_TIMEOUT_MINUTES = 30;

/** Props of {@link QualityChecks}. */
export interface QualityChecksProps {
  /** Name prefix: ruleset `<name>`, schedule group `<name>`, role `<name>-scheduler`. */
  readonly name: string;
  /** The DQDL ruleset. */
  readonly ruleset: string;
  readonly databaseName: string;
  readonly tableName: string;
  /** The role evaluations run as. */
  readonly qualityRole: { readonly name: string; readonly arn: string };
  /** Minutes between evaluations. */
  readonly intervalMinutes: number;
  /** The push-down predicate limiting the partitions an evaluation reads. */
  readonly pushDownPredicate: string;
  readonly alertsTopicArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

/** The ARN of a Data Quality ruleset. */
export function rulesetArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:glue:${region}:${accountId}:dataQualityRuleset/${name}`;
}

/** The StartDataQualityRulesetEvaluationRun request the schedule sends (the API's field names). */
export function evaluationRunInput(props: Pick<QualityChecksProps, 'databaseName' | 'tableName' | 'qualityRole' | 'pushDownPredicate'>, rulesetName: string): string {
  return JSON.stringify({
    DataSource: { GlueTable: { DatabaseName: props.databaseName, TableName: props.tableName, AdditionalOptions: { pushDownPredicate: props.pushDownPredicate } } },
    Role: props.qualityRole.arn,
    RulesetNames: [rulesetName],
    NumberOfWorkers: EVALUATION_WORKERS,
    Timeout: EVALUATION_TIMEOUT_MINUTES,
    AdditionalRunOptions: { CloudWatchMetricsEnabled: true },
  });
}

/** The EventBridge pattern of failed evaluations of a ruleset. */
export function failedEvaluationPattern(rulesetName: string): string {
  return JSON.stringify({
    source: ['aws.glue-dataquality'],
    'detail-type': ['Data Quality Evaluation Results Available'],
    detail: { context: { rulesetNames: [rulesetName] }, state: ['FAILED'] },
  });
}

/** The ruleset, its schedule and its alerts. */
export class QualityChecks extends Construct {
  readonly ruleset: GlueDataQualityRuleset;
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: QualityChecksProps) {
    super(scope, id);
    if (!Number.isInteger(props.intervalMinutes) || props.intervalMinutes < 1) throw new Error(`${this.node.path}: intervalMinutes must be a whole number of at least 1, got ${props.intervalMinutes}`);
    const glue = (resource: string) => `arn:${props.partition}:glue:${props.region}:${props.accountId}:${resource}`;
    this.ruleset = new GlueDataQualityRuleset(this, 'ruleset', {
      name: props.name,
      description: 'tracklayer: completeness and freshness of the ingest stream (data.quality)',
      ruleset: props.ruleset,
      targetTable: { databaseName: props.databaseName, tableName: props.tableName },
    });
    const group = new SchedulerScheduleGroup(this, 'group', { name: props.name });
    const role = new ServiceRole(this, 'scheduler-role', {
      name: `${props.name}-scheduler`,
      service: 'scheduler.amazonaws.com',
      description: 'EventBridge Scheduler starts the data quality evaluations',
      conditions: { StringEquals: { 'aws:SourceAccount': props.accountId } },
    });
    const policy = new IamRolePolicy(this, 'scheduler-policy', {
      name: 'start-quality-evaluations',
      role: role.name,
      policy: policyDocument([
        {
          sid: 'StartEvaluation',
          actions: ['glue:StartDataQualityRulesetEvaluationRun'],
          resources: [rulesetArn(props.partition, props.region, props.accountId, props.name), glue('catalog'), glue(`database/${props.databaseName}`), glue(`table/${props.databaseName}/${props.tableName}`)],
        },
        { sid: 'PassQualityRole', actions: ['iam:PassRole'], resources: [props.qualityRole.arn], conditions: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } } },
      ]),
    });
    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name: props.name,
      groupName: group.name,
      description: 'Evaluates the data quality ruleset of the ingest stream',
      scheduleExpression: `rate(${props.intervalMinutes} minutes)`,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:glue:startDataQualityRulesetEvaluationRun',
        roleArn: role.arn,
        input: evaluationRunInput(props, this.ruleset.name),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 900 },
      },
      dependsOn: [policy],
    });
    const failed = new CloudwatchEventRule(this, 'failed', {
      name: `${props.name}-failed`,
      description: 'Data quality evaluations with failed rules, to the data alerts topic',
      eventPattern: failedEvaluationPattern(props.name),
    });
    new CloudwatchEventTarget(this, 'failed-to-alerts', { rule: failed.name, arn: props.alertsTopicArn });
    new CloudwatchMetricAlarm(this, 'not-started', {
      alarmName: `${props.name}-not-started`,
      alarmDescription: 'EventBridge Scheduler could not start a data quality evaluation (see the schedule group in the Scheduler console)',
      namespace: 'AWS/Scheduler',
      metricName: 'TargetErrorCount',
      dimensions: { ScheduleGroup: group.name },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.alertsTopicArn],
      okActions: [props.alertsTopicArn],
    });
  }
}
