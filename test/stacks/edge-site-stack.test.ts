import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, type TerraformJson } from '../support/synth-json';

const sites = [
  { name: 'plant-berlin', hardware: 'jetson-orin', nodes: 3 },
  { name: 'plant-lyon', hardware: 'x86-l4', nodes: 2, kubeContext: 'lyon-edge' },
  { name: 'depot-porto', hardware: 'x86-cpu', nodes: 1 },
];
const stacks = synthApp(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 12, replicas: 0, sites } } }));
const edge = (site: string): TerraformJson => stacks[`acme-ml-edge-${site}`];
const pod = (json: TerraformJson) => (resourcesOf(json, 'kubernetes_deployment_v1')[0] as any).spec.template.spec;

describe('EdgeSiteStack', () => {
  test('one stack per site, on the site kubeconfig context', () => {
    expect(Object.keys(stacks).filter((s) => s.includes('-edge-')).sort()).toEqual(['acme-ml-edge-depot-porto', 'acme-ml-edge-plant-berlin', 'acme-ml-edge-plant-lyon']);
    expect(edge('plant-lyon').provider?.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'lyon-edge' }]);
    expect(edge('plant-berlin').provider?.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'plant-berlin' }]);
  });

  test('a site never references another site: only the lakehouse state is read', () => {
    for (const site of sites) {
      const remote = Object.values(edge(site.name).data?.terraform_remote_state ?? {}) as { config: { path?: string; key?: string } }[];
      const sources = remote.map((r) => r.config.path ?? r.config.key);
      expect(sources).toEqual([expect.stringContaining('acme-ml-lakehouse')]);
    }
  });

  test('replicas = nodes; hardware-specific scheduling', () => {
    expect((resourcesOf(edge('plant-berlin'), 'kubernetes_deployment_v1')[0] as any).spec.replicas).toBe('3');
    expect(pod(edge('plant-berlin'))).toMatchObject({ runtime_class_name: 'nvidia', node_selector: { 'kubernetes.io/arch': 'arm64' } });
    expect(pod(edge('plant-lyon')).container[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(JSON.stringify(pod(edge('depot-porto')).container[0].resources)).not.toContain('nvidia.com/gpu');
  });

  test('the config map points at the site prefix of the models bucket and carries the latency budget', () => {
    const data = resourcesOf(edge('plant-lyon'), 'kubernetes_config_map_v1').find((c) => (c.data as Record<string, string>)?.MODEL_REPOSITORY)!.data as Record<string, string>;
    expect(data.MODEL_REPOSITORY).toMatch(/^s3:\/\/\$\{data\.terraform_remote_state\..*\}\/sites\/plant-lyon\/$/);
    expect(data.LATENCY_BUDGET_MS).toBe('12');
  });

  test('an IoT thing and policy per site', () => {
    expect(resourcesOf(edge('plant-lyon'), 'aws_iot_thing')).toEqual([expect.objectContaining({ name: 'plant-lyon' })]);
    expect(resourcesOf(edge('plant-lyon'), 'aws_iot_policy')).toEqual([expect.objectContaining({ name: 'acme-ml-edge-plant-lyon' })]);
  });

  test('the jetson site runs no DCGM exporter; the L4 site does', () => {
    expect(JSON.stringify(edge('plant-berlin'))).not.toContain('dcgm-exporter');
    expect(JSON.stringify(edge('plant-lyon'))).toContain('dcgm-exporter');
  });
});
