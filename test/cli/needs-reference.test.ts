import { readFileSync } from 'node:fs';
import { NEEDS_REFERENCE_FILE, needsReferenceMarkdown } from '../../cli/needs-reference';
import { needsJsonSchema } from '../../needs/json-schema';

/** Every field path of the JSON Schema (`a.b`, list items as `a[].b`). */
function fieldPaths(node: Record<string, unknown>, prefix = ''): string[] {
  const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const items = child.items as Record<string, unknown> | undefined;
    return [path, ...fieldPaths(child, path), ...(items?.properties ? fieldPaths(items, `${path}[]`) : [])];
  });
}

describe('NEEDS.md, the needs-file reference a clone carries', () => {
  test('the committed file is current (run `npm run schema` after changing needs/schema.ts)', () => {
    expect(readFileSync(NEEDS_REFERENCE_FILE, 'utf8')).toBe(needsReferenceMarkdown());
  });

  test('every field of the schema has a row with a meaning', () => {
    const rows = needsReferenceMarkdown().split('\n').filter((line) => line.startsWith('| `'));
    const paths = fieldPaths(needsJsonSchema());
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      const row = rows.find((r) => r.startsWith(`| \`${path}\` |`));
      expect(row).toBeDefined();
      expect(row!.split(' | ')[3].trim()).not.toBe('|');
    }
  });

  test('defaults and ranges come from the schema', () => {
    const text = needsReferenceMarkdown();
    expect(text).toContain('| `cloud.availabilityZones` | integer 2..6 | default `3` |');
    expect(text).toContain('| `onPrem.mode` | `cluster` \\| `hybrid-nodes` | default `"cluster"` |');
    expect(text).toContain('| `workload.training.gpus` | integer 1..4096 | required |');
  });
});
