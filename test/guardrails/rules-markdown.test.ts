import { readFileSync } from 'node:fs';
import { RULES } from '../../guardrails/registry';
import { RULES_FILE, rulesMarkdown } from '../../guardrails/rules-markdown';

describe('RULES.md', () => {
  test('the committed file is current (run `npm run rules` after changing a rule)', () => {
    expect(readFileSync(RULES_FILE, 'utf8')).toBe(rulesMarkdown());
  });

  test('has one table row per rule with its level, rationale and references', () => {
    const rows = rulesMarkdown().split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(RULES.length);
    expect(rows[0]).toBe(
      '| `S3_SSE_KMS` | error | Data at rest is encrypted with a customer managed KMS key, so the key policy and CloudTrail gate and record every read; access-log buckets may use SSE-S3. | `CKV_AWS_145` | `AVD-AWS-0132`, `AVD-AWS-0088` | `NIST.800.53.R5-S3DefaultEncryptionKMS`, `AwsSolutions-S3` |',
    );
    expect(rows.find((row) => row.startsWith('| `EFA_TOPOLOGY`'))).toMatch(/\| none \| none \| none \|$/);
  });
});
