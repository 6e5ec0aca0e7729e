import { edgePlatformProfile, eksPlatformProfile, onPremPlatformProfile } from '../../../constructs/platform/platform-profile';
import { plannedGpuGroups } from '../../../stacks/gpu-capacity-plan';
import { needsWith } from '../../support/needs-fixtures';

const eks = (workload: Record<string, unknown>, cloud: Record<string, unknown> = {}) => {
  const needs = needsWith({ workload, ...(Object.keys(cloud).length ? { cloud: { region: 'us-east-1', ...cloud } } : {}) });
  return eksPlatformProfile(needs, plannedGpuGroups(needs));
};
const onPrem = (patch: Record<string, unknown>) =>
  needsWith({ onPrem: { kubeContext: 'dc1', gpuNodes: 16, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10', ...patch } }).onPrem!;

describe('eksPlatformProfile', () => {
  test('GIVEN h100 x64 (multi-node) THEN nvidia and efa, training quota 64 GPUs, no inference quota, the needs region', () => {
    expect(eks({ training: { accelerator: 'h100', gpus: 64 } })).toEqual({
      target: 'eks',
      nvidia: true,
      dcgmExporter: false,
      neuron: false,
      efa: true,
      quotas: { training: { chips: 64, deviceResource: 'nvidia.com/gpu' }, inference: undefined },
      nodeShapes: { training: { vcpus: 192, memoryGiB: 2048 }, inference: undefined },
      region: 'us-east-1',
      teams: ['training'],
    });
  });

  test('GIVEN NVIDIA GPUs on EKS THEN no DCGM exporter of the platform: the CloudWatch add-on runs the one a node may have', () => {
    expect(eks({ training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } }).dcgmExporter).toBe(false);
  });

  test('GIVEN training and inference groups THEN each namespace gets its own node shape (container defaults follow the node)', () => {
    expect(eks({ training: { accelerator: 'h100', gpus: 64 }, inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } }).nodeShapes).toEqual({
      training: { vcpus: 192, memoryGiB: 2048 },
      inference: { vcpus: 4, memoryGiB: 16 },
    });
  });

  test('GIVEN teams THEN a namespace each, and every team namespace may hold all training chips (Kueue nominal + borrowing limit)', () => {
    const profile = eks({ training: { accelerator: 'h100', gpus: 60 }, teams: [{ name: 'vision', gpus: 40 }, { name: 'nlp', gpus: 20 }] });
    expect(profile.teams).toEqual(['vision', 'nlp']);
    // 60 GPUs need 8 p5.48xlarge nodes: 64 chips can be admitted to one team borrowing everything idle.
    expect(profile.quotas?.training).toEqual({ chips: 64, deviceResource: 'nvidia.com/gpu' });
  });

  test('GIVEN a10g x1 (single node) THEN no efa', () => {
    expect(eks({ training: { accelerator: 'a10g', gpus: 1 } })).toMatchObject({ nvidia: true, efa: false, quotas: { training: { chips: 1 } } });
  });

  test('GIVEN trainium x32 THEN neuron (and EFA), no nvidia, the quota on aws.amazon.com/neuron', () => {
    expect(eks({ training: { accelerator: 'trainium', gpus: 32 } })).toMatchObject({
      nvidia: false,
      neuron: true,
      efa: true,
      quotas: { training: { chips: 32, deviceResource: 'aws.amazon.com/neuron' } },
    });
  });

  test('GIVEN inference THEN replicas x chips of the inference instance (l4 -> g6.xlarge, 1 chip)', () => {
    expect(eks({ inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } }).quotas?.inference).toEqual({ chips: 3, deviceResource: 'nvidia.com/gpu' });
  });

  test('GIVEN inference with 0 cloud replicas THEN no inference node group, so no GPUs and no quota', () => {
    expect(eks({ inference: { accelerator: 'l4', latencyMs: 50, replicas: 0 } })).toMatchObject({ nvidia: false, quotas: { inference: undefined } });
  });

  test('GIVEN no workload THEN no accelerators at all', () => {
    expect(eks({})).toMatchObject({ nvidia: false, neuron: false, efa: false, quotas: { training: undefined, inference: undefined } });
  });

  test('GIVEN another region THEN that region (the EFA image registry follows it)', () => {
    expect(eks({}, { region: 'eu-south-1' }).region).toBe('eu-south-1');
  });
});

describe('onPremPlatformProfile', () => {
  test('GIVEN 16 nodes x 8 GPUs on InfiniBand THEN nvidia, rdma, 128 GPUs for each namespace', () => {
    const chips = { chips: 128, deviceResource: 'nvidia.com/gpu' };
    expect(onPremPlatformProfile(onPrem({ interconnect: 'infiniband' }))).toEqual({ target: 'onprem', nvidia: true, rdma: true, quotas: { training: chips, inference: chips } });
  });

  test('GIVEN RoCE THEN rdma; GIVEN Ethernet (the default) THEN none', () => {
    expect(onPremPlatformProfile(onPrem({ interconnect: 'roce' })).rdma).toBe(true);
    expect(onPremPlatformProfile(onPrem({})).rdma).toBe(false);
  });

  test('GIVEN gpusPerNode 4 THEN gpuNodes x gpusPerNode', () => {
    expect(onPremPlatformProfile(onPrem({ gpusPerNode: 4 })).quotas?.training?.chips).toBe(64);
  });

  test('throws for an on-prem Trainium, saying what to choose (needs validation rejects it first)', () => {
    const trainium = { ...onPrem({}), accelerator: 'trainium' as const };
    expect(() => onPremPlatformProfile(trainium)).toThrow(
      'onPremPlatformProfile: onPrem.accelerator is trainium, which exists only in AWS; an on-prem cluster needs an NVIDIA accelerator',
    );
  });
});

describe('edgePlatformProfile', () => {
  test('GIVEN jetson-orin x3 THEN nvidia and jetson, 3 GPUs for inference, none for training', () => {
    expect(edgePlatformProfile({ hardware: 'jetson-orin', nodes: 3 })).toEqual({
      target: 'edge',
      nvidia: true,
      jetson: true,
      quotas: { inference: { chips: 3, deviceResource: 'nvidia.com/gpu' } },
    });
  });

  test('GIVEN x86-l4 x2 THEN nvidia, not jetson', () => {
    expect(edgePlatformProfile({ hardware: 'x86-l4', nodes: 2 })).toMatchObject({ nvidia: true, jetson: false, quotas: { inference: { chips: 2 } } });
  });

  test('GIVEN x86-cpu THEN nothing but the target', () => {
    expect(edgePlatformProfile({ hardware: 'x86-cpu', nodes: 5 })).toEqual({ target: 'edge' });
  });

  test('GIVEN a site from a needs file THEN the same profile', () => {
    const site = needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: [{ name: 'plant-berlin', hardware: 'jetson-orin', nodes: 2 }] } } }).workload.inference!.sites![0];
    expect(edgePlatformProfile(site).quotas?.inference?.chips).toBe(2);
  });
});
