/**
 * A customer-managed KMS key for data at rest: yearly rotation, the longest deletion window,
 * an alias, and a key policy that names every principal it trusts (never `*`).
 *
 * The first statement of the policy gives the account root principal full control of the key.
 * That is the AWS default key policy: it does not open the key to everyone in the account, it
 * lets IAM policies of the account grant use of the key, and it keeps the account from being
 * locked out of its own key (KMS refuses a policy that would lock out the caller unless told
 * to bypass the check, which this construct never does).
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/**
 * Days between scheduling deletion and the key being gone: 30 is the KMS maximum (7 the
 * minimum), the longest time to notice and cancel a deletion that would make every object
 * encrypted under the key unreadable.
 */
export const DEFAULT_DELETION_WINDOW_DAYS = 30;

/** The window KMS accepts (https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html). */
const DELETION_WINDOW_RANGE = { min: 7, max: 30 } as const;

/** An `alias/` name: letters, digits, `/_-` (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html). */
const ALIAS_PATTERN = /^[a-zA-Z0-9/_-]{1,250}$/;

/** A key configuration that KMS would reject or that would weaken the key. */
export class KeyPolicyError extends Error {
  /** `path` is the construct path of the key, so the message says which key is wrong. */
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'KeyPolicyError';
  }
}

/** Props of {@link CustomerManagedKey}. */
export interface CustomerManagedKeyProps {
  /** Alias name without the `alias/` prefix, e.g. `acme-ml-lakehouse`. */
  readonly alias: string;
  /** What the key protects (shown in the console and CloudTrail). */
  readonly description: string;
  /** The account root principal, `arn:<partition>:iam::<account-id>:root` (see AccountIdentity). */
  readonly accountRootArn: string;
  /**
   * Further key policy statements, e.g. for a service principal that must use the key.
   * Each must name its principals; a `*` principal is refused.
   * @default - none: only IAM policies of the account grant use of the key
   */
  readonly additionalStatements?: readonly PolicyStatement[];
  /**
   * Days between scheduling deletion and deletion, 7 to 30.
   * @default DEFAULT_DELETION_WINDOW_DAYS
   */
  readonly deletionWindowDays?: number;
  /**
   * Refuse any plan that destroys the key (`lifecycle.prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** A rotating customer-managed key and its alias. */
export class CustomerManagedKey extends Construct {
  /** The key. */
  readonly key: KmsKey;
  /** The key's alias, `alias/<alias>`. */
  readonly alias: KmsAlias;
  /** The key ARN (what SSE-KMS configurations and IAM statements name). */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const deletionWindowDays = props.deletionWindowDays ?? DEFAULT_DELETION_WINDOW_DAYS;
    this.validate(props, deletionWindowDays);
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policyDocument([
        {
          sid: 'AccountAdministersKeyThroughIam',
          principals: { AWS: props.accountRootArn },
          actions: ['kms:*'],
          resources: ['*'], // in a key policy, `*` is this key
        },
        ...(props.additionalStatements ?? []),
      ]),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
  }

  private validate(props: CustomerManagedKeyProps, deletionWindowDays: number): void {
    const path = this.node.path;
    if (!Token.isUnresolved(deletionWindowDays)) {
      const { min, max } = DELETION_WINDOW_RANGE;
      if (!Number.isInteger(deletionWindowDays) || deletionWindowDays < min || deletionWindowDays > max) {
        throw new KeyPolicyError(path, `deletionWindowDays must be an integer from ${min} to ${max}, got ${deletionWindowDays}`);
      }
    }
    if (!Token.isUnresolved(props.alias) && (!ALIAS_PATTERN.test(props.alias) || props.alias.startsWith('aws/') || props.alias.startsWith('alias/'))) {
      throw new KeyPolicyError(path, `alias must be a name of letters, digits and / _ -, without the "alias/" prefix and not under "aws/", got "${props.alias}"`);
    }
    (props.additionalStatements ?? []).forEach((statement, index) => {
      const values = Object.values(statement.principals ?? {}).flatMap((value) => (typeof value === 'string' ? [value] : [...(value ?? [])]));
      if (values.length === 0) {
        throw new KeyPolicyError(path, `additionalStatements[${index}] must name its principals: a key policy statement without one applies to nobody or, with "*", to everybody`);
      }
      if (values.includes('*')) {
        throw new KeyPolicyError(path, `additionalStatements[${index}] names the principal "*"; name the account, role or service principal that needs the key instead`);
      }
    });
  }
}
