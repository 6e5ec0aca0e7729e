import { mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(run.stderr).toContain('not a synth output');
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
});
