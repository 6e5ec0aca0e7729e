import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { HelmChart, HelmChartError, RELEASE_HISTORY, renderValues } from '../../../constructs/helm/helm-chart';
import { chartPinProblem, type UpstreamChart } from '../../../constructs/helm/upstream-chart';

const CHART: UpstreamChart = {
  repository: 'https://charts.example.org',
  chart: 'example-agent',
  version: '1.2.3',
  source: 'example/charts charts/example-agent/values.yaml',
};

function synthRelease(props: Partial<ConstructorParameters<typeof HelmChart>[2]> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  new HelmChart(stack, 'agent', { chart: CHART, releaseName: 'agent', namespace: 'system', hostAccess: {}, ...props });
  const json = JSON.parse(Testing.synth(stack)) as { resource: { helm_release: Record<string, Record<string, unknown>> } };
  return Object.values(json.resource.helm_release)[0];
}

describe('HelmChart', () => {
  test('GIVEN a pinned chart THEN the release installs exactly that version, atomically, with bounded history', () => {
    const release = synthRelease();
    expect(release).toMatchObject({
      name: 'agent',
      namespace: 'system',
      repository: CHART.repository,
      chart: 'example-agent',
      version: '1.2.3',
      atomic: true,
      wait: true,
      cleanup_on_fail: true,
      create_namespace: false,
      max_history: RELEASE_HISTORY,
    });
    expect(release).not.toHaveProperty('values');
  });

  test('values are one YAML document with keys sorted at every level, so the same values give the same bytes', () => {
    const release = synthRelease({ values: { b: { z: 1, a: [{ y: true, x: 'v' }] }, a: 'first' } });
    expect(release.values).toEqual(['a: first\nb:\n  a:\n    - x: v\n      y: true\n  z: 1\n']);
    expect(renderValues({ b: 1, a: 2 })).toBe(renderValues({ a: 2, b: 1 }));
  });

  test('wait: false (DaemonSets on nodes that may not exist yet) turns atomic off too: there is nothing to roll back on', () => {
    expect(synthRelease({ wait: false })).toMatchObject({ wait: false, atomic: false });
  });

  test.each([
    [{ version: '^1.2.0' }, /pin an exact chart version/],
    [{ version: 'latest' }, /pin an exact chart version/],
    [{ repository: 'http://charts.example.org' }, /https:\/\/ chart repository or an oci:\/\/ registry/],
    [{ source: ' ' }, /names no source/],
  ])('throws when the chart is not pinned or sourced: %p', (override, message) => {
    const chart = { ...CHART, ...override };
    expect(chartPinProblem(chart)).toMatch(message);
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    expect(() => new HelmChart(stack, 'agent', { chart, releaseName: 'agent', namespace: 'system', hostAccess: {} })).toThrow(HelmChartError);
  });

  test('accepts oci registries and v-prefixed or pre-release versions', () => {
    expect(chartPinProblem({ ...CHART, repository: 'oci://public.ecr.aws/neuron', version: 'v0.17.0' })).toBeUndefined();
    expect(chartPinProblem({ ...CHART, version: '1.0.0-rc.1' })).toBeUndefined();
  });

  test('the host-access review is written into the release\'s Terraform JSON comment, where the guardrails read it', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new HelmProvider(stack, 'helm', {});
    const hostAccess = { privileged: 'the plugin opens every RDMA device node', hostPaths: { '/dev': 'the RDMA device nodes it hands to pods' } };
    new HelmChart(stack, 'agent', { chart: CHART, releaseName: 'agent', namespace: 'system', hostAccess });
    new HelmChart(stack, 'plain', { chart: CHART, releaseName: 'plain', namespace: 'system', hostAccess: {} });
    app.synth();
    const json = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8')) as { resource: { helm_release: Record<string, { '//': { tracklayer?: unknown } }> } };
    const comments = Object.values(json.resource.helm_release).map((release) => release['//'].tracklayer);
    expect(comments).toEqual([{ hostAccess }, { hostAccess: {} }]);
  });

  test('throws when a host-access grant gives no real reason', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new HelmChart(stack, 'agent', { chart: CHART, releaseName: 'agent', namespace: 'system', hostAccess: { hostPaths: { '/dev': 'needed' } } })).toThrow(
      /hostAccess\.hostPaths\.\/dev gives the reason "needed"; say in at least 10 characters/,
    );
  });
});
