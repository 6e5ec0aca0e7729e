import { KNOWN_AFTER_APPLY, formatValue } from '../../preview/attribute-diff';
import type { PlanResourceChange, TerraformPlanJson } from '../../preview/plan-json';
import { readPlanDir } from '../../preview/plan-json';
import { changeKind, formatPath, masked, summarizePlan, withUnknown } from '../../preview/plan-summary';
import { join } from 'node:path';

const change = (address: string, actions: PlanResourceChange['change']['actions'], extra: Partial<PlanResourceChange> = {}, body: Partial<PlanResourceChange['change']> = {}): PlanResourceChange => ({
  address,
  mode: 'managed',
  type: address.split('.')[0],
  name: address.split('.')[1],
  change: { actions, before: null, after: null, ...body },
  ...extra,
});
const plan = (resource_changes: PlanResourceChange[], extra: Partial<TerraformPlanJson> = {}): TerraformPlanJson => ({ format_version: '1.2', resource_changes, ...extra });

describe('changeKind', () => {
  test.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['read'], undefined],
    [['no-op'], undefined],
    [['forget'], undefined],
  ] as const)('%j counts as %s', (actions, kind) => {
    expect(changeKind(actions)).toBe(kind);
  });
});

describe('summarizePlan', () => {
  test('counts create, update, replace and delete apart; data sources and no-ops are not counted', () => {
    const summary = summarizePlan('s', plan([
      change('aws_vpc.a', ['create']),
      change('aws_subnet.b', ['update'], {}, { before: { cidr: '10.0.0.0/24' }, after: { cidr: '10.0.1.0/24' } }),
      change('aws_s3_bucket.c', ['delete', 'create'], { action_reason: 'replace_because_cannot_update' }, { before: { bucket: 'a' }, after: { bucket: 'b' }, replace_paths: [['bucket']] }),
      change('aws_kms_key.d', ['create', 'delete'], { action_reason: 'replace_by_request' }),
      change('aws_iam_role.e', ['delete'], { action_reason: 'delete_because_no_resource_config' }),
      change('aws_iam_role.f', ['no-op']),
      { ...change('aws_caller_identity.g', ['read']), mode: 'data' },
    ]));
    expect(summary.counts).toEqual({ create: 1, update: 1, replace: 2, delete: 1 });
    expect(summary.changes.find((c) => c.address === 'aws_s3_bucket.c')).toEqual(
      expect.objectContaining({ kind: 'replace', reason: 'an attribute that cannot change in place changes', replacePaths: ['bucket'], attributes: [{ path: 'bucket', before: 'a', after: 'b' }] }),
    );
    expect(summary.changes.find((c) => c.address === 'aws_iam_role.e')?.reason).toBe('no longer in the configuration');
    expect(summary.incomplete).toBe(false);
    expect(summarizePlan('s', plan([], { errored: true })).incomplete).toBe(true);
  });

  test('sensitive values are masked before and after, whole or in part', () => {
    const summary = summarizePlan('s', plan([
      change('aws_db_instance.a', ['update'], {}, {
        before: { password: 'old', tags: { owner: 'x', secret: 's1' } },
        after: { password: 'new', tags: { owner: 'y', secret: 's2' } },
        before_sensitive: { password: true, tags: { secret: true } },
        after_sensitive: { password: true, tags: { secret: true } },
      }),
    ]));
    const lines = summary.changes[0].attributes.map((c) => `${c.path}: ${formatValue(c.before)} → ${formatValue(c.after)}`);
    expect(lines).toEqual(['password: (sensitive value) → (sensitive value)', 'tags.owner: "x" → "y"', 'tags.secret: (sensitive value) → (sensitive value)']);
    expect(JSON.stringify(lines)).not.toMatch(/old|new|s1|s2/);
  });

  test('drift is kept apart, masked too', () => {
    const summary = summarizePlan('s', plan([], {
      resource_drift: [
        change('aws_s3_bucket.a', ['update'], {}, { before: { tags: { a: '1' }, key: 'k1' }, after: { tags: { a: '2' }, key: 'k2' }, before_sensitive: { key: true }, after_sensitive: { key: true } }),
        change('aws_s3_bucket.b', ['delete']),
      ],
    }));
    expect(summary.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
    expect(summary.drift.map((d) => [d.address, d.kind, d.attributes.map((a) => `${a.path}: ${formatValue(a.before)} → ${formatValue(a.after)}`)])).toEqual([
      ['aws_s3_bucket.a', 'update', ['key: (sensitive value) → (sensitive value)', 'tags.a: "1" → "2"']],
      ['aws_s3_bucket.b', 'delete', []],
    ]);
  });

  test('the real fixture plan: 6 create, 7 update, 2 replace, 1 delete', () => {
    const fixture = readPlanDir(join(__dirname, 'fixtures', 'plans'))['lumen-research-network'];
    const summary = summarizePlan('lumen-research-network', fixture);
    expect(summary.counts).toEqual({ create: 6, update: 7, replace: 2, delete: 1 });
    const logGroup = summary.changes.find((c) => c.address === 'aws_cloudwatch_log_group.flow-logs_log-group_BD9661F8')!;
    expect(logGroup.replacePaths).toEqual(['name']);
    // computed attributes that become unknown on a replacement are not listed
    expect(logGroup.attributes.map((a) => a.path)).toEqual(['name']);
  });
});

describe('value helpers', () => {
  test('withUnknown marks apply-time values, also where the value is absent, and leaves empty marks alone', () => {
    expect(withUnknown({ a: 1, b: null }, { b: true, c: [false, true] })).toEqual({ a: 1, b: KNOWN_AFTER_APPLY, c: [undefined, KNOWN_AFTER_APPLY] });
    expect(withUnknown(null, {})).toBeNull();
  });

  test('masked hides whole values or parts', () => {
    expect(formatValue(masked('x', true))).toBe('(sensitive value)');
    expect(formatValue(masked(['a', 'b'], [false, true]))).toBe('["a", (sensitive value)]');
  });

  test('formatPath', () => {
    expect(formatPath(['ingress', 0, 'cidr_blocks'])).toBe('ingress[0].cidr_blocks');
  });
});
