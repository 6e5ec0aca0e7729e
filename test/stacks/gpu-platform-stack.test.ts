import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { Needs } from '../../needs/schema';
import { GpuClusterStack } from '../../stacks/gpu-cluster-stack';
import { GpuPlatformStack } from '../../stacks/gpu-platform-stack';
import { LakehouseStack } from '../../stacks/lakehouse-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { selectStrategy } from '../../strategy/select';
import type { StackRole } from '../../strategy/stack-plan';
import { cloudwatchAddonRunsDcgmExporter } from '../../constructs/compute/cluster-addons';
import { releases } from '../constructs/platform/platform-json';
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, type TerraformJson } from '../support/synth-json';

/**
 * The network, lakehouse, gpu-cluster and gpu-platform stacks in one app, the platform on the
 * cluster's outputs, synthesized; returns each stack's JSON by name. Built by hand, not through
 * buildStacks, so the test does not depend on how the stack is registered.
 */
function synthWithCluster(needs: Needs): Record<string, TerraformJson> {
  const app = Testing.app();
  const selection = selectStrategy(needs);
  const context = { needs, strategy: selection.strategy };
  const ref = (role: StackRole) => selection.stacks.find((s) => s.role === role)!;
  const network = new NetworkStack(app, ref('network'), context);
  const lakehouse = new LakehouseStack(app, ref('lakehouse'), context);
  const cluster = new GpuClusterStack(app, ref('gpu-cluster'), context, { network: network.outputs, lakehouse: lakehouse.outputs });
  new GpuPlatformStack(app, ref('gpu-platform'), context, cluster.outputs);
  app.synth();
  const read = (name: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  return { platform: read('acme-ml-gpu-platform'), cluster: read('acme-ml-gpu-cluster') };
}

describe('GpuPlatformStack: provider wiring', () => {
  const { platform, cluster } = synthWithCluster(needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 } } }));
  const [kubernetes] = platform.provider?.kubernetes ?? [];

  test('GIVEN the cluster stack THEN the Kubernetes provider reaches its endpoint with its CA, read from the cluster stack', () => {
    expect(kubernetes.host).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\.outputs\.[^}]+\}$/);
    expect(kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\.[^)]+\)\}$/);
    expect(Object.keys(cluster.output ?? {}).length).toBeGreaterThan(4); // the cross-stack outputs were added
  });

  test('authentication is aws eks get-token through exec; no static token, password, or client key', () => {
    expect(kubernetes.exec).toEqual([
      {
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', expect.stringMatching(/^\$\{data\.terraform_remote_state\./), '--region', 'us-east-1'],
      },
    ]);
    for (const key of ['token', 'password', 'username', 'client_key', 'client_certificate', 'config_path', 'insecure']) expect(kubernetes).not.toHaveProperty(key);
  });

  test('the Helm provider reaches the same endpoint with the same exec credentials (one definition: stacks/cluster-access)', () => {
    const [helm] = platform.provider?.helm ?? [];
    expect(helm.kubernetes).toEqual({ host: kubernetes.host, cluster_ca_certificate: kubernetes.cluster_ca_certificate, exec: (kubernetes.exec as unknown[])[0] });
  });

  test('the stack also has the AWS provider and the project tags like every tracklayer stack', () => {
    expect(platform.provider?.aws?.[0]).toMatchObject({ region: 'us-east-1' });
  });
});

