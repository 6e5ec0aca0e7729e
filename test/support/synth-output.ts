/**
 * The needs files whose synth output is pinned (test/cli/synth-golden.test.ts) and compared
 * between the sources and the bundle (test/tools/build.test.ts), and the files an output holds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** The committed SHA-256 of every file of each pinned needs file's synth output (`npm run golden` writes it). */
export const GOLDEN_FILE = join(ROOT, 'test', 'cli', 'synth-golden.json');

/** Needs file → output file → SHA-256. */
export type GoldenHashes = Record<string, Record<string, string>>;

/** The committed hashes (empty before the first `npm run golden`). */
export function goldenHashes(): GoldenHashes {
  return existsSync(GOLDEN_FILE) ? (JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as GoldenHashes) : {};
}

/** needs.yaml and every example, as paths relative to the root (new examples join by themselves). */
export function pinnedNeedsFiles(): string[] {
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `examples/${name}`);
  return ['needs.yaml', ...examples];
}

/** Every file of a synth output directory, relative to it, in sorted order. */
export function outputFiles(outdir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [relative(outdir, path)];
      });
  return walk(outdir);
}

/** The SHA-256 of each file of a synth output (`stacks/<stack>/cdk.tf.json`, `manifest.json`). */
export function outputHashes(outdir: string): Record<string, string> {
  return Object.fromEntries(outputFiles(outdir).map((file) => [file, createHash('sha256').update(readFileSync(join(outdir, file))).digest('hex')]));
}
