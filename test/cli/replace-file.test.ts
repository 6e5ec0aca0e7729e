import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplaceFileError, replaceFile } from '../../cli/replace-file';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-replace-'));

function reason(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ReplaceFileError);
    return (error as ReplaceFileError).reason;
  }
  throw new Error('expected a ReplaceFileError');
}

describe('replaceFile', () => {
  test('replaces the contents, keeps the permission bits exactly, leaves no temporary file', () => {
    const file = join(dir, 'needs.yaml');
    writeFileSync(file, 'a: 1\n');
    chmodSync(file, 0o640);
    replaceFile(file, 'a: 1\n', 'a: 2\n');
    expect(readFileSync(file, 'utf8')).toBe('a: 2\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['needs.yaml']);
  });

  test('GIVEN a file that changed since it was read THEN it is left as the other writer left it', () => {
    const file = join(dir, 'raced.yaml');
    writeFileSync(file, 'a: 3\n');
    expect(reason(() => replaceFile(file, 'a: 1\n', 'a: 2\n'))).toBe('changed while tracklayer was working on it; nothing was written: run the command again');
    expect(readFileSync(file, 'utf8')).toBe('a: 3\n');
  });

  test('GIVEN a directory or a missing file THEN refused', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(reason(() => replaceFile(sub, '', 'x'))).toBe('is not a regular file; nothing was written');
    expect(reason(() => replaceFile(join(dir, 'gone.yaml'), '', 'x'))).toBe('no longer exists; nothing was written');
  });
});
