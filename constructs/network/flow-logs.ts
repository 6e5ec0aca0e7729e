/**
 * VPC flow logs to CloudWatch Logs: every accepted and rejected flow, kept for a fixed
 * period, written by a role that can write only to this log group.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy } from '../iam/policy-document';

/** Flow log retention: a year covers most incident look-backs and audit requests (CIS asks for logging, PCI DSS for a year). */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;

/** Aggregation interval in seconds: 60 is the finest CloudWatch flow logs offer. */
const AGGREGATION_INTERVAL_SECONDS = 60;

/** Props of {@link VpcFlowLogs}. */
export interface VpcFlowLogsProps {
  /** Prefix of resource names. */
  readonly namePrefix: string;
  /** The VPC to log. */
  readonly vpcId: string;
  /**
   * Days to keep the logs.
   * @default DEFAULT_FLOW_LOG_RETENTION_DAYS
   */
  readonly retentionDays?: number;
}

/** A flow log, its log group and its delivery role. */
export class VpcFlowLogs extends Construct {
  /** The log group the flows land in. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/tracklayer/${props.namePrefix}/vpc-flow-logs`,
      retentionInDays: props.retentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
    });
    const role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-vpc-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'role-policy', {
      name: 'write-flow-logs',
      role: role.id,
      policy: policyDocument([
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: AGGREGATION_INTERVAL_SECONDS,
    });
  }
}
