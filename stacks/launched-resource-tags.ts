/**
 * Tags on what a launch template launches. The AWS provider's `default_tags` reach the launch
 * template itself but not the instances, volumes and network interfaces EC2 creates from it: those
 * carry only the launch template's `tag_specifications`. Without the project tags there, the GPU
 * spend is invisible to the budget (it filters on `tracklayer:project`) and to cost allocation.
 *
 * An Aspect (cdktf runs Aspects per stack at synth) so every launch template of a stack is
 * covered, whichever construct made it; the resource types are catalog/cost-allocation's.
 * A tag a construct already set on a resource type wins over the stack's tag of the same key.
 */
import { LaunchTemplate, type LaunchTemplateTagSpecifications } from '@cdktf/provider-aws/lib/launch-template';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { LAUNCHED_RESOURCE_TYPES } from '../catalog/cost-allocation';

/** Adds the stack's tags to the tag specifications of every launch template. */
export class LaunchedResourceTags implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof LaunchTemplate)) return;
    const current = node.tagSpecificationsInput;
    if (current !== undefined && !Array.isArray(current)) return; // a token: nothing to merge into
    const existing = (current ?? []) as LaunchTemplateTagSpecifications[];
    const byType = new Map(existing.map((spec) => [spec.resourceType, spec]));
    const merged = LAUNCHED_RESOURCE_TYPES.map((resourceType) => ({
      resourceType,
      tags: { ...this.tags, ...(byType.get(resourceType)?.tags ?? {}) },
    }));
    const others = existing.filter((spec) => !LAUNCHED_RESOURCE_TYPES.includes(spec.resourceType as (typeof LAUNCHED_RESOURCE_TYPES)[number]));
    node.putTagSpecifications([...merged, ...others]);
  }
}
