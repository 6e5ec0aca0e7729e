import { applyLimitRanges, limitRangeRejections, quotaUsage, unstatedQuotaResources, type ContainerLimits } from '../../../guardrails/schedulability/namespace-policies';

const block = { type: 'kubernetes_limit_range_v1', name: 'l', address: 'kubernetes_limit_range_v1.l', path: 's/l', config: {} };
const GI = 2 ** 30;
const limits: ContainerLimits = { block, stack: 's', defaultLimits: { cpu: 2000, memory: 4 * GI }, defaultRequests: { cpu: 500, memory: GI }, max: {}, min: {} };

describe('LimitRange admission', () => {
  test('a container that states nothing gets the default request and limit', () => {
    const admitted = applyLimitRanges({ name: 'main', requests: { 'nvidia.com/gpu': 8 }, limits: { 'nvidia.com/gpu': 8 } }, [limits]);
    expect(admitted.requests).toEqual({ 'nvidia.com/gpu': 8, cpu: 500, memory: GI });
    expect(admitted.limits).toEqual({ 'nvidia.com/gpu': 8, cpu: 2000, memory: 4 * GI });
    expect(admitted.defaultedLimits).toEqual(['cpu', 'memory']);
  });

  test('a request above the default limit is rejected, saying the limit came from the default', () => {
    const admitted = applyLimitRanges({ name: 'main', requests: { cpu: 8000 }, limits: {} }, [limits]);
    expect(limitRangeRejections(admitted, [limits])).toEqual(['container main requests 8 cpu but its limit is 2 (the LimitRange default)']);
  });

  test('a limit above max, and a request below min, are rejected', () => {
    const bounded = { ...limits, max: { memory: 64 * GI }, min: { cpu: 1000 } };
    const admitted = applyLimitRanges({ name: 'main', requests: { cpu: 500, memory: GI }, limits: { memory: 512 * GI } }, [bounded]);
    expect(limitRangeRejections(admitted, [bounded])).toEqual(['container main has limit 512Gi memory, above the LimitRange maximum 64Gi', 'container main requests 500m cpu, below the LimitRange minimum 1']);
  });
});

describe('ResourceQuota admission', () => {
  const containers = [applyLimitRanges({ name: 'main', requests: { cpu: 1000, 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 1 } }, [])];

  test('usage per key: requests.x, plain cpu/memory as requests, limits.x, pods; object counts are not pod resources', () => {
    expect(quotaUsage('requests.nvidia.com/gpu', containers, 3)).toBe(3);
    expect(quotaUsage('cpu', containers, 2)).toBe(2000);
    expect(quotaUsage('pods', containers, 5)).toBe(5);
    expect(quotaUsage('count/jobs.batch', containers, 5)).toBeUndefined();
  });

  test('a quota on memory rejects pods that state no memory', () => {
    expect(unstatedQuotaResources({ 'requests.memory': GI, 'requests.nvidia.com/gpu': 4 }, containers)).toEqual(['requests.memory']);
  });
});
