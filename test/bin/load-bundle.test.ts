/**
 * bin/load-bundle.js: a bundle runs as the module it is, its code cache is used only for the
 * exact bytes it was made from (a rebuilt bundle of the same length must not run stale code),
 * and a missing or foreign cache only costs the compile. Each case runs in a child process, as
 * the CLI does (the loader writes the cache when that process exits).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOADER = resolve(__dirname, '..', '..', 'bin', 'load-bundle.js');

/** A bundle that reports what it was given, and its own `answer`. */
const bundleSource = (answer: string) =>
  `#!/usr/bin/env node\n"use strict";module.exports.answer=${JSON.stringify(answer)};process.stdout.write(JSON.stringify({answer:${JSON.stringify(answer)},file:__filename,dir:__dirname,args:process.argv.slice(2),self:require.cache[__filename]===module,resolves:typeof require.resolve}));\n`;

/** Runs `bundle` through the loader; `writeCache` asks it to save the code cache on exit. */
function run(bundle: string, writeCache = false) {
  const env = { ...process.env, TRACKLAYER_WRITE_CODE_CACHE: writeCache ? bundle : '' };
  // As `node BUNDLE a b` would see them: process.argv[1] the bundle, then the arguments.
  const script = `process.argv=[process.argv[0],${JSON.stringify(bundle)},'a','b'];const r=require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)});process.stderr.write(String(r.cached))`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  expect(child.status).toBe(0);
  return { output: JSON.parse(child.stdout), cached: child.stderr === 'true' };
}

describe('load-bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-bundle-'));
  const bundle = join(dir, 'main.js');

  test('GIVEN no cache THEN the bundle runs as its own module, compiled as usual; asked to, the loader writes the cache headed by the bundle\'s digest', () => {
    writeFileSync(bundle, bundleSource('first'));
    const first = run(bundle, true);
    expect(first.cached).toBe(false);
    expect(first.output).toEqual({ answer: 'first', file: bundle, dir, args: ['a', 'b'], self: true, resolves: 'function' });
    const cache = readFileSync(`${bundle}.cache`);
    expect(cache.subarray(0, 64).toString('latin1')).toMatch(/^[0-9a-f]{64}$/);
    expect(run(bundle)).toEqual({ output: first.output, cached: true });
  });

  test('GIVEN a rebuilt bundle of the same length THEN the stale cache is not used and the new code runs', () => {
    writeFileSync(bundle, bundleSource('aaaaa'));
    run(bundle, true);
    expect(run(bundle).cached).toBe(true);
    writeFileSync(bundle, bundleSource('bbbbb'));
    expect(readFileSync(bundle).length).toBe(bundleSource('aaaaa').length);
    expect(run(bundle)).toEqual({ output: expect.objectContaining({ answer: 'bbbbb' }), cached: false });
  });

  test('GIVEN a cache that is not a code cache THEN it is ignored', () => {
    writeFileSync(bundle, bundleSource('third'));
    writeFileSync(`${bundle}.cache`, 'not a cache');
    expect(run(bundle)).toEqual({ output: expect.objectContaining({ answer: 'third' }), cached: false });
  });
});
