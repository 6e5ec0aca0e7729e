import { MonthlyBudget } from '../../../constructs/alerts/monthly-budget';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('MonthlyBudget', () => {
  const json = synthConstruct((scope) => new MonthlyBudget(scope, 'budget', { name: 'acme-ml-monthly', limitUsd: 150000, project: 'acme-ml', topicArn: 'arn:aws:sns:us-east-1:1:t' }));
  const [budget] = resourcesOf(json, 'aws_budgets_budget');

  test('a monthly cost budget of the project tag', () => {
    expect(budget).toMatchObject({ budget_type: 'COST', limit_amount: '150000.00', limit_unit: 'USD', time_unit: 'MONTHLY' });
    expect(budget.cost_filter).toEqual([{ name: 'TagKeyValue', values: ['user:tracklayer:project$acme-ml'] }]);
  });

  test('notifies at 80% forecast and 100% actual', () => {
    expect((budget.notification as Record<string, unknown>[]).map((n) => [n.notification_type, n.threshold, n.threshold_type])).toEqual([
      ['FORECASTED', 80, 'PERCENTAGE'],
      ['ACTUAL', 100, 'PERCENTAGE'],
    ]);
  });

  test('throws for a non-positive limit', () => {
    expect(() => synthConstruct((scope) => new MonthlyBudget(scope, 'b', { name: 'x', limitUsd: 0, project: 'x', topicArn: 't' }))).toThrow('limitUsd must be greater than 0, got 0');
  });
});
