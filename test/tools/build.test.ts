/**
 * The bundle (tools/build.js, what `npm ci` builds and bin/tracklayer.js and cdktf.json run)
 * writes exactly the bytes the sources write: every file of the synth output of needs.yaml and
 * of every example, through `tracklayer synth` and through the cdktf app entry (dist/main.js),
 * has the SHA-256 that test/cli/synth-golden.test.ts pins for the sources.
 *
 * The bundle is built fresh into a folder inside the repository (the CLI finds its package.json
 * by walking up from its own folder), in a child process: esbuild's API does not run inside
 * Jest's module sandbox.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, goldenHashes, outputHashes, pinnedNeedsFiles } from '../support/synth-output';

const bundle = mkdtempSync(join(ROOT, '.bundle-test-'));
const work = mkdtempSync(join(tmpdir(), 'tracklayer-bundle-'));
const golden = goldenHashes();

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, 'tools', 'build.js'), bundle], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tools/build.js failed:\n${built.stderr}`);
}, 120_000);

afterAll(() => {
  rmSync(bundle, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('tools/build.js', () => {
  test('bundles every entry point the package runs', () => {
    for (const file of ['cli/main.js', 'main.js', 'cli/write-schema.js', 'cli/write-rules.js', 'bench/synth-bench.js']) expect(existsSync(join(bundle, file))).toBe(true);
  });

  test('the bundle records no token creation stack traces and loads archiver lazily (its two substitutions)', () => {
    const text = readFileSync(join(bundle, 'cli', 'main.js'), 'utf8');
    // cdktf's helper is the stub; constructs' own (metadata traces, off by default) is untouched.
    expect(text).toMatch(/"node_modules\/cdktf\/lib\/tokens\/private\/stack-trace\.js"\(exports\d*\)\s*\{\s*"use strict";\s*exports\d*\.captureStackTrace\s*=\s*function captureStackTrace\d*\(\)\s*\{\s*return\s*\[\];?\s*\};?\s*\}/);
    expect(text).toMatch(/"lazy-archiver:node_modules\/cdktf\/node_modules\/archiver\/index\.js"\(exports\d*,\s*module\d*\)\s*\{\s*"use strict";\s*module\d*\.exports\s*=\s*function archiver\(\.\.\.args\)\s*\{\s*return require_archiver\(\)\(\.\.\.args\)/);
    // Nothing of the machine that built it (absolute paths) is in the bundle.
    expect(text).not.toContain(ROOT);
  });

  test('every bundle is ASCII, without comments or indentation, and links its source map', () => {
    for (const [file, entry] of [['cli/main.js', '../../cli/main.ts'], ['main.js', '../main.ts']]) {
      const bytes = readFileSync(join(bundle, file));
      expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
      const text = bytes.toString('latin1');
      // No indentation or comments: a few thousand lines (line breaks inside template literals), not 240,000.
      expect(text.split('\n').length).toBeLessThan(5000);
      expect(text.trimEnd().endsWith(`//# sourceMappingURL=${file.split('/').pop()}.map`)).toBe(true);
      expect(JSON.parse(readFileSync(join(bundle, `${file}.map`), 'utf8')).sources).toContain(entry);
    }
  });

  test("the CLI bundle's code cache is made from it, V8 takes it, and the CLI run through the loader writes the pinned bytes", () => {
    const cli = join(bundle, 'cli', 'main.js');
    const cache = readFileSync(`${cli}.cache`);
    expect(cache.subarray(0, 64).toString('latin1')).toBe(createHash('sha256').update(readFileSync(cli)).digest('hex'));
    const loader = join(ROOT, 'bin', 'load-bundle.js');
    const version = spawnSync(process.execPath, ['-e', `process.argv=[process.argv[0],${JSON.stringify(cli)},'--version'];process.stderr.write(String(require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(cli)}).cached))`], { cwd: ROOT, encoding: 'utf8' });
    expect(version.stderr).toBe('true');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const out = join(work, 'through-the-loader');
    const synth = spawnSync(process.execPath, [loader, cli, 'synth', '--needs', 'needs.yaml', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(synth.status).toBe(0);
    expect(outputHashes(out)).toEqual(golden['needs.yaml']);
  });

  test.each(pinnedNeedsFiles())('GIVEN %s THEN the bundled synth and the cdktf app entry write the pinned bytes', (needsFile) => {
    expect(golden[needsFile]).toBeDefined();
    const name = needsFile.replace(/\W/g, '_');
    const synthOut = join(work, `${name}-synth`);
    const synth = spawnSync(process.execPath, [join(bundle, 'cli', 'main.js'), 'synth', '--needs', needsFile, '--out', synthOut], { cwd: ROOT, encoding: 'utf8' });
    expect(synth.stderr).not.toMatch(/internal error/);
    expect(synth.status).toBe(0);
    expect(outputHashes(synthOut)).toEqual(golden[needsFile]);

    const appOut = join(work, `${name}-app`);
    const app = spawnSync(process.execPath, [join(bundle, 'main.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TRACKLAYER_NEEDS: needsFile, CDKTF_OUTDIR: appOut } });
    expect(app.status).toBe(0);
    expect(outputHashes(appOut)).toEqual(golden[needsFile]);
  });
});
