/**
 * An IAM role an AWS service assumes, without policies: created on its own so that resource
 * policies can name its ARN before the policies that give it access exist (the lakehouse's
 * network deny exempts the Firehose and data-quality roles, and those roles' policies name the
 * lakehouse's buckets). The caller attaches the policies.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from './policy-document';

/** Props of {@link ServiceRole}. */
export interface ServiceRoleProps {
  /** The role name. */
  readonly name: string;
  /** The service principal that assumes it, e.g. `firehose.amazonaws.com`. */
  readonly service: string;
  /** What the role is for (shown in the console). */
  readonly description: string;
  /**
   * Conditions on the trust statement, e.g. `aws:SourceAccount` against the confused deputy.
   * @default - none
   */
  readonly conditions?: PolicyStatement['conditions'];
}

/** The role. */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.name,
      description: props.description,
      assumeRolePolicy: policyDocument([{ principals: { Service: props.service }, actions: ['sts:AssumeRole'], ...(props.conditions ? { conditions: props.conditions } : {}) }]),
    });
    this.name = this.role.name;
    this.arn = this.role.arn;
  }
}
