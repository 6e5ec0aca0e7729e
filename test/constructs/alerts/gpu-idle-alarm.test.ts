import { GpuIdleAlarm } from '../../../constructs/alerts/gpu-idle-alarm';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('GpuIdleAlarm', () => {
  test('average node_gpu_utilization under 30% for 6 hourly periods notifies the topic', () => {
    const json = synthConstruct((scope) => new GpuIdleAlarm(scope, 'idle', { name: 'acme-ml-gpu-idle', clusterName: 'acme-ml', topicArn: 'arn:aws:sns:us-east-1:1:t' }));
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toEqual([
      expect.objectContaining({
        namespace: 'ContainerInsights',
        metric_name: 'node_gpu_utilization',
        dimensions: { ClusterName: 'acme-ml' },
        statistic: 'Average',
        period: 3600,
        evaluation_periods: 6,
        threshold: 30,
        comparison_operator: 'LessThanThreshold',
        treat_missing_data: 'notBreaching',
        alarm_actions: ['arn:aws:sns:us-east-1:1:t'],
      }),
    ]);
  });
});
