/**
 * IAM policy documents as typed values, rendered to the JSON string the provider expects.
 * Built locally (no `aws_iam_policy_document` data source), so synthesis stays deterministic
 * and plans need no extra reads. Token strings (ARNs of other resources) are kept as
 * Terraform interpolations inside the JSON.
 */

/** A principal block: `{ Service: [...] }`, `{ AWS: [...] }` or `{ Federated: ... }`. */
export type Principal = Readonly<Record<'Service' | 'AWS' | 'Federated', string | readonly string[]>>;

/** One policy statement. */
export interface PolicyStatement {
  /** Statement id, unique within the document. @default - none */
  readonly sid?: string;
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  /** Who the statement applies to (resource and trust policies only). @default - none */
  readonly principals?: Partial<Principal>;
  /** The actions allowed or denied. */
  readonly actions: readonly string[];
  /** Resources the statement covers. @default - none (trust policies) */
  readonly resources?: readonly string[];
  /** Condition block: operator → key → values. @default - none */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/** Renders statements as an IAM policy JSON string (version 2012-10-17). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? 'Allow',
      ...(s.principals ? { Principal: s.principals } : {}),
      Action: s.actions.length === 1 ? s.actions[0] : s.actions,
      ...(s.resources ? { Resource: s.resources.length === 1 ? s.resources[0] : s.resources } : {}),
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** A trust policy letting an AWS service assume a role, optionally limited to source ARNs. */
export function serviceTrustPolicy(service: string, sourceArnPattern?: string): string {
  return policyDocument([
    {
      principals: { Service: service },
      actions: ['sts:AssumeRole'],
      ...(sourceArnPattern ? { conditions: { ArnLike: { 'aws:SourceArn': sourceArnPattern } } } : {}),
    },
  ]);
}
