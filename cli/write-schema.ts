/** `npm run schema`: regenerates needs.schema.json and the NEEDS.md reference from the zod schema. */
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE, needsJsonSchemaText } from '../needs/json-schema';
import { NEEDS_REFERENCE_FILE, needsReferenceMarkdown } from './needs-reference';

writeFileSync(SCHEMA_FILE, needsJsonSchemaText());
writeFileSync(NEEDS_REFERENCE_FILE, needsReferenceMarkdown());
process.stdout.write(`wrote ${SCHEMA_FILE} and ${NEEDS_REFERENCE_FILE}\n`);