describe('GpuPlatformStack: the platform from the needs', () => {
  test('GIVEN h100 x64 THEN the NVIDIA and EFA plugin charts and a 64-GPU training quota', () => {
    const { platform } = synthWithCluster(needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 } } }));
    expect(Object.keys(releases(platform)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'cluster-autoscaler', 'kueue', 'nvidia-device-plugin']);
    const training = resourcesOf(platform, 'kubernetes_resource_quota_v1').find((q) => (q.metadata as { namespace: string }).namespace === 'training');
    expect(training?.spec).toEqual({ hard: { 'requests.nvidia.com/gpu': '64' } });
    expect(resourcesOf(platform, 'kubernetes_priority_class_v1')).toHaveLength(3);
  });

  test('GIVEN a10g x1 in eu-central-1 THEN no EFA plugin', () => {
    const { platform } = synthWithCluster(needsWith({ cloud: { region: 'eu-central-1' }, workload: { training: { accelerator: 'a10g', gpus: 1 } } }));
    expect(Object.keys(releases(platform)).sort()).toEqual(['cluster-autoscaler', 'kueue', 'nvidia-device-plugin']);
    expect(platform.provider?.kubernetes?.[0].exec).toEqual([expect.objectContaining({ args: expect.arrayContaining(['--region', 'eu-central-1']) })]);
  });

  test('GIVEN trainium x32 THEN the Neuron and EFA plugins, and the training quota on aws.amazon.com/neuron', () => {
    const { platform } = synthWithCluster(needsWith({ workload: { training: { accelerator: 'trainium', gpus: 32 } } }));
    expect(Object.keys(releases(platform)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'cluster-autoscaler', 'kueue', 'neuron-device-plugin']);
    const training = resourcesOf(platform, 'kubernetes_resource_quota_v1').find((q) => (q.metadata as { namespace: string }).namespace === 'training');
    expect(training?.spec).toEqual({ hard: { 'requests.aws.amazon.com/neuron': '32' } });
  });
});

/**
 * DCGM exporters on the GPU nodes of the EKS cluster: the CloudWatch add-on's (unless its
 * configuration turns it off) plus a dcgm-exporter chart in the platform stack. DCGM profiling
 * metrics are a node-wide lock two exporters cannot share, so this must be exactly 1.
 */
function dcgmExportersPerGpuNode(cluster: TerraformJson, platform: TerraformJson): number {
  const addon = resourcesOf(cluster, 'aws_eks_addon').find((a) => a.addon_name === 'amazon-cloudwatch-observability');
  const fromAddon = addon !== undefined && cloudwatchAddonRunsDcgmExporter(addon.configuration_values as string | undefined) ? 1 : 0;
  const fromChart = resourcesOf(platform, 'helm_release').filter((r) => r.chart === 'dcgm-exporter').length;
  return fromAddon + fromChart;
}

describe('GpuPlatformStack: exactly one DCGM exporter per GPU node on EKS', () => {
  test.each([
    ['h100 training', { training: { accelerator: 'h100', gpus: 64 } }],
    ['l4 inference', { inference: { accelerator: 'l4', latencyMs: 50, replicas: 2 } }],
  ])('GIVEN %s THEN the CloudWatch add-on runs the one exporter and the platform installs none', (_name, workload) => {
    const { cluster, platform } = synthWithCluster(needsWith({ workload }));
    expect(dcgmExportersPerGpuNode(cluster, platform)).toBe(1);
    expect(resourcesOf(platform, 'helm_release').map((r) => r.chart)).not.toContain('dcgm-exporter');
  });

  test('the GPU-idle alarm reads Container Insights, which that add-on exporter feeds', () => {
    const { cluster } = synthWithCluster(needsWith({ workload: { training: { accelerator: 'h100', gpus: 64 } } }));
    const alarms = resourcesOf(cluster, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'node_gpu_utilization');
    expect(alarms).toEqual([expect.objectContaining({ namespace: 'ContainerInsights' })]);
    expect(resourcesOf(cluster, 'aws_eks_addon').map((a) => a.addon_name)).toContain('amazon-cloudwatch-observability');
  });

  test('the count sees both: an add-on exporter and a chart would be 2, an add-on with the exporter off and a chart 1', () => {
    const cluster = { resource: { aws_eks_addon: { cw: { addon_name: 'amazon-cloudwatch-observability' } } } } as TerraformJson;
    const withChart = { resource: { helm_release: { dcgm: { chart: 'dcgm-exporter' } } } } as TerraformJson;
    expect(dcgmExportersPerGpuNode(cluster, withChart)).toBe(2);
    const off = { resource: { aws_eks_addon: { cw: { addon_name: 'amazon-cloudwatch-observability', configuration_values: '{"dcgmExporter":{"enabled":false}}' } } } } as TerraformJson;
    expect(dcgmExportersPerGpuNode(off, withChart)).toBe(1);
  });
});

