import { DCGM_EXPORTER_HOST_ACCESS, DcgmExporter, dcgmExporterValues } from '../../../constructs/platform/dcgm-exporter';
import { synthConstruct } from '../../support/synth-json';
import { affinityOf, releases } from './platform-json';

const json = synthConstruct((scope) => new DcgmExporter(scope, 'dcgm', { namespace: 'gpu-system', target: 'onprem' }));

describe('DcgmExporter', () => {
  test('NVIDIA\'s chart at the pinned version, without waiting on GPU nodes', () => {
    expect(releases(json)['dcgm-exporter']).toMatchObject({ repository: 'https://nvidia.github.io/dcgm-exporter/helm-charts', chart: 'dcgm-exporter', version: '4.8.2', namespace: 'gpu-system', wait: false });
  });

  test('no ServiceMonitor (it needs the Prometheus Operator CRDs); the Service carries the scrape annotations instead', () => {
    const { values } = releases(json)['dcgm-exporter'];
    expect(values.serviceMonitor).toEqual({ enabled: false });
    expect(values.service.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9400', 'prometheus.io/path': '/metrics' });
  });

  test('on the GPU nodes, tolerating their taint (upstream tolerates only the control plane)', () => {
    expect(affinityOf(dcgmExporterValues('onprem'))).toEqual(['nvidia.com/gpu.present In [true]']);
    expect(dcgmExporterValues('edge').tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('the recorded host access: root and SYS_ADMIN for profiling metrics, the pod-resources socket', () => {
    expect(Object.keys(DCGM_EXPORTER_HOST_ACCESS.capabilities ?? {})).toEqual(['SYS_ADMIN']);
    expect(Object.keys(DCGM_EXPORTER_HOST_ACCESS.hostPaths ?? {})).toEqual(['/var/lib/kubelet/pod-resources']);
  });
});
