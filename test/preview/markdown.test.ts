import { cell, code, codeBlock, count, usd, usdDelta } from '../../preview/markdown';

describe('markdown helpers', () => {
  test('inline code survives backticks; cells escape pipes', () => {
    expect(code('a')).toBe('`a`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`a')).toBe('`` `a ``');
    expect(cell('a | b\nc')).toBe('a \\| b c');
  });

  test('a code block fence no line inside can close', () => {
    expect(codeBlock(['x'], 'diff')).toBe('```diff\nx\n```');
    expect(codeBlock(['```'], 'diff').split('\n')[0]).toBe('````diff');
  });

  test('numbers and dollars', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(usd(321434.4)).toBe('$321,434');
    expect(usdDelta(-80.2)).toBe('-$80');
    expect(usdDelta(0.3)).toBe('$0');
    expect(usdDelta(1500)).toBe('+$1,500');
  });
});
