import { spawnSync } from 'node:child_process';
import { expectAtLeast, expectOutput, shellCommand, shellWord } from '../../rollout/shell';

const echo = (word: string) => spawnSync('bash', ['-c', `printf '%s' ${shellWord(word)}`], { encoding: 'utf8' }).stdout;

describe('shell words', () => {
  test.each(['plain-word', 'a b', "Quotas[?QuotaName=='X'].Value | [0]", 'it\'s $HOME and `x`', '', 'jsonpath={.a\\.b}{"\\n"}'])('%p survives bash unchanged', (word) => {
    expect(echo(word)).toBe(word);
  });

  test('safe words stay bare; JMESPath literals get double quotes', () => {
    expect(shellCommand(['kubectl', '--context', 'lyon-edge', 'get', 'nodes'])).toBe('kubectl --context lyon-edge get nodes');
    expect(shellWord("a=='b'")).toBe(`"a=='b'"`);
  });

  test('expectOutput and expectAtLeast exit by the output', () => {
    const run = (command: string) => spawnSync('bash', ['-c', command]).status;
    expect(run(expectOutput(['echo', 'ACTIVE'], '=', 'ACTIVE'))).toBe(0);
    expect(run(expectOutput(['echo', 'FAILED'], '=', 'ACTIVE'))).toBe(1);
    expect(run(expectAtLeast(['echo', '64.0'], 64))).toBe(0);
    expect(run(expectAtLeast(['echo', '32.0'], 64))).toBe(1);
  });
});
