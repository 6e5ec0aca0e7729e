import { nodeGpus, wholeNumber } from '../../audit/node-gpus';
import { clusterNode, gfdLabels, gpuNode } from '../support/cluster-nodes';

describe('nodeGpus', () => {
  test('GIVEN GFD labels and the device plugin\'s capacity THEN physical GPUs, model and kind', () => {
    expect(nodeGpus(gpuNode('n', 'NVIDIA-H100-80GB-HBM3', 8))).toEqual({ count: 8, product: 'NVIDIA-H100-80GB-HBM3', accelerator: 'h100', advertised: 8, unallocatable: 0 });
  });

  test('GIVEN the GPU Operator default mig.strategy=single with MIG off THEN gpu.count is whole GPUs', () => {
    const node = gpuNode('n', 'NVIDIA-A100-SXM4-80GB', 8);
    expect(node.labels['nvidia.com/mig.strategy']).toBe('single');
    expect(nodeGpus(node).count).toBe(8);
  });

  test('GIVEN MIG "single" with 1g slices (56 MIG devices on 8 A100s) THEN 8 physical GPUs of the base model', () => {
    const node = clusterNode('n', {
      labels: { ...gfdLabels('NVIDIA-A100-SXM4-40GB-MIG-1g.5gb', 56), 'nvidia.com/gpu.slices.gi': '1' },
      capacity: { 'nvidia.com/gpu': '56' },
    });
    expect(nodeGpus(node)).toMatchObject({ count: 8, product: 'NVIDIA-A100-SXM4-40GB', accelerator: 'a100' });
  });

  test('GIVEN MIG "single" with 3g slices (2 per GPU) THEN the devices ÷ 2', () => {
    const node = clusterNode('n', { labels: { ...gfdLabels('NVIDIA-H100-80GB-HBM3-MIG-3g.40gb', 16), 'nvidia.com/gpu.slices.gi': '3' }, capacity: { 'nvidia.com/gpu': '16' } });
    expect(nodeGpus(node).count).toBe(8);
  });

  test('GIVEN time-slicing with renameByDefault (4 replicas, nvidia.com/gpu.shared) THEN gpu.count, not the replicas', () => {
    const node = clusterNode('n', {
      labels: { ...gfdLabels('NVIDIA-L4-SHARED', 1), 'nvidia.com/gpu.replicas': '4', 'nvidia.com/gpu.sharing-strategy': 'time-slicing' },
      capacity: { 'nvidia.com/gpu.shared': '4' },
    });
    expect(nodeGpus(node)).toMatchObject({ count: 1, product: 'NVIDIA-L4', accelerator: 'l4', advertised: 4 });
  });

  test('GIVEN no GFD, only the device plugin THEN the count from capacity and no model', () => {
    expect(nodeGpus(clusterNode('n', { capacity: { 'nvidia.com/gpu': '4' } }))).toEqual({ count: 4, product: undefined, accelerator: undefined, advertised: 4, unallocatable: 0 });
  });

  test('GIVEN allocatable below capacity THEN the unhealthy devices; GIVEN GFD but no plugin THEN nothing advertised', () => {
    const unhealthy = clusterNode('n', { labels: gfdLabels('NVIDIA-L40S', 4), capacity: { 'nvidia.com/gpu': '4' }, allocatable: { 'nvidia.com/gpu': '3' } });
    expect(nodeGpus(unhealthy).unallocatable).toBe(1);
    expect(nodeGpus(clusterNode('n', { labels: gfdLabels('NVIDIA-L40S', 4) }))).toMatchObject({ count: 4, advertised: 0 });
  });

  test('GIVEN a CPU node THEN no GPUs and no model', () => {
    expect(nodeGpus(clusterNode('cpu', { capacity: { cpu: '64' } }))).toEqual({ count: 0, product: undefined, accelerator: undefined, advertised: 0, unallocatable: 0 });
  });

  test('wholeNumber reads plain integers only', () => {
    expect([wholeNumber('8'), wholeNumber(' 16 '), wholeNumber('1k'), wholeNumber('-1'), wholeNumber(undefined)]).toEqual([8, 16, undefined, undefined, undefined]);
  });
});
