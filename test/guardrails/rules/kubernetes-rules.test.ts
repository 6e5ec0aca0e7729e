import { imageReference, k8sGpuLimits, k8sImagePinned, k8sNoHostNamespaces, k8sNoPrivEsc, k8sNoPrivileged, k8sResources } from '../../../guardrails/rules/kubernetes-rules';
import { stack } from '../fixtures/builders';
import { container, daemonSet } from '../fixtures/platform-fixtures';

const privileged = container({ security_context: { privileged: true } });

describe('K8S_NO_PRIVILEGED', () => {
  test('GIVEN a privileged container THEN the finding names the container and the annotation', () => {
    expect(k8sNoPrivileged.check(stack(daemonSet('plugin', { containers: [privileged] })))).toEqual([
      {
        address: 'kubernetes_daemon_set_v1.plugin',
        path: 'demo-app/plugin',
        message: 'container nvidia-device-plugin: runs privileged; drop privileged or document why on the workload with the annotation guardrails.tracklayer.dev/K8S_NO_PRIVILEGED',
      },
    ]);
  });

  test('GIVEN the exception annotation with a reason under 10 characters THEN it does not count', () => {
    const findings = k8sNoPrivileged.check(stack(daemonSet('plugin', { containers: [privileged], annotations: { 'guardrails.tracklayer.dev/K8S_NO_PRIVILEGED': 'needed' } })));
    expect(findings[0].message).toMatch(/needs a reason of at least 10 characters\)$/);
  });

  test('GIVEN the annotation on the workload metadata of an old-style kubernetes_daemonset THEN it counts', () => {
    const resources = daemonSet('plugin', { containers: [privileged], type: 'kubernetes_daemonset' });
    (resources.kubernetes_daemonset.plugin.metadata as Record<string, unknown>).annotations = { 'guardrails.tracklayer.dev/K8S_NO_PRIVILEGED': 'the driver needs every device node' };
    expect(k8sNoPrivileged.check(stack(resources))).toEqual([]);
  });

  test('a privileged container is not also reported by K8S_NO_PRIV_ESC (Kubernetes forbids false with privileged)', () => {
    expect(k8sNoPrivEsc.check(stack(daemonSet('plugin', { containers: [privileged] })))).toEqual([]);
  });
});

describe('K8S_NO_HOST_NAMESPACES', () => {
  test('GIVEN host PID and IPC THEN both are named; documented, they pass', () => {
    const shared = { host_pid: true, host_ipc: 'true' };
    expect(k8sNoHostNamespaces.check(stack(daemonSet('exporter', { podSpec: shared })))[0].message).toMatch(/^pod sets host_pid, host_ipc;/);
    const documented = daemonSet('exporter', { podSpec: shared, annotations: { 'guardrails.tracklayer.dev/K8S_NO_HOST_NAMESPACES': 'reads every process of the node for GPU accounting' } });
    expect(k8sNoHostNamespaces.check(stack(documented))).toEqual([]);
  });
});

describe('K8S_IMAGE_PINNED', () => {
  test('imageReference reads registry ports, tags and digests', () => {
    expect(imageReference('registry.local:5000/team/app')).toEqual({ tag: undefined, digest: undefined });
    expect(imageReference('registry.local:5000/team/app:1.2')).toEqual({ tag: '1.2', digest: undefined });
    expect(imageReference('app:1.2@sha256:abc')).toEqual({ tag: '1.2', digest: 'sha256:abc' });
  });

  test('GIVEN an untagged init container and an expression image THEN only the untagged one is reported', () => {
    const resources = daemonSet('plugin', { podSpec: { init_container: [container({ name: 'init', image: 'busybox' })] }, containers: [container({ image: '${var.image}' })] });
    expect(k8sImagePinned.check(stack(resources)).map((f) => f.message)).toEqual(['container init: image busybox has no tag, so it means latest; pin a version tag or a digest']);
  });

  test('GIVEN a CronJob THEN its job template containers are read', () => {
    const cron = {
      kubernetes_cron_job_v1: {
        nightly: { metadata: { name: 'nightly' }, spec: { schedule: '0 2 * * *', job_template: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [container({ image: 'app:latest' })] } } } } } },
      },
    };
    expect(k8sImagePinned.check(stack(cron)).map((f) => f.address)).toEqual(['kubernetes_cron_job_v1.nightly']);
  });
});

describe('K8S_RESOURCES', () => {
  test('GIVEN no resources THEN cpu and memory requests and the memory limit are named; a CPU limit is not required', () => {
    expect(k8sResources.check(stack(daemonSet('plugin', { containers: [container({ resources: undefined })] })))[0].message).toBe(
      'container nvidia-device-plugin: sets no requests.cpu, requests.memory, limits.memory; every container requests cpu and memory and limits memory',
    );
    const noCpuLimit = container({ resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } } });
    expect(k8sResources.check(stack(daemonSet('plugin', { containers: [noCpuLimit] })))).toEqual([]);
  });
});

describe('K8S_GPU_LIMITS', () => {
  test('GIVEN a GPU request without a limit THEN it is reported; a limit alone is fine (requests default to it)', () => {
    const requestOnly = container({ resources: { requests: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 }, limits: { memory: '1Gi' } } });
    expect(k8sGpuLimits.check(stack(daemonSet('job', { containers: [requestOnly] })))[0].message).toBe(
      'container nvidia-device-plugin: requests 1 nvidia.com/gpu but limits none; set limits.nvidia.com/gpu equal to the request',
    );
    const limitOnly = container({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi', 'aws.amazon.com/neuron': 2 } } });
    expect(k8sGpuLimits.check(stack(daemonSet('job', { containers: [limitOnly] })))).toEqual([]);
  });

  test('GIVEN requests and limits as the same number and string THEN they are equal', () => {
    const mixed = container({ resources: { requests: { cpu: '1', memory: '1Gi', 'vpc.amazonaws.com/efa': 4 }, limits: { memory: '1Gi', 'vpc.amazonaws.com/efa': '4' } } });
    expect(k8sGpuLimits.check(stack(daemonSet('job', { containers: [mixed] })))).toEqual([]);
  });
});
