import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCdktfApp } from '../../cli/cdktf-app';
import { cli } from '../support/run-cli';

function app(env: NodeJS.ProcessEnv): { code: number; stderr: string } {
  let stderr = '';
  const code = runCdktfApp(env, (text) => (stderr += text));
  return { code, stderr };
}

describe('the cdktf app (cdktf synth through main.ts)', () => {
  test('GIVEN CDKTF_OUTDIR on a directory of user files THEN exit 2, one line, and the files are untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cdktf-user-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'main.tf'), 'resource "x" "y" {}');
    const result = app({ CDKTF_OUTDIR: dir, TRACKLAYER_NEEDS: 'needs.yaml' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tracklayer: .*: is not empty and not a tracklayer output \(it holds \.git, main\.tf\)/);
    expect(readdirSync(dir).sort()).toEqual(['.git', 'main.tf']);
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toBe('resource "x" "y" {}');
  });

  test('writes the same stacks and the same provenance as tracklayer synth', () => {
    const viaCdktf = join(mkdtempSync(join(tmpdir(), 'tl-cdktf-')), 'cdktf.out');
    const viaCli = join(mkdtempSync(join(tmpdir(), 'tl-cli-')), 'cdktf.out');
    expect(app({ CDKTF_OUTDIR: viaCdktf, TRACKLAYER_NEEDS: 'examples/hybrid.yaml' }).code).toBe(0);
    expect(cli(['synth', '--needs', 'examples/hybrid.yaml', '--out', viaCli]).code).toBe(0);
    for (const stack of readdirSync(join(viaCli, 'stacks'))) {
      expect(readFileSync(join(viaCdktf, 'stacks', stack, 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(viaCli, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(viaCdktf, 'manifest.json'), 'utf8')).tracklayer).toEqual(JSON.parse(readFileSync(join(viaCli, 'manifest.json'), 'utf8')).tracklayer);
  });

  test('a stack no longer built keeps an empty folder for the cdktf CLI to remove (it does not tolerate a missing one)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tl-cdktf-orphan-')), 'cdktf.out');
    expect(app({ CDKTF_OUTDIR: out, TRACKLAYER_NEEDS: 'examples/hybrid.yaml' }).code).toBe(0);
    expect(app({ CDKTF_OUTDIR: out, TRACKLAYER_NEEDS: 'examples/cloud-first.yaml' }).code).toBe(0);
    expect(readdirSync(join(out, 'stacks', 'medica-ai-network'))).toEqual([]);
    expect(existsSync(join(out, 'stacks', 'lumen-research-network', 'cdk.tf.json'))).toBe(true);
    // and the output stays replaceable with those empty folders in it
    expect(app({ CDKTF_OUTDIR: out, TRACKLAYER_NEEDS: 'examples/cloud-first.yaml' }).code).toBe(0);
  });

  test('a bad needs file: exit 2 with located problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cdktf-bad-'));
    const needs = join(dir, 'bad.yaml');
    writeFileSync(needs, 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: mars-1\n');
    const result = app({ CDKTF_OUTDIR: join(dir, 'out'), TRACKLAYER_NEEDS: needs });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:4:11: cloud\.region: must be an AWS region code/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
