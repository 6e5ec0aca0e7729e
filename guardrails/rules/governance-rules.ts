/** Governance rules: Lake Formation grants give what a principal needs and no more. */
import type { Finding, Rule } from '../rule';
import { findingAt, resourcesOf, stringList } from '../terraform-json';

/** Permissions that grant everything on a resource. */
const BLANKET_PERMISSIONS = ['ALL', 'SUPER'];

/** The Lake Formation group that stands for "whoever IAM allows". */
const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

/** LAKEFORMATION_GRANTS: no ALL/SUPER, no grant option, nothing for IAM_ALLOWED_PRINCIPALS. */
export const lakeFormationGrants: Rule = {
  id: 'LAKEFORMATION_GRANTS',
  level: 'error',
  rationale: 'Lake Formation grants name the permissions a principal needs: never ALL or SUPER, never with a grant option, and never to IAM_ALLOWED_PRINCIPALS, which hands the resource to every IAM principal.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    resourcesOf(stack, 'aws_lakeformation_permissions').flatMap((grant): Finding[] => {
      const findings: Finding[] = [];
      const blanket = stringList(grant.config.permissions).filter((p) => BLANKET_PERMISSIONS.includes(p));
      if (blanket.length > 0) findings.push(findingAt(grant, `grants ${blanket.join(' and ')}; name the permissions the principal needs (SELECT, DESCRIBE, ...)`));
      const grantable = stringList(grant.config.permissions_with_grant_option);
      if (grantable.length > 0) findings.push(findingAt(grant, `lets the principal pass on ${grantable.join(', ')}; grant options are for data lake administrators`));
      if (grant.config.principal === IAM_ALLOWED_PRINCIPALS) findings.push(findingAt(grant, 'grants to IAM_ALLOWED_PRINCIPALS, that is to every IAM principal IAM lets in; grant to named roles'));
      return findings;
    }),
};

/** The governance rules, in registry order. */
export const GOVERNANCE_RULES: readonly Rule[] = [lakeFormationGrants];
