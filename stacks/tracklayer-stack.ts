/**
 * The base of every tracklayer stack: the AWS provider in the needs' region with the
 * project's default tags (and the same tags on what launch templates launch), and the state
 * backend. Stacks for each role extend it.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { PROJECT_TAG } from '../catalog/cost-allocation';
import type { Needs, Strategy } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import { LaunchedResourceTags } from './launched-resource-tags';
import { configureStateBackend } from './state-backend';

/** What every stack is built from. */
export interface StackContext {
  /** The validated needs. */
  readonly needs: Needs;
  /** The selected strategy. */
  readonly strategy: Strategy;
}

/** Tags every taggable AWS resource carries (through the provider's default_tags). */
export function defaultTags(context: StackContext, stackName: string): Record<string, string> {
  return {
    [PROJECT_TAG]: context.needs.name,
    'tracklayer:environment': context.needs.environment,
    'tracklayer:strategy': context.strategy,
    'tracklayer:stack': stackName,
    'managed-by': 'tracklayer',
  };
}

/** A stack named `<name>-<role>` with the AWS provider and the state backend configured. */
export class TracklayerStack extends TerraformStack {
  /** The stack's name and role. */
  readonly ref: StackRef;
  /** The AWS provider of this stack. */
  readonly awsProvider: AwsProvider;

  constructor(scope: Construct, ref: StackRef, protected readonly context: StackContext) {
    super(scope, ref.name);
    this.ref = ref;
    const tags = defaultTags(context, ref.name);
    this.awsProvider = new AwsProvider(this, 'aws', { region: context.needs.cloud.region, defaultTags: [{ tags }] });
    // default_tags stop at the launch template; what it launches needs the tags in its tag specifications.
    Aspects.of(this).add(new LaunchedResourceTags(tags));
    configureStateBackend(this, context.needs);
  }

  /** `<name>-<suffix>`: the prefix of every resource name in the project. */
  protected resourceName(suffix: string): string {
    return `${this.context.needs.name}-${suffix}`;
  }
}
