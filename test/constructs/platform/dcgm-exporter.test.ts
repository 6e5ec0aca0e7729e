import { DcgmExporter } from '../../../constructs/platform/dcgm-exporter';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { containerOf, podSpec, requirementsOf } from './platform-json';

const json = synthConstruct((scope) => new DcgmExporter(scope, 'dcgm', { namespace: 'gpu-system', target: 'onprem' }));
const [service] = resourcesOf(json, 'kubernetes_service_v1');

describe('DcgmExporter', () => {
  test('GIVEN GPU nodes THEN the pinned exporter on them, serving metrics on 9400', () => {
    const container = containerOf(json, 'dcgm-exporter');
    expect(container.image).toBe('nvcr.io/nvidia/k8s/dcgm-exporter:4.6.1-4.8.4-distroless');
    expect(container.port).toEqual([{ name: 'metrics', container_port: 9400, protocol: 'TCP' }]);
    expect(container.env).toContainEqual({ name: 'DCGM_EXPORTER_LISTEN', value: ':9400' });
    expect(requirementsOf(json, 'dcgm-exporter')).toEqual(['nvidia.com/gpu.present In [true]']);
  });

  test('a Service on 9400 with the Prometheus scrape annotations, selecting the exporter pods', () => {
    expect(service.metadata).toMatchObject({ name: 'dcgm-exporter', namespace: 'gpu-system', annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9400' } });
    expect(service.spec).toMatchObject({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'dcgm-exporter' }, port: [{ name: 'metrics', port: 9400, target_port: 'metrics', protocol: 'TCP' }] });
  });

  test('only SYS_ADMIN is added (profiling metrics), and the kubelet pod-resources socket is mounted read-only', () => {
    expect(containerOf(json, 'dcgm-exporter').security_context.capabilities).toEqual({ drop: ['ALL'], add: ['SYS_ADMIN'] });
    expect(containerOf(json, 'dcgm-exporter').volume_mount).toEqual([{ name: 'pod-resources', mount_path: '/var/lib/kubelet/pod-resources', read_only: true }]);
    expect(podSpec(json, 'dcgm-exporter').volume).toEqual([{ name: 'pod-resources', host_path: { path: '/var/lib/kubelet/pod-resources', type: 'Directory' } }]);
  });

  test('it sees every GPU without requesting one', () => {
    expect(containerOf(json, 'dcgm-exporter').env).toContainEqual({ name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' });
    expect(Object.keys(containerOf(json, 'dcgm-exporter').resources.limits)).toEqual(['cpu', 'memory']);
  });
});
