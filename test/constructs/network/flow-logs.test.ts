import { DEFAULT_FLOW_LOG_RETENTION_DAYS, VpcFlowLogs } from '../../../constructs/network/flow-logs';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('VpcFlowLogs', () => {
  const json = synthConstruct((scope) => new VpcFlowLogs(scope, 'flow-logs', { namePrefix: 'acme-ml', vpcId: 'vpc-123' }));

  test('logs ALL traffic of the VPC to CloudWatch Logs at 60 s aggregation', () => {
    expect(resourcesOf(json, 'aws_flow_log')).toEqual([
      expect.objectContaining({ vpc_id: 'vpc-123', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs', max_aggregation_interval: 60 }),
    ]);
  });

  test('keeps logs for the default retention', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')[0]).toMatchObject({ retention_in_days: DEFAULT_FLOW_LOG_RETENTION_DAYS });
  });

  test('the delivery role is trusted by vpc-flow-logs only and writes only to its log group', () => {
    const [role] = resourcesOf(json, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    const policy = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).not.toContain('logs:*');
    for (const resource of policy.Statement[0].Resource) expect(resource).toMatch(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}(:\*)?$/);
  });

  test('a custom retention', () => {
    const custom = synthConstruct((scope) => new VpcFlowLogs(scope, 'f', { namePrefix: 'x', vpcId: 'v', retentionDays: 30 }));
    expect(resourcesOf(custom, 'aws_cloudwatch_log_group')[0]).toMatchObject({ retention_in_days: 30 });
  });
});
