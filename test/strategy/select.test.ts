import { selectStrategy } from '../../strategy/select';
import { needsWith } from '../support/needs-fixtures';

const onPrem = { kubeContext: 'dc1', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
const edgeInference = (latencyMs: number) => ({ accelerator: 'l4', latencyMs, replicas: 0, sites: [{ name: 'plant-a', hardware: 'jetson-orin', nodes: 2 }] });

describe('selectStrategy: each rule decides alone', () => {
  test.each([
    ['sovereignty', { business: { dataSensitivity: 'high' }, onPrem }, 'hybrid', 'business.dataSensitivity is high'],
    ['latency', { workload: { inference: edgeInference(10) } }, 'edge-centric', 'workload.inference.latencyMs is 10 (< 20) and 1 edge site(s) are listed'],
    ['elasticity', { workload: { pattern: 'bursty' } }, 'cloud-first', 'workload.pattern is bursty'],
    ['default', {}, 'cloud-first', 'no other rule fired'],
  ])('%s', (rule, patch, strategy, detail) => {
    const selection = selectStrategy(needsWith(patch));
    expect(selection).toMatchObject({ strategy, source: 'auto', reasons: [{ rule, detail }] });
  });

  test('latency does not fire at exactly 20 ms, nor without sites', () => {
    expect(selectStrategy(needsWith({ workload: { inference: edgeInference(20) } })).reasons).toEqual([{ rule: 'default', detail: 'no other rule fired' }]);
    const noSites = selectStrategy(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 5 } } }));
    expect(noSites.strategy).toBe('cloud-first');
    expect(noSites.warnings).toEqual([expect.stringContaining('a cloud region cannot promise under 20 ms')]);
  });
});

describe('selectStrategy: precedence (law before physics before economics)', () => {
  test.each([
    ['sovereignty beats latency', { business: { dataSensitivity: 'high' }, onPrem, workload: { inference: edgeInference(10) } }, 'hybrid', ['sovereignty', 'latency']],
    ['latency beats elasticity', { workload: { pattern: 'bursty', inference: edgeInference(10) } }, 'edge-centric', ['latency', 'elasticity']],
    ['all three: latency loses (hybrid builds no edge stacks)', { business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty', inference: edgeInference(10) } }, 'hybrid', ['sovereignty', 'latency', 'elasticity']],
  ])('%s', (_name, patch, strategy, rules) => {
    const selection = selectStrategy(needsWith(patch));
    expect(selection.strategy).toBe(strategy);
    expect(selection.source).toBe('auto');
    expect(selection.reasons.map((r) => r.rule)).toEqual(rules);
    expect(selection.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^rule \w+ also fired .* a higher-precedence rule chose/)]));
  });
});

describe('selectStrategy: a rule that loses but is served is no contradiction', () => {
  test('sovereignty beats elasticity, and hybrid serves the burst with the cloud cluster: elasticity is a reason, not a warning', () => {
    const selection = selectStrategy(needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty' } }));
    expect(selection.strategy).toBe('hybrid');
    expect(selection.reasons.map((r) => r.rule)).toEqual(['sovereignty', 'elasticity']);
    expect(selection.warnings.filter((w) => w.includes('elasticity'))).toEqual([]);
    expect(selection.stacks.map((s) => s.role)).toContain('gpu-cluster');
  });

  test('an explicit hybrid with a bursty pattern serves elasticity too', () => {
    const selection = selectStrategy(needsWith({ strategy: 'hybrid', onPrem, workload: { pattern: 'bursty' } }));
    expect(selection.warnings.filter((w) => w.includes('elasticity'))).toEqual([]);
  });
});

describe('selectStrategy: override', () => {
  test.each([
    ['cloud-first over sovereignty', { strategy: 'cloud-first', business: { dataSensitivity: 'high' } }, 'cloud-first', 'strategy cloud-first overrides rule sovereignty, which selects hybrid (business.dataSensitivity is high)'],
    ['edge-centric over sovereignty', { strategy: 'edge-centric', business: { dataSensitivity: 'high' }, workload: { inference: edgeInference(50) } }, 'edge-centric', 'strategy edge-centric overrides rule sovereignty'],
    ['cloud-first over latency', { strategy: 'cloud-first', workload: { inference: edgeInference(5) } }, 'cloud-first', 'strategy cloud-first overrides rule latency, which selects edge-centric'],
  ])('%s', (_name, patch, strategy, warning) => {
    const selection = selectStrategy(needsWith(patch));
    expect(selection.strategy).toBe(strategy);
    expect(selection.source).toBe('override');
    expect(selection.warnings).toEqual(expect.arrayContaining([expect.stringContaining(warning)]));
  });

  test('an override that agrees with the rules warns about nothing', () => {
    const selection = selectStrategy(needsWith({ strategy: 'cloud-first', workload: { pattern: 'bursty' } }));
    expect(selection).toMatchObject({ strategy: 'cloud-first', source: 'override', reasons: [{ rule: 'elasticity' }], warnings: [] });
  });

  test('rules are still evaluated and reported under an override', () => {
    const selection = selectStrategy(needsWith({ strategy: 'hybrid', onPrem }));
    expect(selection.reasons).toEqual([{ rule: 'default', detail: 'no other rule fired' }]);
    expect(selection.warnings).toEqual([]);
  });
});

describe('selectStrategy: unserved needs', () => {
  test('sites under a strategy without edge stacks', () => {
    const selection = selectStrategy(needsWith({ workload: { inference: edgeInference(50) } }));
    expect(selection.warnings).toEqual(['workload.inference.sites lists 1 site(s), but the cloud-first strategy builds no edge stacks']);
  });

  test('onPrem under a strategy without on-prem stacks', () => {
    const selection = selectStrategy(needsWith({ onPrem }));
    expect(selection.warnings).toEqual(['onPrem is given, but the cloud-first strategy builds no connectivity or on-prem stacks']);
  });
});

describe('selectStrategy: the JSON shape of NEEDS-v1', () => {
  test('exactly strategy, source, reasons, warnings, stacks', () => {
    const selection = selectStrategy(needsWith({ business: { dataSensitivity: 'high' }, onPrem }));
    expect(Object.keys(JSON.parse(JSON.stringify(selection)))).toEqual(['strategy', 'source', 'reasons', 'warnings', 'stacks']);
    expect(selection.stacks[0]).toEqual({ name: 'acme-ml-network', role: 'network' });
  });
});
