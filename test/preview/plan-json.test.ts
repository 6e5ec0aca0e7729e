import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlanDir } from '../../preview/plan-json';
import { PreviewInputError } from '../../preview/preview-error';

const fixtures = join(__dirname, 'fixtures', 'plans');

describe('readPlanDir', () => {
  test('reads DIR/<stack>.json by stack name', () => {
    const plans = readPlanDir(fixtures);
    expect(Object.keys(plans)).toEqual(['lumen-research-network']);
    expect(plans['lumen-research-network'].format_version).toMatch(/^1\./);
  });

  test('throws a PreviewInputError naming the file for a missing directory, bad JSON or a non-plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracklayer-plans-'));
    expect(() => readPlanDir(join(dir, 'nope'))).toThrow(PreviewInputError);
    writeFileSync(join(dir, 'a.json'), '{');
    expect(() => readPlanDir(dir)).toThrow(/a\.json: not JSON/);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ format_version: '1.2', values: {} }));
    expect(() => readPlanDir(dir)).toThrow(/a\.json: not a Terraform plan in JSON: make it with `terraform show -json PLANFILE`/);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ format_version: '2.0', resource_changes: [] }));
    expect(() => readPlanDir(dir)).toThrow(/plan format 2\.0 is not supported/);
  });
});