describe('GpuPlatformStack: autoscaler, queueing and teams', () => {
  const { platform } = synthWithCluster(needsWith({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 48 }, teams: [{ name: 'vision', gpus: 32 }, { name: 'nlp', gpus: 16 }] } }));
  const releases = resourcesOf(platform, 'helm_release');

  test('GIVEN training THEN the Cluster Autoscaler and Kueue releases, both on the system nodes', () => {
    const controllers = releases.filter((r) => r.chart === 'cluster-autoscaler' || r.chart === 'kueue');
    expect(controllers.map((r) => r.chart).sort()).toEqual(['cluster-autoscaler', 'kueue']);
    for (const release of controllers) expect((release.values as string[])[0]).toContain('tracklayer.dev/workload: system');
    const autoscaler = releases.find((r) => r.chart === 'cluster-autoscaler')!;
    expect((autoscaler.values as string[])[0]).toMatch(/autoDiscovery:\n {2}clusterName: \$\{data\.terraform_remote_state\./);
  });

  test('every team gets a restricted namespace labelled for Kueue, a service account, and a GPU quota of every training chip', () => {
    const namespaces = resourcesOf(platform, 'kubernetes_namespace_v1').map((n) => n.metadata as { name: string; labels: Record<string, string> });
    for (const team of ['vision', 'nlp']) {
      expect(namespaces.find((n) => n.name === team)?.labels).toMatchObject({ 'tracklayer.dev/team': team, 'pod-security.kubernetes.io/enforce': 'restricted' });
      expect(resourcesOf(platform, 'kubernetes_service_account_v1').some((a) => (a.metadata as { name: string }).name === team)).toBe(true);
      const quota = resourcesOf(platform, 'kubernetes_resource_quota_v1').find((q) => (q.metadata as { namespace: string }).namespace === team);
      expect(quota?.spec).toEqual({ hard: { 'requests.nvidia.com/gpu': '48' } });
    }
    expect(namespaces.map((n) => n.name)).not.toContain('training');
  });

  test('GIVEN no training THEN the autoscaler but no Kueue', () => {
    const { platform: inferenceOnly } = synthWithCluster(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50 } } }));
    expect(resourcesOf(inferenceOnly, 'helm_release').map((r) => r.chart).sort()).toEqual(['cluster-autoscaler', 'nvidia-device-plugin']);
  });
});

describe('GpuPlatformStack: EKS Hybrid Nodes (onPrem.mode hybrid-nodes)', () => {
  const nodes = { mode: 'hybrid-nodes', gpuNodes: 8, gpusPerNode: 8, interconnect: 'infiniband', networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };
  const platformOf = (onPrem: Record<string, unknown>, gpus: number) => synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { training: { accelerator: 'h100', gpus } } }))['acme-ml-gpu-platform'];
  const trainingQuota = (json: TerraformJson) => resourcesOf(json, 'kubernetes_resource_quota_v1').find((q) => (q.metadata as { namespace: string }).namespace === 'training')!.spec;

  test('GIVEN a gap of 32 GPUs THEN Cilium, the NVIDIA plugin, the servers\' DCGM exporter, the RDMA plugin, and a training quota of the cloud group plus the servers', () => {
    const json = platformOf(nodes, 96);
    expect(Object.keys(releases(json)).sort()).toEqual(['aws-efa-k8s-device-plugin', 'cilium', 'cluster-autoscaler', 'dcgm-exporter', 'kueue', 'nvidia-device-plugin']);
    expect(resourcesOf(json, 'kubernetes_daemon_set_v1').map((d) => (d.metadata as { name: string }).name)).toEqual(['rdma-shared-device-plugin']);
    expect(trainingQuota(json)).toEqual({ hard: { 'requests.nvidia.com/gpu': '96' } });
  });

  test('GIVEN the servers cover training THEN no cloud GPU group, yet the NVIDIA plugin runs (for the servers) and the quota is theirs', () => {
    const json = platformOf(nodes, 64);
    expect(Object.keys(releases(json)).sort()).toEqual(['cilium', 'cluster-autoscaler', 'dcgm-exporter', 'kueue', 'nvidia-device-plugin']);
    expect(trainingQuota(json)).toEqual({ hard: { 'requests.nvidia.com/gpu': '64' } });
  });

  test('GIVEN mode cluster THEN no Cilium and no RDMA plugin on EKS (the on-prem cluster has its own platform)', () => {
    const { mode: _mode, podCidr: _pods, ...rest } = nodes;
    const json = platformOf({ ...rest, kubeContext: 'dc1' }, 96);
    expect(Object.keys(releases(json))).not.toContain('cilium');
    expect(resourcesOf(json, 'kubernetes_daemon_set_v1')).toEqual([]);
  });
});
