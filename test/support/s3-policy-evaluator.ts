/**
 * Reads a bucket policy the way S3 does for one request, for the statements tracklayer emits:
 * an explicit Deny whose action, resource, principal and every condition match wins; otherwise
 * an Allow that matches allows; otherwise the bucket policy says nothing (the caller's identity
 * policy decides, in the same account).
 *
 * Condition semantics (IAM User Guide, "IAM JSON policy elements: Condition operators" and
 * "Multivalued context keys"):
 * - every operator block, and every key in it, must hold (AND); several values for one key: any
 *   of them matches (OR);
 * - a negated operator (`StringNotEquals`, `ArnNotEquals`, `ArnNotLike`, …) is true when the key
 *   is missing from the request; a positive one is false;
 * - `…IfExists`: true when the key is missing;
 * - `ForAllValues:`: true when the key is missing or empty, else every request value must satisfy
 *   the operator; `ForAnyValue:`: false when the key is missing, else at least one must.
 */

/** What S3 knows about one request. */
export interface S3Request {
  readonly action: string;
  /** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
  readonly resource: string;
  /** The caller's role ARN (`aws:PrincipalArn`); undefined for an anonymous request. */
  readonly principalArn?: string;
  /** The service principal, for a service calling with its own identity (log delivery). */
  readonly servicePrincipal?: string;
  /** `aws:SourceVpce`: the VPC endpoint the request came through; undefined from anywhere else. */
  readonly sourceVpce?: string;
  /** `aws:CalledVia`: the services that made the request for the caller, in order. */
  readonly calledVia?: readonly string[];
  /** `aws:SecureTransport`. @default true */
  readonly secureTransport?: boolean;
  /** `aws:SourceAccount`, for service requests. */
  readonly sourceAccount?: string;
}

/** The bucket policy's verdict. */
export type Verdict = 'explicit-deny' | 'allow' | 'no-opinion';

interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** `*` and `?` wildcards, as IAM matches actions, resources and `…Like` values. */
function wildcard(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = `^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`;
  return new RegExp(source, caseInsensitive ? 'i' : '').test(value);
}

/** The request's value(s) of a condition key; undefined when the key is not in the context. */
function contextValues(request: S3Request, key: string): string[] | undefined {
  switch (key.toLowerCase()) {
    case 'aws:sourcevpce':
      return request.sourceVpce === undefined ? undefined : [request.sourceVpce];
    case 'aws:principalarn':
      return request.principalArn === undefined ? undefined : [request.principalArn];
    case 'aws:calledvia':
      return request.calledVia === undefined || request.calledVia.length === 0 ? undefined : [...request.calledVia];
    case 'aws:securetransport':
      return [String(request.secureTransport ?? true)];
    case 'aws:sourceaccount':
      return request.sourceAccount === undefined ? undefined : [request.sourceAccount];
    default:
      throw new Error(`the evaluator does not know condition key ${key}; teach it before relying on it`);
  }
}

/** One request value against the policy values, for a base operator (no set prefix, no IfExists). */
function matches(base: string, actual: string, expected: readonly string[]): boolean {
  switch (base) {
    case 'StringEquals':
    case 'ArnEquals':
      return expected.includes(actual);
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !expected.includes(actual);
    case 'StringLike':
    case 'ArnLike':
      return expected.some((pattern) => wildcard(pattern, actual));
    case 'StringNotLike':
    case 'ArnNotLike':
      return !expected.some((pattern) => wildcard(pattern, actual));
    case 'Bool':
      return expected.map((value) => value.toLowerCase()).includes(actual.toLowerCase());
    default:
      throw new Error(`the evaluator does not know condition operator ${base}`);
  }
}

/** Whether one condition operator block holds for the request. */
function conditionHolds(operator: string, keys: Readonly<Record<string, unknown>>, request: S3Request): boolean {
  const [setOperator, rest] = operator.includes(':') ? operator.split(':') : [undefined, operator];
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const negated = /Not/.test(base);
  return Object.entries(keys).every(([key, value]) => {
    const expected = list(value);
    const actual = contextValues(request, key);
    if (setOperator === 'ForAllValues') return actual === undefined || actual.every((v) => matches(base, v, expected));
    if (setOperator === 'ForAnyValue') return actual !== undefined && actual.some((v) => matches(base, v, expected));
    if (actual === undefined) return ifExists || negated;
    return actual.some((v) => matches(base, v, expected));
  });
}

function principalMatches(statement: Statement, request: S3Request): boolean {
  const principal = statement.Principal;
  if (principal === undefined || principal === '*') return true;
  if (principal.AWS !== undefined && list(principal.AWS).includes('*')) return true;
  if (principal.AWS !== undefined && request.principalArn !== undefined && list(principal.AWS).includes(request.principalArn)) return true;
  return principal.Service !== undefined && request.servicePrincipal !== undefined && list(principal.Service).includes(request.servicePrincipal);
}

function statementApplies(statement: Statement, request: S3Request): boolean {
  return (
    list(statement.Action).some((action) => wildcard(action, request.action, true)) &&
    list(statement.Resource).some((resource) => wildcard(resource, request.resource)) &&
    principalMatches(statement, request) &&
    Object.entries(statement.Condition ?? {}).every(([operator, keys]) => conditionHolds(operator, keys, request))
  );
}

/** The bucket policy's verdict on `request` (policy as the JSON string of `policy` in Terraform). */
export function evaluateBucketPolicy(policyJson: string, request: S3Request): Verdict {
  const statements = (JSON.parse(policyJson) as { Statement: Statement[] }).Statement;
  const applying = statements.filter((statement) => statementApplies(statement, request));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny';
  return applying.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'no-opinion';
}
