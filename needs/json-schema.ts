/**
 * needs.schema.json, generated from the zod schema (the single source of truth), so editors
 * with the YAML language server complete and check needs files
 * (`# yaml-language-server: $schema=./needs.schema.json`).
 */
import { z } from 'zod';
import { needsSchema } from './schema';

/** Where the schema is published in the repository. */
export const SCHEMA_FILE = 'needs.schema.json';

/** The JSON Schema (draft 2020-12) of a needs file, as an object. */
export function needsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(needsSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, $id: 'https://tracklayer.dev/schemas/needs-v1.json', title: 'tracklayer needs file (v1)' };
}

/** The JSON Schema of a needs file, as the text committed to the repository. */
export function needsJsonSchemaText(): string {
  return `${JSON.stringify(needsJsonSchema(), null, 2)}\n`;
}
