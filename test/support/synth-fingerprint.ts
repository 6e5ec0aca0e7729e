/**
 * Fingerprints of a synthesized app, for golden tests that prove "synthesizes exactly what it
 * did before": the SHA-256 of each stack's cdk.tf.json text (byte identity), and of each
 * resource, data source and output block (so a test can name exactly which blocks a deliberate
 * change added, removed or changed). Hashes instead of the JSON itself keep the golden file small.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../stacks/build-stacks';
import type { Needs } from '../../needs/schema';
import { selectStrategy } from '../../strategy/select';

/** One stack's fingerprint. */
export interface StackFingerprint {
  /** SHA-256 of the cdk.tf.json text, byte for byte. */
  readonly text: string;
  /** SHA-256 of each block's JSON: `resource.<type>.<name>`, `data.<type>.<name>`, `output.<name>`. */
  readonly blocks: Readonly<Record<string, string>>;
}

/** The fingerprint of every stack of an app, by stack name. */
export type AppFingerprint = Readonly<Record<string, StackFingerprint>>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The blocks of a stack's JSON, addressed `resource.<type>.<name>`, `data.<type>.<name>`, `output.<name>`. */
function blocksOf(json: Record<string, unknown>): Record<string, string> {
  const blocks: Record<string, string> = {};
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [name, config] of Object.entries(byName)) blocks[`${kind}.${type}.${name}`] = sha256(JSON.stringify(config));
    }
  }
  for (const [name, output] of Object.entries((json.output ?? {}) as Record<string, unknown>)) blocks[`output.${name}`] = sha256(JSON.stringify(output));
  return blocks;
}

/** Synthesizes every stack the needs select, through the same path as `tracklayer synth`, and fingerprints it. */
export function fingerprintApp(needs: Needs): AppFingerprint {
  const app = Testing.app();
  const selection = selectStrategy(needs);
  buildStacks(app, { needs, strategy: selection.strategy }, selection);
  app.synth();
  const stacksDir = join(app.outdir, 'stacks');
  return Object.fromEntries(
    readdirSync(stacksDir)
      .sort()
      .map((name) => {
        const text = readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8');
        return [name, { text: sha256(text), blocks: blocksOf(JSON.parse(text) as Record<string, unknown>) }];
      }),
  );
}

/** How one app's blocks differ from a golden fingerprint, by stack. */
export interface BlockDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** The blocks added, removed and changed between `before` and `after`, as `<stack> <block>` lines, sorted. */
export function diffFingerprints(before: AppFingerprint, after: AppFingerprint): BlockDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const stack of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[stack]?.blocks ?? {};
    const now = after[stack]?.blocks ?? {};
    for (const block of Object.keys(now)) {
      if (!(block in old)) added.push(`${stack} ${block}`);
      else if (old[block] !== now[block]) changed.push(`${stack} ${block}`);
    }
    for (const block of Object.keys(old)) if (!(block in now)) removed.push(`${stack} ${block}`);
  }
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}
