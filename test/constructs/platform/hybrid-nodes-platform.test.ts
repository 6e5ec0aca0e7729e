import { CLOUDWATCH_DCGM_EXPORTER_NODE_LABEL } from '../../../constructs/compute/cluster-addons';
import { hybridNodeLabels } from '../../../constructs/connectivity/hybrid-node-labels';
import { HybridNodesPlatform, withHybridNodes } from '../../../constructs/platform/hybrid-nodes-platform';
import { hybridNvidiaNodes, nvidiaNodes, rdmaNodes } from '../../../constructs/platform/node-placement';
import { PlatformError } from '../../../constructs/platform/platform-error';
import type { OnPremNeed } from '../../../needs/schema';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { releases } from './platform-json';

const ON_PREM: OnPremNeed = { mode: 'hybrid-nodes', gpuNodes: 8, gpusPerNode: 8, accelerator: 'h100', interconnect: 'roce', networkCidr: '10.70.0.0/16', podCidr: '10.71.0.0/16', vpnPeerIp: '198.51.100.20' };
const synth = (onPrem: OnPremNeed, platformRunsDcgmExporter?: boolean) =>
  synthConstruct((scope) => new HybridNodesPlatform(scope, 'hybrid', { onPrem, systemNamespace: 'gpu-system', systemDependencies: [], platformRunsDcgmExporter }));
const matches = (placement: { requirements: readonly { key: string; values: readonly string[] }[] }, labels: Readonly<Record<string, string>>) =>
  placement.requirements.every((r) => r.values.includes(labels[r.key]));

describe('HybridNodesPlatform', () => {
  test('GIVEN a RoCE fabric THEN Cilium, the servers\' DCGM exporter and the RDMA shared device plugin', () => {
    const json = synth(ON_PREM);
    expect(Object.keys(releases(json)).sort()).toEqual(['cilium', 'dcgm-exporter']);
    expect(resourcesOf(json, 'kubernetes_daemon_set_v1').map((d) => (d.metadata as { name: string }).name)).toEqual(['rdma-shared-device-plugin']);
  });

  test('GIVEN ethernet THEN Cilium only', () => {
    expect(resourcesOf(synth({ ...ON_PREM, interconnect: 'ethernet' }), 'kubernetes_daemon_set_v1')).toEqual([]);
  });

  test('GIVEN the labels nodeadm registers THEN the EKS NVIDIA device plugin and the RDMA plugin select the hybrid servers', () => {
    const labels = { 'eks.amazonaws.com/compute-type': 'hybrid', ...hybridNodeLabels('h100', 'acme-ml') };
    expect(matches(nvidiaNodes('eks'), labels)).toBe(true);
    expect(matches(rdmaNodes(), labels)).toBe(true);
    expect(nvidiaNodes('eks').tolerations).toContainEqual({ key: 'nvidia.com/gpu', effect: 'NoSchedule' });
  });

  test("the servers' DCGM exporter selects the hybrid GPU servers and never a cloud GPU node, which the CloudWatch add-on's exporter serves", () => {
    const exporter = releases(synth(ON_PREM))['dcgm-exporter'];
    const values = exporter.values as { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: { key: string; values: string[] }[] }[] } } }; tolerations: unknown[] };
    const [term] = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    const selects = (labels: Readonly<Record<string, string>>) => term.matchExpressions.every((e) => e.values.includes(labels[e.key]));
    const server = { 'eks.amazonaws.com/compute-type': 'hybrid', ...hybridNodeLabels('h100', 'acme-ml') };
    const cloudGpuNode = { 'tracklayer.dev/accelerator': 'h100', 'nvidia.com/gpu.present': 'true', [CLOUDWATCH_DCGM_EXPORTER_NODE_LABEL]: 'p5.48xlarge' };
    expect(selects(server)).toBe(true);
    expect(selects(cloudGpuNode)).toBe(false);
    expect(matches(hybridNvidiaNodes(), server)).toBe(true);
    // The add-on's exporter selects by EC2 instance type, which a hybrid server does not have.
    expect(server).not.toHaveProperty([CLOUDWATCH_DCGM_EXPORTER_NODE_LABEL]);
    expect(values.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
  });

  test('GIVEN the platform already runs the DCGM chart on every NVIDIA node THEN no second exporter on the servers', () => {
    expect(Object.keys(releases(synth(ON_PREM, true)))).toEqual(['cilium']);
  });

  test('GIVEN no podCidr THEN a PlatformError names the prop', () => {
    expect(() => synth({ ...ON_PREM, podCidr: undefined })).toThrow(/onPrem\.podCidr is not set; Cilium assigns hybrid-node pod addresses from it/);
  });
});

describe('withHybridNodes', () => {
  test('GIVEN cloud H100 training THEN the training quota is the cloud group plus the on-prem GPUs, and the NVIDIA plugin is on', () => {
    const profile = withHybridNodes({ target: 'eks', nvidia: true, quotas: { training: { chips: 96, deviceResource: 'nvidia.com/gpu' } } }, ON_PREM, 32);
    expect(profile).toMatchObject({ nvidia: true, quotas: { training: { chips: 96, deviceResource: 'nvidia.com/gpu' } } });
  });

  test('GIVEN no cloud GPU group THEN the NVIDIA plugin still runs (for the servers) and the quota is the on-prem GPUs', () => {
    expect(withHybridNodes({ target: 'eks', nvidia: false, quotas: {} }, ON_PREM, 0)).toMatchObject({ nvidia: true, quotas: { training: { chips: 64, deviceResource: 'nvidia.com/gpu' } } });
  });

  test('GIVEN cloud Trainium THEN the quota stays the cloud\'s (one device resource per quota)', () => {
    const trainium = { chips: 32, deviceResource: 'aws.amazon.com/neuron' as const };
    expect(withHybridNodes({ target: 'eks', neuron: true, quotas: { training: trainium } }, ON_PREM, 32).quotas?.training).toEqual(trainium);
  });

  test('GIVEN an on-prem Trainium THEN a PlatformError', () => {
    expect(() => withHybridNodes({ target: 'eks' }, { ...ON_PREM, accelerator: 'trainium' }, 0)).toThrow(PlatformError);
  });
});
