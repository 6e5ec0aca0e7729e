import { ReferenceResolver } from '../../../guardrails/schedulability/references';
import type { SynthesizedStack } from '../../../guardrails/rule';

const platform: SynthesizedStack = {
  name: 'acme-gpu-platform',
  json: {
    resource: { kubernetes_namespace_v1: { ns: { metadata: { name: 'inference' } } } },
    data: { terraform_remote_state: { 'cross-stack-reference-input-acme-gpu-cluster': {} } },
  },
};
const cluster: SynthesizedStack = {
  name: 'acme-gpu-cluster',
  json: { resource: { aws_eks_cluster: { c: { name: 'acme' } } }, output: { 'cross-stack-output-name': { value: '${aws_eks_cluster.c.name}' } } },
};

describe('ReferenceResolver', () => {
  const resolver = new ReferenceResolver([platform, cluster]);

  test('a reference to an attribute of a resource of the stack', () => {
    expect(resolver.resolveString('${kubernetes_namespace_v1.ns.metadata[0].name}', platform)).toBe('inference');
  });

  test("a cross-stack reference, followed through the producing stack's output to a literal", () => {
    expect(resolver.resolveString('${data.terraform_remote_state.cross-stack-reference-input-acme-gpu-cluster.outputs.cross-stack-output-name}', platform)).toBe('acme');
  });

  test('what cannot be read stays unresolved: unknown resources, computed attributes, expressions', () => {
    expect(resolver.resolveString('${aws_eks_cluster.c.arn}', cluster)).toBeUndefined();
    expect(resolver.resolveString('${base64decode(aws_eks_cluster.c.name)}', cluster)).toBeUndefined();
    expect(resolver.resolveString('plain', cluster)).toBe('plain');
  });
});
