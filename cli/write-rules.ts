/** `npm run rules`: regenerates RULES.md from the guardrails registry. */
import { writeFileSync } from 'node:fs';
import { RULES_FILE, rulesMarkdown } from '../guardrails/rules-markdown';

writeFileSync(RULES_FILE, rulesMarkdown());
process.stdout.write(`wrote ${RULES_FILE}\n`);
