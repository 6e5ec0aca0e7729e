import { dataFoundationPlan } from '../../../constructs/data-foundation/data-foundation-plan';
import { needsWith } from '../../support/needs-fixtures';

describe('dataFoundationPlan', () => {
  test('GIVEN no streaming and no compliance WHEN planned THEN nothing (the stacks stay as they were)', () => {
    expect(dataFoundationPlan(needsWith({}))).toBeUndefined();
    expect(dataFoundationPlan(needsWith({ data: { quality: { completenessPct: 99 } } }))).toBeUndefined();
  });

  test('GIVEN kafka and hipaa WHEN planned THEN provisioned MSK, default quality rules, PII detection and governance', () => {
    expect(dataFoundationPlan(needsWith({ business: { compliance: ['hipaa'] }, data: { streaming: { source: 'kafka' } } }))).toEqual({
      streaming: { source: 'kafka', mbPerSecond: 10, latencySeconds: 5 },
      kafkaDeployment: 'provisioned',
      quality: { completenessPct: 95, freshnessMinutes: 60 },
      piiDetection: true,
      governance: true,
    });
  });

  test('GIVEN compliance only WHEN planned THEN PII detection and governance, no stream, no quality rules', () => {
    expect(dataFoundationPlan(needsWith({ business: { compliance: ['gdpr'] } }))).toEqual({ piiDetection: true, governance: true });
  });

  test('GIVEN kinesis and its own quality need WHEN planned THEN those, without governance', () => {
    expect(dataFoundationPlan(needsWith({ data: { streaming: { source: 'kinesis', mbPerSecond: 3 }, quality: { freshnessMinutes: 15 } } }))).toEqual({
      streaming: { source: 'kinesis', mbPerSecond: 3, latencySeconds: 5 },
      quality: { completenessPct: 95, freshnessMinutes: 15 },
      piiDetection: false,
      governance: false,
    });
  });

  test('GIVEN kafka, no regulated data and the MSK_CMK exception WHEN planned THEN MSK Serverless', () => {
    const needs = needsWith({ data: { streaming: { source: 'kafka' } }, guardrails: { suppress: [{ rule: 'MSK_CMK', reason: 'test stream of synthetic events, no real data' }] } });
    expect(dataFoundationPlan(needs)?.kafkaDeployment).toBe('serverless');
  });
});
