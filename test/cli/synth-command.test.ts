import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/run-cli';

const work = mkdtempSync(join(tmpdir(), 'tracklayer-synth-'));

describe('tracklayer synth', () => {
  test('writes DIR/stacks/<stack>/cdk.tf.json for each built stack and names missing roles on stderr', () => {
    const out = join(work, 'out-cloud-first');
    const run = cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]);
    expect(run.code).toBe(0);
    expect(readdirSync(join(out, 'stacks'))).toContain('lumen-research-network');
    const json = JSON.parse(readFileSync(join(out, 'stacks', 'lumen-research-network', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource)).toContain('aws_vpc');
    const built = readdirSync(join(out, 'stacks'));
    const missingLines = run.stderr.split('\n').filter((l) => l.startsWith('missing role: '));
    // every stack of the selection is either written or named as missing, never both
    const selection = JSON.parse(cli(['select', '--needs', 'examples/cloud-first.yaml', '--json']).stdout);
    for (const stack of selection.stacks) {
      const written = built.includes(stack.name);
      const missing = missingLines.some((l) => l.startsWith(`missing role: ${stack.name} (`));
      expect(written !== missing).toBe(true);
    }
  });

  test('the same needs file gives byte-identical output', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    cli(['synth', '--needs', 'needs.yaml', '--out', a]);
    cli(['synth', '--needs', 'needs.yaml', '--out', b]);
    for (const stack of readdirSync(join(a, 'stacks'))) {
      expect(readFileSync(join(b, 'stacks', stack, 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(a, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
  });

  test('a bad needs file writes nothing and leaves an existing output untouched', () => {
    const out = join(work, 'keep');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'old');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: mars-1\n');
    const run = cli(['synth', '--needs', bad, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/:4:11: cloud\.region: must be an AWS region code/);
    expect(readdirSync(out)).toEqual(['marker']);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('a new synth replaces the previous output completely', () => {
    const out = join(work, 'replace');
    cli(['synth', '--needs', 'needs.yaml', '--out', out]);
    writeFileSync(join(out, 'stale'), 'x');
    expect(cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'stale'))).toBe(false);
    expect(readdirSync(join(out, 'stacks')).every((s) => s.startsWith('lumen-research-'))).toBe(true);
  });
});

describe('tracklayer synth: tier days S3 would reject', () => {
  test('coolDays less than 30 days after hotDays: exit 2, a located data.tiers.coolDays line, nothing written', () => {
    const needs = join(work, 'tiers.yaml');
    writeFileSync(needs, 'apiVersion: tracklayer/v1\nname: tiers-demo\ncloud: {region: us-east-1}\ndata: {tiers: {hotDays: 30, coolDays: 45, archiveDays: 400}}\n');
    const out = join(work, 'tiers-out');
    const run = cli(['synth', '--needs', needs, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'tiers.yaml:4:39: data.tiers.coolDays: must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 45',
    );
    expect(run.stderr).not.toMatch(/^warning: /m);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
