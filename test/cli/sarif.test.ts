import { lineOf } from '../../cli/sarif';

describe('lineOf', () => {
  const text = JSON.stringify(
    {
      '//': { metadata: { stackName: 'app' } },
      data: { aws_caller_identity: { me: {} } },
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: { aws_s3_bucket: { logs: {}, raw: { bucket: 'raw' } }, aws_vpc: { vpc: {} } },
      terraform: { backend: { s3: { bucket: 'state' } } },
    },
    null,
    2,
  );
  const lines = text.split('\n');
  const lineWith = (needle: string, after = 0) => lines.findIndex((line, i) => i >= after && line.includes(needle)) + 1;

  test('finds resources, data sources, providers and the backend by address', () => {
    expect(lineOf(text, 'aws_s3_bucket.raw')).toBe(lineWith('"raw": {'));
    expect(lineOf(text, 'aws_vpc.vpc')).toBe(lineWith('"vpc": {'));
    expect(lineOf(text, 'data.aws_caller_identity.me')).toBe(lineWith('"me": {}'));
    expect(lineOf(text, 'provider.aws')).toBe(lineWith('"aws": ['));
    expect(lineOf(text, 'terraform.backend.s3')).toBe(lineWith('"s3": {'));
  });

  test('falls back to the deepest enclosing key, then to line 1', () => {
    expect(lineOf(text, 'aws_s3_bucket.gone')).toBe(lineWith('"aws_s3_bucket": {'));
    expect(lineOf(text, 'aws_nat_gateway.nat')).toBe(lineWith('"resource": {'));
    expect(lineOf('', 'aws_vpc.vpc')).toBe(1);
  });
});
