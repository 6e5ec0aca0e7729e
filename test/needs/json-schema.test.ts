import { readFileSync, readdirSync } from 'node:fs';
import { SCHEMA_FILE, needsJsonSchemaText } from '../../needs/json-schema';

describe('needs.schema.json', () => {
  test('the committed file is current (run `npm run schema` after changing needs/schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(needsJsonSchemaText());
  });

  const schema = JSON.parse(needsJsonSchemaText());

  test('rejects unknown keys and names the required fields', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['apiVersion', 'name', 'cloud']);
    expect(schema.properties.business.additionalProperties).toBe(false);
  });

  test('carries ranges, enums and defaults', () => {
    const training = schema.properties.workload.properties.training;
    expect(training.properties.gpus).toMatchObject({ type: 'integer', minimum: 1, maximum: 4096 });
    expect(training.required).toEqual(['accelerator', 'gpus']);
    expect(schema.properties.environment).toMatchObject({ enum: ['dev', 'staging', 'prod'], default: 'dev' });
    expect(schema.properties.cloud.properties.region.enum).toContain('eu-central-1');
  });

  test('every example and needs.yaml reference it for editors', () => {
    const files = ['needs.yaml', ...readdirSync('examples').map((f) => `examples/${f}`)];
    for (const file of files) {
      const expected = file.startsWith('examples/') ? '../needs.schema.json' : './needs.schema.json';
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(`# yaml-language-server: $schema=${expected}`);
    }
  });
});
