import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { LaunchedResourceTags } from '../../stacks/launched-resource-tags';
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';

describe('LaunchedResourceTags', () => {
  function templateSpecs(specs?: { resourceType: string; tags: Record<string, string> }[]) {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new LaunchTemplate(stack, 'lt', { name: 'lt', ...(specs ? { tagSpecifications: specs } : {}) });
    Aspects.of(stack).add(new LaunchedResourceTags({ 'tracklayer:project': 'acme-ml', owner: 'platform' }));
    const json = JSON.parse(Testing.synth(stack)) as { resource: { aws_launch_template: { lt: { tag_specifications: unknown } } } };
    return json.resource.aws_launch_template.lt.tag_specifications;
  }

  test('GIVEN a template with no tag specifications THEN instances, volumes and interfaces get the stack tags', () => {
    expect(templateSpecs()).toEqual(['instance', 'volume', 'network-interface'].map((resource_type) => ({ resource_type, tags: { 'tracklayer:project': 'acme-ml', owner: 'platform' } })));
  });

  test("GIVEN a construct's own tags THEN they are kept and win over the stack's; other resource types stay", () => {
    const specs = templateSpecs([
      { resourceType: 'instance', tags: { Name: 'gpu', owner: 'ml-team' } },
      { resourceType: 'spot-instances-request', tags: { Name: 'gpu' } },
    ]);
    expect(specs).toEqual([
      { resource_type: 'instance', tags: { 'tracklayer:project': 'acme-ml', owner: 'ml-team', Name: 'gpu' } },
      { resource_type: 'volume', tags: { 'tracklayer:project': 'acme-ml', owner: 'platform' } },
      { resource_type: 'network-interface', tags: { 'tracklayer:project': 'acme-ml', owner: 'platform' } },
      { resource_type: 'spot-instances-request', tags: { Name: 'gpu' } },
    ]);
  });

  test('GIVEN the default needs THEN every launch template of the gpu-cluster stack tags what it launches with the stack tags', () => {
    const cluster = synthApp(needsWith({ workload: { training: { accelerator: 'h100', gpus: 16 } } }))['acme-ml-gpu-cluster'];
    const templates = Object.values(cluster.resource?.aws_launch_template ?? {}) as { tag_specifications: { resource_type: string; tags: Record<string, string> }[] }[];
    expect(templates.length).toBeGreaterThanOrEqual(2);
    for (const template of templates) {
      expect(template.tag_specifications.map((s) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
      for (const spec of template.tag_specifications) expect(spec.tags).toMatchObject({ 'tracklayer:project': 'acme-ml', 'tracklayer:stack': 'acme-ml-gpu-cluster', 'managed-by': 'tracklayer' });
    }
  });
});
