import { MacieAccount, macieKeyStatement } from '../../../constructs/governance/macie-account';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('MacieAccount', () => {
  const json = synthConstruct((scope) => new MacieAccount(scope, 'macie'));

  test('Macie is enabled, publishing finding updates every 15 minutes, and never destroyed by a plan (it is account-wide)', () => {
    expect(resourcesOf(json, 'aws_macie2_account')).toEqual([expect.objectContaining({ status: 'ENABLED', finding_publishing_frequency: 'FIFTEEN_MINUTES', lifecycle: { prevent_destroy: true } })]);
  });

  test("the key statement lets Macie's service-linked role decrypt, nothing more", () => {
    expect(macieKeyStatement('arn:aws:iam::1:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie')).toEqual({
      sid: 'AllowMacieToReadObjects',
      principals: { AWS: 'arn:aws:iam::1:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie' },
      actions: ['kms:Decrypt'],
      resources: ['*'],
    });
  });
});
