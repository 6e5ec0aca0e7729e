/**
 * Every Kubernetes object tracklayer defines, checked against the upstream Kubernetes API
 * schema offline (test/support/kubernetes-schema.ts: kubernetes-types 1.30, generated from the
 * Kubernetes OpenAPI definitions). The Terraform kubernetes provider is not available offline,
 * so `tracklayer verify` skips these stacks; this is their schema check, in CI with `npm test`.
 */
import { readdirSync } from 'node:fs';
import { readNeedsFile } from '../../cli/read-needs-file';
import { manifestsOf, toManifest, type RenderedResource } from '../support/kubernetes-manifests';
import { schemaProblems } from '../support/kubernetes-schema';
import { synthApp } from '../support/synth-app';

const files = ['needs.yaml', ...readdirSync('examples').map((file) => `examples/${file}`)];
const rendered: Record<string, RenderedResource[]> = Object.fromEntries(files.map((file) => [file, manifestsOf(synthApp(readNeedsFile(file).needs))]));

describe('Kubernetes objects fit the upstream API schema', () => {
  test.each(files)('%s: every kubernetes_* resource renders to a manifest the Kubernetes v1.30 API schema accepts', (file) => {
    expect(rendered[file].length).toBeGreaterThan(0);
    expect(schemaProblems(rendered[file])).toEqual([]);
  });

  test('the examples cover every kind tracklayer synthesizes today', () => {
    const kinds = new Set(Object.values(rendered).flatMap((list) => list.map((r) => r.manifest.kind)));
    expect([...kinds].sort()).toEqual(['ClusterQueue', 'Cohort', 'ConfigMap', 'DaemonSet', 'Deployment', 'LimitRange', 'LocalQueue', 'Namespace', 'PodDisruptionBudget', 'PriorityClass', 'ResourceFlavor', 'ResourceQuota', 'RuntimeClass', 'Service', 'ServiceAccount']);
  });
});

describe('the schema check fails on a wrong object (it can fail)', () => {
  const daemonSet = (podSpec: Record<string, unknown>, container: Record<string, unknown> = {}) =>
    toManifest('kubernetes_daemon_set_v1', {
      metadata: { name: 'agent', namespace: 'gpu-system' },
      spec: {
        selector: { match_labels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { container: [{ name: 'agent', image: 'registry.example.org/agent:1.0.0', ...container }], ...podSpec },
        },
      },
    });
  const problems = (manifest: ReturnType<typeof daemonSet>) => schemaProblems([{ address: 'test: kubernetes_daemon_set_v1.agent', manifest }]).map((p) => p.message);

  test('GIVEN a correct DaemonSet THEN no problem', () => {
    expect(problems(daemonSet({ host_network: true, toleration: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] }))).toEqual([]);
  });

  test('GIVEN a misspelled field THEN it fails, naming the field', () => {
    expect(problems(daemonSet({ host_networking: true }))).toEqual([expect.stringMatching(/may only specify known properties, and '"hostNetworking"' does not exist in type 'PodSpec'/)]);
    expect(problems(daemonSet({}, { image_pull_policyy: 'Always' }))).toEqual([expect.stringMatching(/may only specify known properties, and '"imagePullPolicyy"' does not exist in type 'Container'/)]);
  });

  test('GIVEN a wrong type THEN it fails', () => {
    expect(problems(daemonSet({ host_network: 'yes' }))).toEqual([expect.stringContaining("Type 'string' is not assignable to type 'boolean | undefined'")]);
    expect(problems(daemonSet({}, { port: [{ name: 'metrics', container_port: 'http' }] }))).toEqual([expect.stringContaining("Type 'string' is not assignable to type 'number'")]);
  });

  test('GIVEN a missing required field or a bad quantity THEN it fails', () => {
    const noName = daemonSet({}, { name: undefined });
    expect(problems(JSON.parse(JSON.stringify(noName)))).toEqual([expect.stringContaining("Property 'name' is missing")]);
    expect(problems(daemonSet({}, { resources: { limits: { memory: '4 GiB' } } }))).toEqual([expect.stringContaining('"4 GiB" is not a Kubernetes quantity')]);
  });

  test('GIVEN a provider type the rendering does not know THEN it says where to add it', () => {
    expect(() => toManifest('kubernetes_ingress_class_v1', {})).toThrow(/no Kubernetes kind known for kubernetes_ingress_class_v1/);
  });
});

describe('the Kueue objects are checked against the v1beta2 CRD fields (it can fail)', () => {
  test('a misspelled ClusterQueue field and a wrong preemption policy are reported', () => {
    const queue = (spec: Record<string, unknown>) => ({ address: 'queue', manifest: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: 'team' }, spec } });
    expect(schemaProblems([queue({ cohort: 'training-gpus' })]).map((p) => p.message).join('\n')).toMatch(/'"cohort"' does not exist/);
    expect(schemaProblems([queue({ preemption: { reclaimWithinCohort: 'Sometimes' } })]).map((p) => p.message).join('\n')).toMatch(/"Sometimes"' is not assignable/);
    expect(schemaProblems([queue({ cohortName: 'training-gpus', preemption: { reclaimWithinCohort: 'Any' } })])).toEqual([]);
  });
});

