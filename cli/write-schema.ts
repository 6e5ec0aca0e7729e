/** `npm run schema`: regenerates needs.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE, needsJsonSchemaText } from '../needs/json-schema';

writeFileSync(SCHEMA_FILE, needsJsonSchemaText());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
