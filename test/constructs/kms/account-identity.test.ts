import { AccountIdentity } from '../../../constructs/kms/account-identity';
import { synthConstruct } from '../../support/synth-json';

describe('AccountIdentity', () => {
  test('GIVEN an account identity WHEN synthesized THEN it reads the caller identity and the partition, and nothing else', () => {
    const json = synthConstruct((scope) => new AccountIdentity(scope, 'account'));
    expect(Object.keys(json.data ?? {}).sort()).toEqual(['aws_caller_identity', 'aws_partition']);
    expect(json.resource).toBeUndefined();
  });

  test('GIVEN an account identity WHEN its root ARN is read THEN it is arn:<partition>:iam::<account-id>:root from the data sources', () => {
    let rootArn = '';
    synthConstruct((scope) => {
      rootArn = new AccountIdentity(scope, 'account').rootArn;
    });
    expect(rootArn).toMatch(/^arn:\$\{TfToken\[TOKEN\.\d+\]\}:iam::\$\{TfToken\[TOKEN\.\d+\]\}:root$/);
  });
});
