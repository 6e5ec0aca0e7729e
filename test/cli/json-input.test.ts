import { InputFileError, parseJsonText } from '../../cli/json-input';
import { formatProblem } from '../../needs/problem';

function located(text: string): string[] {
  try {
    parseJsonText(text, 'in.json', 'a thing');
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return (error as InputFileError).problems.map(formatProblem);
  }
  throw new Error('expected an InputFileError');
}

describe('parseJsonText', () => {
  test('GIVEN JSON THEN its value, and problems placed at the field\'s line and column', () => {
    const input = parseJsonText('{\n  "items": [\n    {"kind": "Pod"}\n  ]\n}\n', 'in.json', 'a thing');
    expect(input.value).toEqual({ items: [{ kind: 'Pod' }] });
    expect(formatProblem(input.place({ path: ['items', 0, 'kind'], message: 'no' }))).toBe('in.json:3:14: items[0].kind: no');
  });

  test('GIVEN JSON with NaN (as Python writes it) THEN read as YAML, so the NaN can be reported where it is', () => {
    const input = parseJsonText('{"Values": [1.5, NaN]}', 'in.json', 'a thing');
    expect(input.value).toEqual({ Values: [1.5, 'NaN'] });
    expect(formatProblem(input.place({ path: ['Values', 1], message: 'is NaN' }))).toBe('in.json:1:18: Values[1]: is NaN');
  });

  test('GIVEN an empty file or text that is neither THEN a located syntax problem naming what was expected', () => {
    expect(located('  \n')).toEqual(['in.json:1:1: (root): the file is empty; expected a thing']);
    expect(located('{"a": [1, 2}\n')[0]).toMatch(/^in\.json:1:\d+: .*: not JSON \(.+\); expected a thing$/);
  });
});
