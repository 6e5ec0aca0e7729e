import { jsonKeyLines, sameKeyLine } from '../../cli/json-key-lines';

describe('json-key-lines', () => {
  test('each key and array element: the line it begins on, as a JSON pointer', () => {
    const text = JSON.stringify({ a: { 'b/c': [1, { d: 'x"}{,' }], e: [] }, f: 'g' }, null, 2);
    const { pathOfLine, lineOfPath } = jsonKeyLines(text);
    const lines = text.split('\n');
    expect(lines[lineOfPath.get('/a/b~1c/1/d')! - 1]).toContain('"d": "x\\"}{,"');
    expect(lineOfPath.get('/a')).toBe(2);
    expect(lineOfPath.get('/a/b~1c')).toBe(3);
    expect(lineOfPath.get('/a/b~1c/0')).toBe(4);
    expect(lineOfPath.get('/f')).toBe(lines.findIndex((line) => line.includes('"f"')) + 1);
    expect(lineOfPath.has('/a/e/0')).toBe(false);
    expect(pathOfLine.get(1)).toBeUndefined();
    expect(pathOfLine.get(lineOfPath.get('/f')!)).toBe('/f');
  });

  test("cdktf's layout (json-stable-stringify: sorted keys, an empty object over two lines) and a copy without some blocks agree on each key", () => {
    const synthesized = '{\n  "//": {\n    "outputs": {\n    }\n  },\n  "provider": {\n    "aws": [\n      {\n        "region": "eu-west-1"\n      }\n    ]\n  },\n  "resource": {\n    "aws_vpc": {\n      "vpc": {\n        "cidr_block": "10.0.0.0/16"\n      }\n    }\n  }\n}\n';
    const copy = `${JSON.stringify({ '//': { outputs: {} }, resource: { aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } } } }, null, 2)}\n`;
    const copyLine = copy.split('\n').findIndex((line) => line.includes('cidr_block')) + 1;
    const synthesizedLine = synthesized.split('\n').findIndex((line) => line.includes('cidr_block')) + 1;
    expect(copyLine).not.toBe(synthesizedLine);
    expect(sameKeyLine(copyLine, jsonKeyLines(copy), jsonKeyLines(synthesized))).toBe(synthesizedLine);
    // A closing bracket begins no key: no line rather than a wrong one.
    expect(sameKeyLine(copy.split('\n').length - 1, jsonKeyLines(copy), jsonKeyLines(synthesized))).toBeUndefined();
  });

  test('text that is not JSON places what it can and never throws', () => {
    expect(() => jsonKeyLines('{"a": [1, 2')).not.toThrow();
    expect(jsonKeyLines('{"a": [1, 2').lineOfPath.get('/a/1')).toBe(1);
    expect(jsonKeyLines('').pathOfLine.size).toBe(0);
  });
});
