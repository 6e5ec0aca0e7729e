/**
 * PII detection on the raw and curated zones (when `business.compliance` is not empty): an Amazon
 * Macie classification job that runs every day over the objects added or changed since its last
 * run, and an EventBridge rule that sends Macie's findings about those two buckets to the data
 * alerts topic.
 *
 * Runtime path of a finding: Macie's daily job samples new objects in raw and curated (reading
 * them with its service-linked role, which the lakehouse key policy lets decrypt, and which the
 * hybrid network deny exempts); when it finds personal data it creates a
 * `SensitiveData:S3Object/...` finding and publishes it to the default event bus
 * (source `aws.macie`, detail-type `Macie Finding`); the rule matches findings whose affected
 * bucket is raw or curated and publishes them to the `<name>-data-alerts` SNS topic, whose
 * subscribers (email, chat, paging) are the people who act.
 *
 * Automated sensitive data discovery has no Terraform resource in provider 5.100, so a
 * scheduled classification job it is. `initial_run` is false: the first run would otherwise
 * classify everything already in the buckets (Macie bills per GB inspected), a decision for the
 * data owner, not a side effect of a deploy; run a one-time job by hand for existing data.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Macie2ClassificationJob } from '@cdktf/provider-aws/lib/macie2-classification-job';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Share of new objects Macie inspects: a stream that carries personal data carries it in many
 * objects, so a 10% sample finds it within a day's run at a tenth of the price of inspecting
 * everything ($1 per GB). Raise it where a single object with personal data must not be missed.
 */
export const DEFAULT_SAMPLING_PERCENTAGE = 10;

/** Props of {@link PiiDetection}. */
export interface PiiDetectionProps {
  /** Name prefix: the job is `<name>-pii-daily`, the rule `<name>-pii-findings`. */
  readonly namePrefix: string;
  /** The account the buckets live in. */
  readonly accountId: string;
  /** Names of the buckets to inspect (raw and curated). */
  readonly bucketNames: readonly string[];
  /** The topic findings go to. */
  readonly alertsTopicArn: string;
  /** Macie must be enabled before a job can be created. */
  readonly macieEnabled: ITerraformDependable;
  /**
   * Percent of new objects inspected, 1 to 100.
   * @default DEFAULT_SAMPLING_PERCENTAGE
   */
  readonly samplingPercentage?: number;
}

/** The EventBridge pattern of Macie findings about the given buckets. */
export function macieFindingPattern(bucketNames: readonly string[]): string {
  return JSON.stringify({ source: ['aws.macie'], 'detail-type': ['Macie Finding'], detail: { resourcesAffected: { s3Bucket: { name: [...bucketNames] } } } });
}

/** The job and the findings route. */
export class PiiDetection extends Construct {
  readonly job: Macie2ClassificationJob;
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: PiiDetectionProps) {
    super(scope, id);
    const sampling = props.samplingPercentage ?? DEFAULT_SAMPLING_PERCENTAGE;
    if (!Number.isInteger(sampling) || sampling < 1 || sampling > 100) throw new Error(`${this.node.path}: samplingPercentage must be a whole number from 1 to 100, got ${sampling}`);
    this.job = new Macie2ClassificationJob(this, 'job', {
      name: `${props.namePrefix}-pii-daily`,
      description: 'tracklayer: personal data in the raw and curated zones, new objects daily',
      jobType: 'SCHEDULED',
      scheduleFrequency: { dailySchedule: true },
      initialRun: false,
      samplingPercentage: sampling,
      jobStatus: 'RUNNING',
      s3JobDefinition: { bucketDefinitions: [{ accountId: props.accountId, buckets: [...props.bucketNames] }] },
      dependsOn: [props.macieEnabled],
    });
    this.rule = new CloudwatchEventRule(this, 'findings', {
      name: `${props.namePrefix}-pii-findings`,
      description: 'Macie findings about the raw and curated zones, to the data alerts topic',
      eventPattern: macieFindingPattern(props.bucketNames),
    });
    new CloudwatchEventTarget(this, 'to-alerts', { rule: this.rule.name, arn: props.alertsTopicArn });
  }
}
