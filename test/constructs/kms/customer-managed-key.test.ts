import { CustomerManagedKey, DEFAULT_DELETION_WINDOW_DAYS, KeyPolicyError, type CustomerManagedKeyProps } from '../../../constructs/kms/customer-managed-key';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const ROOT = 'arn:aws:iam::111122223333:root';
const synthKey = (props: Partial<CustomerManagedKeyProps> = {}) =>
  synthConstruct((scope) => new CustomerManagedKey(scope, 'key', { alias: 'acme-ml-lakehouse', description: 'test key', accountRootArn: ROOT, ...props }));
const keyOf = (props: Partial<CustomerManagedKeyProps> = {}) => resourcesOf(synthKey(props), 'aws_kms_key')[0];
const statementsOf = (key: Record<string, unknown>) => JSON.parse(key.policy as string).Statement as Record<string, unknown>[];

describe('CustomerManagedKey', () => {
  test('GIVEN defaults WHEN synthesized THEN rotation is on and the deletion window is 30 days', () => {
    expect(DEFAULT_DELETION_WINDOW_DAYS).toBe(30);
    expect(keyOf()).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  test('GIVEN defaults WHEN synthesized THEN the key policy trusts only the account root principal, never "*"', () => {
    const statements = statementsOf(keyOf());
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*' })]);
    expect(JSON.stringify(statements.map((s) => s.Principal))).not.toContain('"*"');
  });

  test('GIVEN a service statement WHEN synthesized THEN it follows the root statement with its own principal', () => {
    const statements = statementsOf(keyOf({ additionalStatements: [{ sid: 'Svc', principals: { Service: 'maintenance.s3tables.amazonaws.com' }, actions: ['kms:Decrypt'], resources: ['*'] }] }));
    expect(statements.map((s) => s.Principal)).toEqual([{ AWS: ROOT }, { Service: 'maintenance.s3tables.amazonaws.com' }]);
  });

  test('GIVEN a statement with principal "*" WHEN constructed THEN it throws naming the statement', () => {
    expect(() => keyOf({ additionalStatements: [{ principals: { AWS: '*' }, actions: ['kms:Decrypt'], resources: ['*'] }] })).toThrow(KeyPolicyError);
    expect(() => keyOf({ additionalStatements: [{ principals: { AWS: ['arn:aws:iam::1:root', '*'] }, actions: ['kms:Decrypt'] }] })).toThrow(
      /additionalStatements\[0\] names the principal "\*"/,
    );
  });

  test('GIVEN a statement without principals WHEN constructed THEN it throws', () => {
    expect(() => keyOf({ additionalStatements: [{ actions: ['kms:Decrypt'], resources: ['*'] }] })).toThrow(/must name its principals/);
  });

  test('GIVEN a deletion window outside 7..30 WHEN constructed THEN it throws with the allowed range', () => {
    expect(() => keyOf({ deletionWindowDays: 45 })).toThrow(/deletionWindowDays must be an integer from 7 to 30, got 45/);
    expect(keyOf({ deletionWindowDays: 7 })).toMatchObject({ deletion_window_in_days: 7 });
  });

  test('GIVEN an alias WHEN synthesized THEN alias/<alias> points at the key', () => {
    const [alias] = resourcesOf(synthKey(), 'aws_kms_alias');
    expect(alias).toMatchObject({ name: 'alias/acme-ml-lakehouse', target_key_id: expect.stringMatching(/^\$\{aws_kms_key\.[^.}]+\.key_id\}$/) });
    expect(() => keyOf({ alias: 'alias/x' })).toThrow(/without the "alias\/" prefix/);
  });

  test('GIVEN preventDestroy WHEN synthesized THEN the key has lifecycle.prevent_destroy, and not without it', () => {
    expect(keyOf({ preventDestroy: true }).lifecycle).toEqual({ prevent_destroy: true });
    expect(keyOf().lifecycle).toBeUndefined();
  });
});
