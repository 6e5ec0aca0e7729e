/**
 * Building blocks of the needs schema. Each one carries its own error message in the
 * NEEDS-v1 form "must be …, got …", so every way a field can be wrong reads the same.
 */
import { z } from 'zod';
import { didYouMean } from './closest-name';
import { Cidr, isPublicBlock, parseIpv4 } from './ipv4';

/** Shows a YAML value the way a user wrote it: strings quoted, containers named. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)} (a string)`;
  return String(value);
}

type Issue = { readonly input?: unknown };

/** An error option that renders "must be <expectation>, got <value>" or "is required". */
export function expecting(expectation: string, hint: (input: unknown) => string = () => '') {
  return {
    error: (issue: Issue) =>
      issue.input === undefined ? `is required: ${expectation}` : `must be ${expectation}, got ${describeValue(issue.input)}${hint(issue.input)}`,
  };
}

/** An integer in [min, max]. */
export function integerIn(min: number, max: number) {
  const e = expecting(`an integer from ${min} to ${max}`);
  return z.number(e).int(e).min(min, e).max(max, e);
}

/** A number in [min, max] (fractions allowed). */
export function numberIn(min: number, max: number) {
  const e = expecting(`a number from ${min} to ${max}`);
  return z.number(e).min(min, e).max(max, e);
}

/** A number greater than zero (fractions allowed). */
export function positiveNumber() {
  const e = expecting('a number greater than 0');
  return z.number(e).positive(e);
}

/** true or false (YAML 1.2: `yes`/`no` are strings, not booleans). */
export function boolean() {
  return z.boolean(expecting('true or false'));
}

/** One of a fixed set of names, with a closest-name suggestion. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const suggest = (input: unknown) => (typeof input === 'string' ? didYouMean(input, values) : '');
  return z.enum(values, expecting(`one of ${values.join(', ')}`, suggest));
}

/** A string matching `pattern`, described in words for the error message. */
export function matching(pattern: RegExp, description: string) {
  const e = expecting(description);
  return z.string(e).regex(pattern, e);
}

/** A string of at least `min` characters. */
export function textOfAtLeast(min: number, description: string) {
  const e = expecting(`${description} of at least ${min} characters`);
  return z.string(e).min(min, e);
}

/** An IPv4 CIDR block in canonical form (no host bits set). */
export function cidrBlock() {
  return z.string(expecting('an IPv4 CIDR block such as 10.0.0.0/16')).superRefine((text, ctx) => {
    const parsed = Cidr.parse(text);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed, input: text });
  });
}

/** A CIDR block whose prefix length lies in [min, max]. */
export function cidrBlockSized(min: number, max: number) {
  return cidrBlock().superRefine((text, ctx) => {
    const parsed = Cidr.parse(text);
    if (typeof parsed !== 'string' && (parsed.prefix < min || parsed.prefix > max)) {
      ctx.addIssue({ code: 'custom', message: `must be a CIDR block from /${min} to /${max}, got "${text}"`, input: text });
    }
  });
}

/** A CIDR block of public IPv4 space (NEEDS-v1 "Public IPv4"); never 0.0.0.0/0. */
export function publicCidrBlock() {
  return cidrBlock().superRefine((text, ctx) => {
    const parsed = Cidr.parse(text);
    if (typeof parsed === 'string') return;
    if (parsed.prefix === 0) {
      ctx.addIssue({ code: 'custom', message: 'must not be 0.0.0.0/0: list the networks that may reach the API', input: text });
    } else if (!isPublicBlock(parsed)) {
      ctx.addIssue({ code: 'custom', message: `must be a public IPv4 range (private networks reach the private endpoint), got "${text}"`, input: text });
    }
  });
}

/** A single public IPv4 address (documentation ranges accepted, for examples). */
export function publicIpv4() {
  const e = expecting('a public IPv4 address such as 203.0.113.10');
  return z.string(e).superRefine((text, ctx) => {
    const ip = parseIpv4(text);
    if (ip === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be an IPv4 address such as 203.0.113.10, got "${text}"`, input: text });
    } else if (!isPublicBlock(Cidr.of(`${text}/32`))) {
      ctx.addIssue({ code: 'custom', message: `must be a public IPv4 address (the VPN peer is reached over the internet), got "${text}"`, input: text });
    }
  });
}
