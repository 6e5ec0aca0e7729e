/**
 * What a synth output records about itself, in its `manifest.json` beside cdktf's own fields:
 * that tracklayer wrote it, with which version, for which project and strategy, from which
 * needs file content (a SHA-256 fingerprint), and which stacks it holds. This is how
 * `synth --out` knows a directory is an earlier output it may replace, and how `preview` knows
 * an output is fresh and of the right project.
 *
 * cdktf writes `manifest.json` (`version`, `stacks`); the cdktf CLI reads only those keys, so
 * the `tracklayer` key rides along without disturbing `cdktf synth` or `cdktf deploy`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest file cdktf writes at the root of an output directory. */
export const MANIFEST_FILE = 'manifest.json';

/** The provenance of a synth output. */
export interface OutputProvenance {
  /** Always `tracklayer`. */
  readonly tool: 'tracklayer';
  /** The tracklayer version that wrote the output. */
  readonly version: string;
  /** The needs file's `name`. */
  readonly project: string;
  /** The selected strategy. */
  readonly strategy: string;
  /** SHA-256 (hex) of the needs file's text. */
  readonly needsSha256: string;
  /** The stacks written, in deploy order. */
  readonly stacks: readonly string[];
}

/** The fingerprint of a needs file's text. */
export function needsFingerprint(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Adds the provenance to the manifest cdktf wrote in `dir`. */
export function recordProvenance(dir: string, provenance: OutputProvenance): void {
  const file = join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...manifest, tracklayer: provenance }, null, 2)}\n`);
}

/** The version recorded for outputs written before tracklayer recorded its provenance. */
export const UNRECORDED_VERSION = 'unrecorded (before 0.2.0)';

/**
 * The provenance recorded in `dir`, or undefined when `dir` holds no tracklayer manifest.
 * Outputs of tracklayer before 0.2.0 carry no record; they are recognised by cdktf's manifest
 * listing only stacks whose AWS provider tags them `managed-by: tracklayer`, and are always stale.
 */
export function readProvenance(dir: string): OutputProvenance | undefined {
  const manifest = readJson(join(dir, MANIFEST_FILE)) as { tracklayer?: Partial<OutputProvenance>; stacks?: Record<string, { synthesizedStackPath?: string }> } | undefined;
  const provenance = manifest?.tracklayer;
  if (provenance?.tool === 'tracklayer' && typeof provenance.needsSha256 === 'string' && Array.isArray(provenance.stacks)) return provenance as OutputProvenance;
  return manifest?.stacks ? legacyProvenance(dir, manifest.stacks) : undefined;
}

function legacyProvenance(dir: string, stacks: Record<string, { synthesizedStackPath?: string }>): OutputProvenance | undefined {
  const tags = Object.values(stacks).map((stack) => {
    const json = stack.synthesizedStackPath ? (readJson(join(dir, stack.synthesizedStackPath)) as { provider?: { aws?: { default_tags?: { tags?: Record<string, string> }[] }[] } } | undefined) : undefined;
    return json?.provider?.aws?.[0]?.default_tags?.[0]?.tags;
  });
  if (tags.length === 0 || !tags.every((t) => t?.['managed-by'] === 'tracklayer')) return undefined;
  return { tool: 'tracklayer', version: UNRECORDED_VERSION, project: tags[0]!['tracklayer:project'], strategy: tags[0]!['tracklayer:strategy'], needsSha256: '', stacks: Object.keys(stacks) };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why an output is not the synth of `expected` (a stale or foreign output), or undefined when it is. */
export function stalenessOf(recorded: OutputProvenance, expected: Pick<OutputProvenance, 'version' | 'project' | 'needsSha256'>): string | undefined {
  if (recorded.project !== expected.project) return `it holds project ${recorded.project}, not ${expected.project}`;
  if (recorded.version !== expected.version) return `it was written by tracklayer ${recorded.version}, not ${expected.version}`;
  if (recorded.needsSha256 !== expected.needsSha256) return 'the needs file changed since it was written';
  return undefined;
}
