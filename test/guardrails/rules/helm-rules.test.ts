import { helmChartPinned, helmHostAccess } from '../../../guardrails/rules/helm-rules';
import { stack } from '../fixtures/builders';

/** A release with a review unless `review` is null. */
function release(config: Record<string, unknown>, review: Record<string, unknown> | null = {}) {
  return stack({
    helm_release: {
      r: {
        '//': { metadata: { path: 'demo-app/platform/r/release', uniqueId: 'r' }, ...(review === null ? {} : { tracklayer: { hostAccess: review } }) },
        name: 'r',
        repository: 'https://charts.example.org',
        chart: 'agent',
        version: '1.2.3',
        ...config,
      },
    },
  });
}
const messages = (rule: typeof helmChartPinned, json: ReturnType<typeof release>) => rule.check(json).map((f) => f.message);

describe('HELM_CHART_PINNED', () => {
  test('GIVEN an exact version from an https or oci source THEN nothing', () => {
    expect(messages(helmChartPinned, release({}))).toEqual([]);
    expect(messages(helmChartPinned, release({ repository: 'oci://public.ecr.aws/neuron', version: 'v0.5.30' }))).toEqual([]);
    expect(messages(helmChartPinned, release({ repository: undefined, chart: 'oci://registry.example.org/charts/agent' }))).toEqual([]);
  });

  test.each([
    [{ version: undefined }, /chart version is not set \(the latest\)/],
    [{ version: '~1.2' }, /chart version is "~1.2"; pin an exact chart version/],
    [{ repository: 'http://charts.example.org' }, /chart source is "http:\/\/charts.example.org"; install from an https/],
    [{ repository: undefined, chart: './charts/agent' }, /a local path or not set/],
    [{ devel: true }, /sets devel/],
    [{ values: ['image:\n  repository: x\n  tag: latest\n'] }, /values set image.tag to latest/],
  ])('GIVEN %p THEN a finding that says what to pin', (config, message) => {
    expect(messages(helmChartPinned, release(config))).toEqual([expect.stringMatching(message)]);
  });
});

describe('HELM_HOST_ACCESS', () => {
  test('GIVEN a review with reasons, or {} THEN nothing', () => {
    expect(messages(helmHostAccess, release({}, {}))).toEqual([]);
    expect(messages(helmHostAccess, release({}, { privileged: 'hands RDMA device nodes to pods', hostPaths: { '/dev': 'the RDMA device nodes' } }))).toEqual([]);
  });

  test('GIVEN no review THEN a finding that says how to record one', () => {
    expect(helmHostAccess.check(release({}, null))).toEqual([
      expect.objectContaining({ address: 'helm_release.r', path: 'demo-app/platform/r/release', message: expect.stringMatching(/records no host-access review.*hostAccess prop/) }),
    ]);
  });

  test('GIVEN a grant without a real reason THEN a finding per grant', () => {
    expect(messages(helmHostAccess, release({}, { privileged: 'yes', hostPaths: { '/dev': 42, '/run': 'the Neuron driver map file' } }))).toEqual([
      expect.stringMatching(/grant privileged gives the reason "yes"; say in at least 10 characters/),
      expect.stringMatching(/grant hostPaths.\/dev gives the reason 42/),
    ]);
  });
});
