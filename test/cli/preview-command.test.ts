import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { needsFingerprint } from '../../cli/output-manifest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREVIEW_MARKER } from '../../preview/render-markdown';
import { cli } from '../support/run-cli';

describe('tracklayer preview', () => {
  test('without a base: the marker first, every resource an addition, nothing but Markdown on stdout', () => {
    const run = cli(['preview', '--needs', 'examples/cloud-first.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(PREVIEW_MARKER);
    expect(run.stdout).toContain('`lumen-research-network` (new stack)');
    expect(run.stdout.length).toBeLessThan(60000);
  });

  test('against a base needs file: a strategy change and the removed stacks are called out', () => {
    const run = cli(['preview', '--needs', 'examples/cloud-first.yaml', '--base-needs', 'needs.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Data-loss risk');
    expect(run.stdout).toContain('acme-ml-lakehouse');
  });

  test('a base directory that is not a synth output is bad input (exit 2)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'not-a-synth-'));
    const run = cli(['preview', '--needs', 'examples/cloud-first.yaml', '--base', empty]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('not a tracklayer synth output');
  });

  test('needs warnings go to stderr in the located form, never into the comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-warn-'));
    const needs = join(dir, 'prod.yaml');
    writeFileSync(needs, 'apiVersion: tracklayer/v1\nname: acme-ml\nenvironment: prod\ncloud: {region: us-east-1}\n');
    const run = cli(['preview', '--needs', needs]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^${needs}:3:14: environment: is prod but no state section.*\\(warning\\)$`, 'm'));
    expect(run.stdout).not.toContain('is prod but no state section');
  });

  describe('fresh outputs only (the manifest records the needs fingerprint, version and project)', () => {
    const synthInto = (needs: string, out: string) => expect(cli(['synth', '--needs', needs, '--out', out]).code).toBe(0);

    test('GIVEN --out holds the synth of an older needs file WHEN the needs changed THEN it is re-synthesized, and the comment agrees with the cost', () => {
      const dir = mkdtempSync(join(tmpdir(), 'preview-stale-'));
      const needs = join(dir, 'needs.yaml');
      const out = join(dir, 'cdktf.out');
      writeFileSync(needs, readFileSync('examples/cloud-first.yaml', 'utf8'));
      synthInto(needs, out);
      const base = join(dir, 'base.out');
      synthInto(needs, base);
      writeFileSync(needs, readFileSync('examples/cloud-first.yaml', 'utf8').replace(/replicas: \d+/, 'replicas: 6'));
      const run = cli(['preview', '--needs', needs, '--out', out, '--base', base]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`preview: re-synthesizing ${out}: the needs file changed since it was written`);
      expect(run.stdout).not.toContain('No resource changes');
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).tracklayer.needsSha256).toBe(needsFingerprint(readFileSync(needs, 'utf8')));
    });

    test('GIVEN --out holds another project\'s output THEN the comment is about this project\'s stacks only', () => {
      const out = join(mkdtempSync(join(tmpdir(), 'preview-other-')), 'cdktf.out');
      synthInto('needs.yaml', out);
      const run = cli(['preview', '--needs', 'examples/cloud-first.yaml', '--out', out]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('it holds project acme-ml, not lumen-research');
      expect(run.stdout).toContain('lumen-research-network');
      expect(run.stdout).not.toContain('acme-ml-');
    });

    test('GIVEN --out holds files tracklayer did not write THEN exit 2 and they are untouched', () => {
      const dir = mkdtempSync(join(tmpdir(), 'preview-user-'));
      writeFileSync(join(dir, 'mine.txt'), 'keep');
      const run = cli(['preview', '--needs', 'examples/cloud-first.yaml', '--out', dir]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(readdirSync(dir)).toEqual(['mine.txt']);
    });

    test('GIVEN --base is not the synth of --base-needs THEN the base needs are synthesized instead, and stderr says so', () => {
      const base = join(mkdtempSync(join(tmpdir(), 'preview-base-')), 'cdktf.out');
      synthInto('needs.yaml', base);
      const run = cli(['preview', '--needs', 'examples/cloud-first.yaml', '--base', base, '--base-needs', 'examples/cloud-first.yaml']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`preview: not using ${base} as the base (it holds project acme-ml, not lumen-research); synthesizing examples/cloud-first.yaml instead`);
      expect(run.stdout).not.toContain('acme-ml-');
    });
  });
});

