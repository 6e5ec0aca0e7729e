import { acceleratorOfGpuProduct, baseGpuProduct } from '../../catalog/gpu-product';

describe('acceleratorOfGpuProduct', () => {
  test.each([
    ['NVIDIA-H100-80GB-HBM3', 'h100'],
    ['NVIDIA H100 80GB HBM3', 'h100'],
    ['NVIDIA-H100-PCIe', 'h100'],
    ['NVIDIA-H100-NVL', 'h100'],
    ['NVIDIA-H200', 'h200'],
    ['NVIDIA-H200-NVL', 'h200'],
    ['NVIDIA-A100-SXM4-80GB', 'a100'],
    ['NVIDIA-A100-SXM4-40GB', 'a100'],
    ['NVIDIA-A100-PCIE-40GB', 'a100'],
    ['A100-SXM4-40GB', 'a100'],
    ['NVIDIA-L40S', 'l40s'],
    ['NVIDIA-L4', 'l4'],
    ['NVIDIA-A10G', 'a10g'],
    ['NVIDIA-A100-SXM4-40GB-MIG-1g.5gb', 'a100'],
    ['NVIDIA-H100-80GB-HBM3-SHARED', 'h100'],
  ])('GIVEN the GFD or NVML name %p THEN the kind is %p', (product, accelerator) => {
    expect(acceleratorOfGpuProduct(product)).toBe(accelerator);
  });

  test.each(['NVIDIA-H20', 'NVIDIA-L40', 'NVIDIA-A10', 'NVIDIA-GH200-480GB', 'Tesla-V100-SXM2-16GB', 'Tesla-T4', 'NVIDIA-B200', ''])(
    'GIVEN %p, a model whose name only looks like a catalog kind or is none THEN no kind',
    (product) => {
      expect(acceleratorOfGpuProduct(product)).toBeUndefined();
    },
  );
});

describe('baseGpuProduct', () => {
  test('drops the MIG profile and the sharing suffix GFD appends', () => {
    expect(baseGpuProduct('NVIDIA-A100-SXM4-40GB-MIG-1g.5gb')).toBe('NVIDIA-A100-SXM4-40GB');
    expect(baseGpuProduct('NVIDIA-A100-SXM4-40GB-MIG-1g.5gb-SHARED')).toBe('NVIDIA-A100-SXM4-40GB');
    expect(baseGpuProduct('NVIDIA-L4-SHARED')).toBe('NVIDIA-L4');
    expect(baseGpuProduct('NVIDIA-L4')).toBe('NVIDIA-L4');
  });
});
