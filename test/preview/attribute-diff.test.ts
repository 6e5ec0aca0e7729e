import { Hidden, KNOWN_AFTER_APPLY, attributeChanges, formatValue, sameValue, sensitive } from '../../preview/attribute-diff';

describe('attributeChanges', () => {
  test('objects key by key, lists index by index, with paths a reviewer can read', () => {
    const before = { '//': { metadata: { path: 'a' } }, scaling_config: { max_size: 8, min_size: 8 }, subnet_ids: ['${aws_subnet.a.id}'], tags: { Name: 'x', 'tracklayer:stack': 's1' } };
    const after = { '//': { metadata: { path: 'b' } }, scaling_config: { max_size: 16, min_size: 8 }, subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'], tags: { Name: 'x', 'tracklayer:stack': 's2' } };
    expect(attributeChanges(before, after, ['//'])).toEqual([
      { path: 'scaling_config.max_size', before: 8, after: 16 },
      { path: 'subnet_ids[1]', before: undefined, after: '${aws_subnet.b.id}' },
      { path: 'tags["tracklayer:stack"]', before: 's1', after: 's2' },
    ]);
  });

  test('a JSON document inside a string is compared inside', () => {
    const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action }] });
    expect(attributeChanges({ policy: policy('s3:GetObject') }, { policy: policy('s3:*') })).toEqual([{ path: 'policy (JSON) Statement[0].Action', before: 's3:GetObject', after: 's3:*' }]);
  });

  test('equal values give no change; a value replaced by another type is one change', () => {
    expect(attributeChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(attributeChanges({ a: [1] }, { a: 'x' })).toEqual([{ path: 'a', before: [1], after: 'x' }]);
  });
});

describe('sameValue', () => {
  test('sensitive values compare by content but show only their label', () => {
    expect(sameValue(sensitive('a'), sensitive('a'))).toBe(true);
    expect(sameValue(sensitive('a'), sensitive('b'))).toBe(false);
    expect(formatValue(sensitive('secret'))).toBe('(sensitive value)');
    expect(sameValue(KNOWN_AFTER_APPLY, new Hidden('(known after apply)'))).toBe(true);
  });
});

describe('formatValue', () => {
  test('a lone reference is shown bare, as a reference; other strings quoted; absent said so', () => {
    expect(formatValue('${aws_vpc.vpc_6776A399.id}')).toBe('${aws_vpc.vpc_6776A399.id}');
    expect(formatValue('s3://${aws_s3_bucket.raw.bucket}/')).toBe('"s3://${aws_s3_bucket.raw.bucket}/"');
    expect(formatValue(undefined)).toBe('(absent)');
    expect(formatValue(['${aws_subnet.a.id}', 3, null, { k: KNOWN_AFTER_APPLY }])).toBe('[${aws_subnet.a.id}, 3, null, {"k": (known after apply)}]');
  });

  test('long values are cut with their length', () => {
    const text = formatValue('x'.repeat(500), 20);
    expect(text).toHaveLength(20 + ' (502 chars)'.length);
    expect(text).toMatch(/… \(502 chars\)$/);
  });
});
