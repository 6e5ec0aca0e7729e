import { evaluationIntervalMinutes, evaluationWindowDays, qualityRuleset } from '../../../constructs/quality/quality-rules';

describe('qualityRuleset', () => {
  test('GIVEN the plan defaults WHEN rendered THEN a Completeness rule per column at 0.95 and the newest event at most 60 minutes old', () => {
    expect(qualityRuleset({ completenessPct: 95, freshnessMinutes: 60 }, ['id', 'time'], 'time')).toBe(
      [
        'Rules = [',
        '  Completeness "id" >= 0.95,',
        '  Completeness "time" >= 0.95,',
        '  CustomSql "SELECT (unix_timestamp(current_timestamp()) - max(unix_timestamp(to_timestamp(`time`)))) / 60 FROM primary" <= 60',
        ']',
      ].join('\n'),
    );
  });

  test('GIVEN a fractional percentage WHEN rendered THEN the ratio keeps it', () => {
    expect(qualityRuleset({ completenessPct: 99.5, freshnessMinutes: 5 }, ['id'], 'time')).toContain('Completeness "id" >= 0.995');
  });
});

describe('evaluation cadence and window', () => {
  test.each([
    [1, 15, 2],
    [60, 30, 2],
    [1440, 720, 2],
    [10080, 1440, 8],
  ])('GIVEN freshness %p min THEN evaluate every %p min over %p days of partitions', (freshness, interval, days) => {
    expect(evaluationIntervalMinutes(freshness)).toBe(interval);
    expect(evaluationWindowDays(freshness)).toBe(days);
  });
});
