/**
 * The synth output of needs.yaml and of every example, pinned byte for byte: the SHA-256 of each
 * file (`stacks/<stack>/cdk.tf.json`, `manifest.json`) is committed in synth-golden.json. A
 * speed-up (the bundle, a cache) must leave every hash as it is.
 *
 * When the output changes on purpose (a new construct, a new example), regenerate the file and
 * review the diff of the stacks it names:
 *
 *     npm run golden
 *
 * (UPDATE_SYNTH_GOLDEN=1 makes this test write the file instead of comparing.) After a merge in
 * which both sides changed the output, regenerate rather than merge the file by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/run-cli';
import { GOLDEN_FILE, goldenHashes, outputHashes, pinnedNeedsFiles, type GoldenHashes } from '../support/synth-output';

const UPDATE = process.env.UPDATE_SYNTH_GOLDEN === '1';

const golden = goldenHashes();
const actual: GoldenHashes = {};
const work = mkdtempSync(join(tmpdir(), 'tracklayer-golden-'));

afterAll(() => {
  if (UPDATE) writeFileSync(GOLDEN_FILE, `${JSON.stringify(actual, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
});

describe('synth output is byte-identical to the committed hashes (npm run golden regenerates them)', () => {
  test.each(pinnedNeedsFiles())('%s', (needsFile) => {
    const out = join(work, needsFile.replace(/\W/g, '_'));
    const run = cli(['synth', '--needs', needsFile, '--out', out]);
    expect(run.code).toBe(0);
    actual[needsFile] = outputHashes(out);
    if (UPDATE) return;
    // A needs file without hashes (a new example) fails until `npm run golden` records it.
    expect(golden[needsFile]).toBeDefined();
    expect(actual[needsFile]).toEqual(golden[needsFile]);
  });

  test('the file pins no needs file that no longer exists', () => {
    if (UPDATE) return;
    expect(Object.keys(golden).sort()).toEqual(pinnedNeedsFiles().sort());
  });
});
