/**
 * IAM rules: no identity gets administrator access. Only identity policies are read (policies
 * of roles, users and groups, and managed-policy attachments). Resource policies are not:
 * a KMS key policy legitimately allows `kms:*` on `*` to the account root, which delegates
 * the key to IAM and grants nothing by itself.
 */
import { grantsEverything, policyStatements } from '../policy-document';
import type { Finding, Rule, SynthesizedStack } from '../rule';
import { blockList, findingAt, resourcesOf, stringList, type TerraformBlock } from '../terraform-json';

/** Resources whose `policy` attribute is an identity policy. */
const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** Attachment resources and the attribute that holds the managed policy ARN(s). */
const ATTACHMENTS: readonly (readonly [string, string])[] = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
];

/** The AWS managed AdministratorAccess policy, in any partition. */
const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

function adminStatements(stack: SynthesizedStack, block: TerraformBlock, policy: unknown, where: string): Finding[] {
  const statements = policyStatements(stack, policy) ?? [];
  const admin = statements.some((s) => s.effect.toLowerCase() === 'allow' && grantsEverything(s.actions) && s.resources.includes('*'));
  return admin ? [findingAt(block, `${where} allows Action "*" on Resource "*" (administrator access); grant the actions and resources the workload needs`)] : [];
}

/** IAM_NO_ADMIN: no identity policy grants `*` on `*`, no AdministratorAccess attachment. */
export const iamNoAdmin: Rule = {
  id: 'IAM_NO_ADMIN',
  level: 'error',
  rationale: 'No role, user or group gets administrator access: no identity policy allows Action "*" on Resource "*", and AdministratorAccess is never attached.',
  references: { checkov: ['CKV_AWS_62', 'CKV_AWS_1', 'CKV_AWS_274'], trivy: ['AVD-AWS-0057'], cdkNag: ['NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess', 'AwsSolutions-IAM5'] },
  check: (stack) => [
    ...resourcesOf(stack, ...POLICY_RESOURCES).flatMap((block) => adminStatements(stack, block, block.config.policy, 'policy')),
    ...resourcesOf(stack, 'aws_iam_role').flatMap((role) =>
      blockList(role.config.inline_policy).flatMap((inline) => adminStatements(stack, role, inline.policy, `inline policy ${String(inline.name ?? '')}`.trim())),
    ),
    ...ATTACHMENTS.flatMap(([type, attribute]) =>
      resourcesOf(stack, type).flatMap((block): Finding[] =>
        stringList(block.config[attribute]).some((arn) => ADMINISTRATOR_ACCESS.test(arn))
          ? [findingAt(block, 'attaches the AWS managed AdministratorAccess policy; attach a policy with the actions the workload needs')]
          : [],
      ),
    ),
  ],
};

/** The IAM rules, in registry order. */
export const IAM_RULES: readonly Rule[] = [iamNoAdmin];
