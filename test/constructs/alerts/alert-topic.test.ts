import { ALERT_PUBLISHERS, AlertTopic, DATA_ALERT_PUBLISHERS } from '../../../constructs/alerts/alert-topic';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct((scope) => new AlertTopic(scope, 'alerts', { name: 'acme-ml-alerts', accountId: '111122223333', accountRootArn: 'arn:aws:iam::111122223333:root' }));

describe('AlertTopic', () => {
  test('the topic is encrypted with its own rotating key', () => {
    expect(resourcesOf(json, 'aws_sns_topic')).toEqual([expect.objectContaining({ name: 'acme-ml-alerts', kms_master_key_id: expect.stringMatching(/aws_kms_key\..*\.arn/) })]);
    expect(resourcesOf(json, 'aws_kms_key')[0]).toMatchObject({ enable_key_rotation: true });
  });

  test('CloudWatch and Budgets may use the key and publish, from this account only', () => {
    const keyPolicy = JSON.parse(resourcesOf(json, 'aws_kms_key')[0].policy as string);
    const publishers = keyPolicy.Statement.find((s: { Sid: string }) => s.Sid === 'AlertPublishersUseKey');
    expect(publishers.Principal).toEqual({ Service: [...ALERT_PUBLISHERS] });
    expect(publishers.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111122223333' } });
    const topicPolicy = JSON.parse(resourcesOf(json, 'aws_sns_topic_policy')[0].policy as string);
    expect(topicPolicy.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'SNS:Publish', Principal: { Service: [...ALERT_PUBLISHERS] } });
    expect(topicPolicy.Statement[1]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });
});

describe('AlertTopic: publishers', () => {
  test('GIVEN data alert publishers WHEN synthesized THEN CloudWatch and EventBridge may use the key and publish, Budgets not', () => {
    const data = synthConstruct((scope) => new AlertTopic(scope, 'alerts', { name: 'acme-ml-data-alerts', accountId: '111122223333', accountRootArn: 'arn:aws:iam::111122223333:root', publishers: DATA_ALERT_PUBLISHERS }));
    const topicPolicy = JSON.parse(resourcesOf(data, 'aws_sns_topic_policy')[0].policy as string);
    expect(topicPolicy.Statement[0].Principal).toEqual({ Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] });
    const keyPolicy = JSON.parse(resourcesOf(data, 'aws_kms_key')[0].policy as string);
    expect(keyPolicy.Statement.find((s: { Sid: string }) => s.Sid === 'AlertPublishersUseKey').Principal).toEqual({ Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] });
  });
});
