/**
 * An AWS Budget on the project's monthly cost (NEEDS-v1 `business.monthlyBudgetUsd`): notify at
 * 80% of the forecast and at 100% of actual spend. The budget counts costs tagged
 * `tracklayer:project=<name>`: every resource carries it through default tags, and what launch
 * templates launch through their tag specifications (stacks/launched-resource-tags.ts).
 *
 * A budget's tag filter sees only *activated* cost allocation tags. Activation
 * (`aws ce update-cost-allocation-tags-status`, or `aws_ce_cost_allocation_tag`) works only from
 * the management (payer) account and only once the tag has appeared in billing data (up to 24
 * hours after the first tagged resource), so it cannot ride the first apply; until then this
 * budget sees no cost. The README's "Cost allocation tag" section is the opt-in step.
 */
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { Construct } from 'constructs';
import { PROJECT_TAG } from '../../catalog/cost-allocation';

/** Forecast threshold: warn while there is still most of a month to react. */
export const FORECAST_THRESHOLD_PERCENT = 80;
/** Actual-spend threshold: the budget is spent. */
export const ACTUAL_THRESHOLD_PERCENT = 100;

/** Props of {@link MonthlyBudget}. */
export interface MonthlyBudgetProps {
  /** Budget name. */
  readonly name: string;
  /** The monthly limit in USD. */
  readonly limitUsd: number;
  /** The project tag value to count (`tracklayer:project`). */
  readonly project: string;
  /** SNS topic ARN to notify. */
  readonly topicArn: string;
}

/** A monthly cost budget with forecast and actual notifications. */
export class MonthlyBudget extends Construct {
  /** The budget. */
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    if (!(props.limitUsd > 0)) throw new Error(`${this.node.path}: limitUsd must be greater than 0, got ${props.limitUsd}`);
    const notify = (notificationType: 'FORECASTED' | 'ACTUAL', threshold: number) => ({
      notificationType,
      comparisonOperator: 'GREATER_THAN',
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [props.topicArn],
    });
    this.budget = new BudgetsBudget(this, 'budget', {
      name: props.name,
      budgetType: 'COST',
      limitAmount: props.limitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'TagKeyValue', values: [`user:${PROJECT_TAG}$${props.project}`] }],
      notification: [notify('FORECASTED', FORECAST_THRESHOLD_PERCENT), notify('ACTUAL', ACTUAL_THRESHOLD_PERCENT)],
    });
  }
}
