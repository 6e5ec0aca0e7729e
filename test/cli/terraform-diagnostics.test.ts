import { jsonKeyLines } from '../../cli/json-key-lines';
import { formatDiagnostic, formatDiagnostics, inStackFile, memberOf, testDiagnostics, validateDiagnostics } from '../../cli/terraform-diagnostics';

const raw = { severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "x" is not expected here.', address: 'module.acme-net.aws_vpc.vpc', range: { filename: 'acme-net/cdk.tf.json', start: { line: 12 } } };

describe('terraform-diagnostics', () => {
  test('terraform validate -json: its diagnostics', () => {
    expect(validateDiagnostics(JSON.stringify({ valid: false, diagnostics: [raw, { severity: 'warning', summary: 'Deprecated' }] }))).toEqual([
      { severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "x" is not expected here.', address: 'module.acme-net.aws_vpc.vpc', filename: 'acme-net/cdk.tf.json', line: 12 },
      { severity: 'warning', summary: 'Deprecated', detail: '' },
    ]);
    expect(validateDiagnostics('not json')).toEqual([]);
  });

  test('terraform test -json: the lines that are diagnostics', () => {
    const output = [JSON.stringify({ type: 'test_run', test_run: {} }), JSON.stringify({ type: 'diagnostic', diagnostic: raw }), 'plain text'].join('\n');
    expect(testDiagnostics(output)).toHaveLength(1);
  });

  test('formatted as Terraform prints them', () => {
    const [d] = validateDiagnostics(JSON.stringify({ diagnostics: [raw] }));
    expect(formatDiagnostic(d)).toBe('Error: Unsupported argument\n  with module.acme-net.aws_vpc.vpc\n  on acme-net/cdk.tf.json line 12\nAn argument named "x" is not expected here.');
    expect(formatDiagnostics([], '  raw output \n')).toBe('raw output');
  });

  test('the stack of a combined root a diagnostic belongs to: the module its address names, else the folder of its file', () => {
    const members = ['acme-net', 'acme-edge-a'];
    expect(memberOf({ severity: 'error', summary: '', detail: '', address: 'module.acme-edge-a.aws_iam_role.r' }, members)).toBe('acme-edge-a');
    expect(memberOf({ severity: 'error', summary: '', detail: '', filename: 'acme-net/cdk.tf.json' }, members)).toBe('acme-net');
    // The root's own configuration (its provider block) belongs to no stack.
    expect(memberOf({ severity: 'error', summary: '', detail: '', address: 'provider["registry.terraform.io/hashicorp/aws"]', filename: 'main.tf.json' }, members)).toBeUndefined();
    expect(memberOf({ severity: 'error', summary: '', detail: '' }, members)).toBeUndefined();
  });
});

describe('inStackFile', () => {
  const synthesized = jsonKeyLines('{\n  "provider": {\n    "aws": [\n      {}\n    ]\n  },\n  "resource": {\n    "aws_vpc": {\n      "vpc": {\n        "cidr_block": "x"\n      }\n    }\n  }\n}\n');
  const copy = jsonKeyLines(`${JSON.stringify({ resource: { aws_vpc: { vpc: { cidr_block: 'x' } } } }, null, 2)}\n`);

  test("a combined root's error: the synthesized file's line, the address without the module", () => {
    const d = { severity: 'error' as const, summary: 'bad', detail: '', address: 'module.net.aws_vpc.vpc', filename: 'net/cdk.tf.json', line: 5 };
    expect(inStackFile(d, 'net', 'net/cdk.tf.json', copy, synthesized)).toEqual({ severity: 'error', summary: 'bad', detail: '', address: 'aws_vpc.vpc', filename: 'stacks/net/cdk.tf.json', line: 10 });
  });

  test("a line where no key begins loses its line, not its file; another file's error is left as it is", () => {
    const closing = { severity: 'error' as const, summary: 'bad', detail: '', filename: 'net/cdk.tf.json', line: 7 };
    expect(inStackFile(closing, 'net', 'net/cdk.tf.json', copy, synthesized)).toEqual({ severity: 'error', summary: 'bad', detail: '', filename: 'stacks/net/cdk.tf.json' });
    const root = { severity: 'error' as const, summary: 'bad', detail: '', filename: 'main.tf.json', line: 3 };
    expect(inStackFile(root, 'net', 'net/cdk.tf.json', copy, synthesized)).toEqual(root);
  });
});
