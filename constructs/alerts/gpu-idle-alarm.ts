/**
 * Idle GPUs are the industry's costliest waste: an alarm when a cluster's GPU nodes average
 * under a utilization threshold for hours, on Container Insights' `node_gpu_utilization`
 * (published by the amazon-cloudwatch-observability add-on from DCGM).
 *
 * Container Insights has no node-group dimension (node metrics carry ClusterName, or
 * ClusterName + InstanceId + NodeName), so the alarm watches the cluster-level aggregate of
 * all GPU nodes; missing data (GPU groups scaled to zero) is not an alarm.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

/** Under 30% average is idle enough to act on (scale down, share, or re-plan). */
export const DEFAULT_IDLE_THRESHOLD_PERCENT = 30;
/** Six hours: long enough to skip data loading and evaluation gaps, short enough to matter in a day. */
export const DEFAULT_IDLE_HOURS = 6;

/** Props of {@link GpuIdleAlarm}. */
export interface GpuIdleAlarmProps {
  /** Alarm name. */
  readonly name: string;
  /** The EKS cluster name. */
  readonly clusterName: string;
  /** SNS topic ARN to notify. */
  readonly topicArn: string;
  /** Average utilization (percent) under which GPUs count as idle. @default DEFAULT_IDLE_THRESHOLD_PERCENT */
  readonly thresholdPercent?: number;
  /** Hours the average must stay under the threshold. @default DEFAULT_IDLE_HOURS */
  readonly hours?: number;
}

/** A CloudWatch alarm on idle GPUs. */
export class GpuIdleAlarm extends Construct {
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: GpuIdleAlarmProps) {
    super(scope, id);
    const threshold = props.thresholdPercent ?? DEFAULT_IDLE_THRESHOLD_PERCENT;
    const hours = props.hours ?? DEFAULT_IDLE_HOURS;
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.name,
      alarmDescription: `GPU nodes of ${props.clusterName} averaged under ${threshold}% utilization for ${hours} hours: scale down or share them`,
      namespace: 'ContainerInsights',
      metricName: 'node_gpu_utilization',
      dimensions: { ClusterName: props.clusterName },
      statistic: 'Average',
      period: 3600,
      evaluationPeriods: hours,
      threshold,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
