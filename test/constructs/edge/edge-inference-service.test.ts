import { EdgeInferenceService, type EdgeInferenceServiceProps } from '../../../constructs/edge/edge-inference-service';
import { TRITON_RELEASE } from '../../../constructs/edge/inference-server';
import type { EdgeHardware } from '../../../catalog/edge-hardware';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props = (hardware: EdgeHardware): EdgeInferenceServiceProps => ({
  site: 'plant-berlin',
  hardware,
  replicas: 3,
  namespace: 'inference',
  modelRepository: 's3://models/sites/plant-berlin/',
  region: 'eu-central-1',
  latencyBudgetMs: 12,
  credentials: { trustAnchorArn: 'arn:ta', profileArn: 'arn:profile', roleArn: 'arn:role' },
});
type Pod = { node_selector: Record<string, string>; runtime_class_name?: string; container: Record<string, any>[]; security_context: Record<string, unknown> };
const server = (pod: Pod) => pod.container.find((c) => c.name === 'server')!;
const helperOf = (pod: Pod) => pod.container.find((c) => c.name === 'credential-helper')!;
const podOf = (hardware: EdgeHardware, replicas = 3) => {
  const json = synthConstruct((scope) => new EdgeInferenceService(scope, 'inference', { ...props(hardware), replicas }));
  const deployment = resourcesOf(json, 'kubernetes_deployment_v1')[0];
  return { json, deployment: deployment as any, pod: (deployment as any).spec.template.spec as Pod };
};

describe('EdgeInferenceService', () => {
  test('jetson-orin: arm64 nodes, the nvidia runtime class, the iGPU build', () => {
    const { pod } = podOf('jetson-orin');
    expect(pod.node_selector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pod.runtime_class_name).toBe('nvidia');
    expect(server(pod).image).toBe(`nvcr.io/nvidia/tritonserver:${TRITON_RELEASE}-py3-igpu`);
    expect(server(pod).resources.limits['nvidia.com/gpu']).toBeUndefined();
  });

  test('x86-l4: one nvidia.com/gpu per replica, requests equal to limits', () => {
    const { pod } = podOf('x86-l4');
    expect(pod.node_selector).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(pod.runtime_class_name).toBeUndefined();
    expect(server(pod).resources.limits['nvidia.com/gpu']).toBe('1');
    expect(server(pod).resources.requests['nvidia.com/gpu']).toBe('1');
  });

  test('x86-cpu: no GPU at all', () => {
    const { pod } = podOf('x86-cpu');
    expect(JSON.stringify(server(pod).resources)).not.toContain('nvidia.com/gpu');
    expect(pod.runtime_class_name).toBeUndefined();
    expect(pod.node_selector).toEqual({ 'kubernetes.io/arch': 'amd64' });
  });

  test('replicas = nodes, probes, requests and limits, non-root without privilege escalation', () => {
    const { deployment, pod } = podOf('x86-l4');
    expect(deployment.spec.replicas).toBe('3');
    const container = server(pod);
    expect(container.readiness_probe.http_get).toEqual({ path: '/v2/health/ready', port: '8000' });
    expect(container.liveness_probe.http_get).toEqual({ path: '/v2/health/live', port: '8000' });
    expect(container.resources.requests).toMatchObject({ cpu: '1', memory: '4Gi' });
    expect(container.resources.limits).toMatchObject({ cpu: '4', memory: '8Gi' });
    expect(container.security_context).toEqual({ allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.security_context).toMatchObject({ run_as_non_root: true });
    expect(container.image).not.toMatch(/:latest$/);
  });

  test('a ConfigMap with the model location and latency budget; a PDB; a Service with scrape annotations', () => {
    const { json } = podOf('x86-l4');
    expect(resourcesOf(json, 'kubernetes_config_map_v1')[0].data).toEqual({
      MODEL_REPOSITORY: 's3://models/sites/plant-berlin/',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9911',
      LATENCY_BUDGET_MS: '12',
    });
    // A budget that allows one disruption: drains proceed (one allowing none would block every drain).
    const budget = resourcesOf(json, 'kubernetes_pod_disruption_budget_v1')[0].spec as Record<string, unknown>;
    expect(budget.max_unavailable).toBe('1');
    expect(budget.min_available).toBeUndefined();
    const service = resourcesOf(json, 'kubernetes_service_v1')[0] as any;
    expect(service.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8002' });
  });

  test('GIVEN 2 replicas on a 2-node single-GPU site THEN it updates one pod at a time without a surge pod (the 25%/25% default would wait for a third GPU)', () => {
    const { deployment } = podOf('x86-l4', 2);
    expect(deployment.spec.replicas).toBe('2');
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_surge: '0', max_unavailable: '1' } });
    // Terraform does not hold the apply open for pods that wait on the site's Secret; tracklayer rollout validates instead.
    expect(deployment.wait_for_rollout).toBe(false);
  });

  test('GPU sites (Jetson and L4) keep one pod per node with required anti-affinity on the hostname; CPU sites spread softly and may surge', () => {
    for (const hardware of ['jetson-orin', 'x86-l4'] as const) {
      const { pod, deployment } = podOf(hardware);
      expect((pod as any).affinity.pod_anti_affinity.required_during_scheduling_ignored_during_execution).toEqual([
        { label_selector: [{ match_labels: { 'app.kubernetes.io/name': 'edge-inference', 'tracklayer.dev/site': 'plant-berlin' } }], topology_key: 'kubernetes.io/hostname' },
      ]);
      expect(deployment.spec.strategy.rolling_update).toEqual({ max_surge: '0', max_unavailable: '1' });
    }
    const cpu = podOf('x86-cpu');
    expect((cpu.pod as any).affinity).toBeUndefined();
    expect((cpu.pod as any).topology_spread_constraint).toEqual([expect.objectContaining({ max_skew: 1, topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'ScheduleAnyway' })]);
    expect(cpu.deployment.spec.strategy.rolling_update).toEqual({ max_surge: '1', max_unavailable: '0' });
  });

  test('the credential helper runs beside the server; only it mounts the certificate Secret', () => {
    const { pod, deployment } = podOf('jetson-orin');
    // The helper starts first, so it serves before Triton reads the model repository; kubectl defaults to the server.
    expect(pod.container.map((c) => c.name)).toEqual(['credential-helper', 'server']);
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'server' });
    const helper = helperOf(pod);
    expect(server(pod).volume_mount).toBeUndefined();
    expect(helper.volume_mount).toEqual([{ name: 'device-certificate', mount_path: '/var/run/secrets/edge-device', read_only: true }]);
    expect(helper.args.slice(0, 1)).toEqual(['serve']);
    expect((pod as any).volume).toEqual([{ name: 'device-certificate', secret: { secret_name: 'edge-device-certificate', default_mode: '0440' } }]);
    expect(pod.security_context).toMatchObject({ fs_group: '65532' });
  });

  test('throws for zero replicas', () => {
    expect(() => synthConstruct((scope) => new EdgeInferenceService(scope, 'x', { ...props('x86-cpu'), replicas: 0 }))).toThrow('replicas must be a whole number of at least 1 (one per node), got 0');
  });
});
