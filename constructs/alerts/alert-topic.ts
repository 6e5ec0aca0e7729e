/**
 * The SNS topic `<name>-alerts` that CloudWatch alarms and AWS Budgets notify, encrypted with
 * its own customer-managed key. Both services publish to an encrypted topic only when the key
 * policy lets them use the key and the topic policy lets them publish; both are limited to
 * this account (`aws:SourceAccount`).
 */
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { CustomerManagedKey } from '../kms/customer-managed-key';

/** Services that publish alerts (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html). */
export const ALERT_PUBLISHERS = ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com'] as const;

/** Publishers of data alerts: CloudWatch alarms, and EventBridge rules (Macie findings, failed quality evaluations). */
export const DATA_ALERT_PUBLISHERS = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] as const;

/** Props of {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Topic name, e.g. `acme-ml-alerts`. */
  readonly name: string;
  /** The account id (conditions and the key policy's root principal). */
  readonly accountId: string;
  /** `arn:<partition>:iam::<account>:root`. */
  readonly accountRootArn: string;
  /**
   * Service principals that may publish (and use the key to).
   * @default ALERT_PUBLISHERS
   */
  readonly publishers?: readonly string[];
}

/** An encrypted alert topic. */
export class AlertTopic extends Construct {
  /** The topic. */
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': props.accountId } };
    const publishers = [...(props.publishers ?? ALERT_PUBLISHERS)];
    const key = new CustomerManagedKey(this, 'key', {
      alias: props.name,
      description: `Encryption of the ${props.name} topic`,
      accountRootArn: props.accountRootArn,
      additionalStatements: [
        { sid: 'AlertPublishersUseKey', principals: { Service: publishers }, actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions: sourceAccount },
      ],
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.name, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        { sid: 'AlertPublishersPublish', principals: { Service: publishers }, actions: ['SNS:Publish'], resources: [this.topic.arn], conditions: sourceAccount },
        { sid: 'DenyInsecureTransport', effect: 'Deny', principals: { AWS: '*' }, actions: ['SNS:Publish'], resources: [this.topic.arn], conditions: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    });
  }
}
