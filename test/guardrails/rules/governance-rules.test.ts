import { lakeFormationGrants } from '../../../guardrails/rules/governance-rules';
import { stack } from '../fixtures/builders';

const grant = (config: Record<string, unknown>) => stack({ aws_lakeformation_permissions: { g: { principal: 'arn:aws:iam::1:role/r', permissions: ['SELECT'], ...config } } });

describe('LAKEFORMATION_GRANTS', () => {
  test('GIVEN named permissions to a role THEN nothing', () => {
    expect(lakeFormationGrants.check(grant({}))).toEqual([]);
  });

  test('GIVEN ALL, a grant option and IAM_ALLOWED_PRINCIPALS THEN one finding each', () => {
    const findings = lakeFormationGrants.check(grant({ principal: 'IAM_ALLOWED_PRINCIPALS', permissions: ['ALL'], permissions_with_grant_option: ['SELECT'] }));
    expect(findings.map((f) => f.message)).toEqual([
      'grants ALL; name the permissions the principal needs (SELECT, DESCRIBE, ...)',
      'lets the principal pass on SELECT; grant options are for data lake administrators',
      'grants to IAM_ALLOWED_PRINCIPALS, that is to every IAM principal IAM lets in; grant to named roles',
    ]);
  });
});
