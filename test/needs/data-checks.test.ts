import { customerKeyRequired } from '../../needs/data-checks';
import { problemsOf, warningsOf } from '../support/needs-fixtures';

const serverless = { rule: 'MSK_CMK', reason: 'synthetic test events only, no customer data' };

describe('data foundation cross-field checks', () => {
  test('GIVEN the MSK_CMK exception and hipaa WHEN validated THEN an error at the suppression that says why and what to do', () => {
    expect(problemsOf({ business: { compliance: ['hipaa'] }, data: { streaming: { source: 'kafka' } }, guardrails: { suppress: [serverless] } })).toEqual([
      expect.stringMatching(
        /^needs\.yaml:\d+:\d+: guardrails\.suppress\[0\]\.rule: accepts MSK Serverless, whose data rests under an AWS-owned key, but business\.compliance is \[hipaa\], which calls for the lakehouse's customer-managed key: remove this suppression \(tracklayer then uses provisioned MSK with the key\)$/,
      ),
    ]);
  });

  test('GIVEN the exception and high sensitivity WHEN validated THEN an error naming the sensitivity', () => {
    const lines = problemsOf({ strategy: 'cloud-first', business: { dataSensitivity: 'high' }, data: { streaming: { source: 'kafka' } }, guardrails: { suppress: [serverless] } });
    expect(lines).toEqual([expect.stringContaining('but business.dataSensitivity is high, which calls for')]);
  });

  test('GIVEN the exception and more than MSK Serverless ingests WHEN validated THEN an error naming the limit', () => {
    expect(problemsOf({ data: { streaming: { source: 'kafka', mbPerSecond: 300 } }, guardrails: { suppress: [serverless] } })).toEqual([
      expect.stringContaining('guardrails.suppress[0].rule: accepts MSK Serverless, which ingests at most 200 MB/s, but data.streaming.mbPerSecond is 300'),
    ]);
  });

  test('GIVEN the exception for unregulated data within the limit WHEN validated THEN valid', () => {
    expect(problemsOf({ data: { streaming: { source: 'kafka', mbPerSecond: 50 } }, guardrails: { suppress: [serverless] } })).toEqual([]);
  });

  test('GIVEN quality rules without a stream WHEN validated THEN a warning that nothing is built', () => {
    expect(warningsOf({ data: { quality: { completenessPct: 99 } } })).toEqual([expect.stringMatching(/^needs\.yaml:\d+:\d+: data\.quality: is given without data\.streaming: .*no rules are built/)]);
    expect(warningsOf({ data: { streaming: { source: 'kinesis' }, quality: { completenessPct: 99 } } })).toEqual([]);
  });

  test('GIVEN a Kinesis rate past the default shard quota WHEN validated THEN a warning to raise it', () => {
    expect(warningsOf({ data: { streaming: { source: 'kinesis', mbPerSecond: 400 } } })).toEqual([
      expect.stringContaining('data.streaming.mbPerSecond: needs 500 Kinesis shards, more than the default quota of 200 shards per account in most regions'),
    ]);
  });

  test.each([
    [{ compliance: [], dataSensitivity: 'moderate' }, false],
    [{ compliance: ['ccpa'], dataSensitivity: 'low' }, true],
    [{ compliance: [], dataSensitivity: 'high' }, true],
  ])('customerKeyRequired(%j) is %p', (business, expected) => {
    expect(customerKeyRequired(business)).toBe(expected);
  });
});
