import { iamNoAdmin } from '../../../guardrails/rules/iam-rules';
import { merge, ref, stack } from '../fixtures/builders';
import { kmsKey } from '../fixtures/storage-fixtures';

describe('IAM_NO_ADMIN', () => {
  test('GIVEN a KMS key policy with kms:* on * for the account root THEN it is not an identity policy and passes', () => {
    expect(iamNoAdmin.check(stack(kmsKey()))).toEqual([]);
  });

  test('GIVEN AdministratorAccess attached in any partition, or listed in managed_policy_arns THEN each is reported', () => {
    const resources = {
      aws_iam_role: { ops: { name: 'ops', assume_role_policy: '{}', managed_policy_arns: ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess'] } },
      aws_iam_role_policy_attachment: {
        admin: { role: ref('aws_iam_role', 'ops', 'name'), policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        readonly: { role: ref('aws_iam_role', 'ops', 'name'), policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
    };
    expect(iamNoAdmin.check(stack(resources)).map((f) => f.address)).toEqual(['aws_iam_role_policy_attachment.admin', 'aws_iam_role.ops']);
  });

  test('GIVEN admin statements in a policy document data source, an inline role policy or a managed policy THEN each is reported', () => {
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }] });
    const resources = {
      aws_iam_policy: { from_document: { name: 'doc', policy: '${data.aws_iam_policy_document.admin.json}' }, managed: { name: 'managed', policy: admin } },
      aws_iam_role: { ops: { name: 'ops', assume_role_policy: '{}', inline_policy: [{ name: 'everything', policy: admin }] } },
    };
    const data = { aws_iam_policy_document: { admin: { statement: [{ actions: ['*'], resources: ['*'] }] } } };
    expect(iamNoAdmin.check(stack(resources, { data })).map((f) => [f.address, f.message.split(' allows')[0]])).toEqual([
      ['aws_iam_policy.from_document', 'policy'],
      ['aws_iam_policy.managed', 'policy'],
      ['aws_iam_role.ops', 'inline policy everything'],
    ]);
  });

  test('GIVEN a Deny of everything, or * on scoped resources THEN nothing is reported', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::demo/*' }] });
    expect(iamNoAdmin.check(stack(merge({ aws_iam_policy: { p: { policy } } })))).toEqual([]);
  });
});
