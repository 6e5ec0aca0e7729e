/**
 * Golden files: the expected Markdown under test/preview/golden/, compared exactly.
 * `UPDATE_GOLDEN=1 npx jest test/preview` rewrites them from the current output; review the
 * diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GOLDEN_DIR = join(__dirname, '..', 'golden');

/** Compares `actual` with golden/<name>, or writes it when UPDATE_GOLDEN=1 (or the file is new). */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx jest test/preview to write it, then review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
