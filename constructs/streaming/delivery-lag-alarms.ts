/**
 * CloudWatch alarms that tell when the stream falls behind its latency target, to the data alerts
 * topic. Three places can lag, and each has its own metric:
 *
 * | alarm              | metric                                                         | means                                         |
 * |--------------------|----------------------------------------------------------------|-----------------------------------------------|
 * | `<name>-freshness` | AWS/Firehose `DeliveryToS3.DataFreshness` (Maximum, seconds)   | the oldest record Firehose holds is this old  |
 * | `<name>-delivery`  | AWS/Firehose `DeliveryToS3.Success` (Average, ratio)           | S3 puts fail (permissions, key, bucket policy)|
 * | `<name>-source-lag`| Kinesis `GetRecords.IteratorAgeMilliseconds` (Maximum), or MSK `EstimatedMaxTimeLag` (seconds) of any consumer group of the topic | Firehose reads the source too slowly |
 *
 * Firehose names its MSK consumer group itself, so the MSK alarm is a CloudWatch Metrics Insights
 * query over every consumer group of the topic (alarms on Metrics Insights queries:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-alarms.html).
 * Metric names: https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html,
 * https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html,
 * https://docs.aws.amazon.com/msk/latest/developerguide/consumer-lag.html.
 *
 * The alarms fire on sustained lag (five one-minute periods in a row), not on a single slow
 * batch; no data (a quiet stream) is not an alarm. A producer that stops altogether is not lag:
 * the quality rules' freshness check reports it.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

/** Lag that alarms: four times the latency target, at least a minute (Firehose rounds its metrics to minutes). */
export function lagAlarmSeconds(latencySeconds: number): number {
  return Math.max(60, 4 * latencySeconds);
}

/** One-minute periods in a row that must breach. */
export const LAG_EVALUATION_MINUTES = 5;

/** The source to watch. */
export type LagSource = { readonly kind: 'kinesis'; readonly streamName: string } | { readonly kind: 'kafka'; readonly clusterName: string; readonly topic: string };

/** Props of {@link DeliveryLagAlarms}. */
export interface DeliveryLagAlarmsProps {
  /** Alarm name prefix, e.g. `acme-ml-ingest`. */
  readonly name: string;
  /** The Firehose stream's name. */
  readonly deliveryStreamName: string;
  readonly source: LagSource;
  /** The latency target (`data.streaming.latencySeconds`). */
  readonly latencySeconds: number;
  /** The SNS topic to notify. */
  readonly topicArn: string;
}

/** The three alarms. */
export class DeliveryLagAlarms extends Construct {
  readonly freshness: CloudwatchMetricAlarm;
  readonly delivery: CloudwatchMetricAlarm;
  readonly sourceLag: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: DeliveryLagAlarmsProps) {
    super(scope, id);
    const threshold = lagAlarmSeconds(props.latencySeconds);
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn], treatMissingData: 'notBreaching' };
    const sustained = { period: 60, evaluationPeriods: LAG_EVALUATION_MINUTES, datapointsToAlarm: LAG_EVALUATION_MINUTES };
    this.freshness = new CloudwatchMetricAlarm(this, 'freshness', {
      alarmName: `${props.name}-freshness`,
      alarmDescription: `Records wait more than ${threshold} s in Firehose before reaching the raw zone (target ${props.latencySeconds} s)`,
      namespace: 'AWS/Firehose',
      metricName: 'DeliveryToS3.DataFreshness',
      dimensions: { DeliveryStreamName: props.deliveryStreamName },
      statistic: 'Maximum',
      threshold,
      comparisonOperator: 'GreaterThanThreshold',
      ...sustained,
      ...notify,
    });
    this.delivery = new CloudwatchMetricAlarm(this, 'delivery', {
      alarmName: `${props.name}-delivery`,
      alarmDescription: 'Firehose fails to write records into the raw zone (see its DestinationDelivery log stream)',
      namespace: 'AWS/Firehose',
      metricName: 'DeliveryToS3.Success',
      dimensions: { DeliveryStreamName: props.deliveryStreamName },
      statistic: 'Average',
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      ...sustained,
      ...notify,
    });
    const description = `Firehose reads the ${props.source.kind === 'kafka' ? 'topic' : 'stream'} more than ${threshold} s behind its newest record`;
    this.sourceLag =
      props.source.kind === 'kinesis'
        ? new CloudwatchMetricAlarm(this, 'source-lag', {
            alarmName: `${props.name}-source-lag`,
            alarmDescription: description,
            namespace: 'AWS/Kinesis',
            metricName: 'GetRecords.IteratorAgeMilliseconds',
            dimensions: { StreamName: props.source.streamName },
            statistic: 'Maximum',
            threshold: threshold * 1000,
            comparisonOperator: 'GreaterThanThreshold',
            ...sustained,
            ...notify,
          })
        : new CloudwatchMetricAlarm(this, 'source-lag', {
            alarmName: `${props.name}-source-lag`,
            alarmDescription: description,
            metricQuery: [
              {
                id: 'lag',
                expression: `SELECT MAX(EstimatedMaxTimeLag) FROM SCHEMA("AWS/Kafka", "Cluster Name", "Consumer Group", Topic) WHERE "Cluster Name" = '${props.source.clusterName}' AND Topic = '${props.source.topic}'`,
                period: 60,
                returnData: true,
              },
            ],
            threshold,
            comparisonOperator: 'GreaterThanThreshold',
            evaluationPeriods: LAG_EVALUATION_MINUTES,
            datapointsToAlarm: LAG_EVALUATION_MINUTES,
            ...notify,
          });
  }
}
