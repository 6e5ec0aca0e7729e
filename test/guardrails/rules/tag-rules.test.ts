import { defaultTags } from '../../../stacks/tracklayer-stack';
import { REQUIRED_TAG_KEYS, tagsRequired } from '../../../guardrails/rules/tag-rules';
import { needsWith } from '../../support/needs-fixtures';
import { stack, tracklayerTags } from '../fixtures/builders';

describe('TAGS_REQUIRED', () => {
  test('the required keys are the tags every tracklayer stack sets', () => {
    expect(Object.keys(defaultTags({ needs: needsWith(), strategy: 'cloud-first' }, 'acme-ml-network')).sort()).toEqual([...REQUIRED_TAG_KEYS].sort());
  });

  test('GIVEN a provider without default tags THEN all five are named', () => {
    expect(tagsRequired.check(stack({}, { tags: {} }))[0].message).toBe(
      'default_tags lack tracklayer:project, tracklayer:environment, tracklayer:strategy, tracklayer:stack, managed-by; every AWS provider of a stack sets all of tracklayer:project, tracklayer:environment, tracklayer:strategy, tracklayer:stack, managed-by',
    );
  });

  test('GIVEN a tracklayer:stack tag of another stack THEN it is reported', () => {
    expect(tagsRequired.check(stack({}, { tags: tracklayerTags('demo-other', 'dev') }))[0].message).toBe('default tag tracklayer:stack is "demo-other" but the stack is demo-app');
  });

  test('GIVEN a stack without an AWS provider THEN there is nothing to tag', () => {
    const s = stack({});
    expect(tagsRequired.check({ ...s, json: { ...s.json, provider: { kubernetes: [{ config_context: 'dc1' }] } } })).toEqual([]);
  });
});
