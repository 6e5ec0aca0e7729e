import { parse } from 'yaml';
import { MAX_NODE_PROVISION_MINUTES } from '../../../constructs/autoscaling/cluster-autoscaler';
import { chartPinProblem } from '../../../constructs/helm/upstream-chart';
import { IMAGE_PULL_MINUTES, KUEUE_CHART, KUEUE_IMAGE, Kueue, REQUEUE_LIMIT, TEAM_NAMESPACE_LABEL, WAIT_FOR_PODS_READY_MINUTES, kueueConfiguration } from '../../../constructs/queueing/kueue';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('Kueue', () => {
  const [release] = resourcesOf(synthConstruct((scope) => new Kueue(scope, 'kueue', { nodeSelector: { 'tracklayer.dev/workload': 'system' } })), 'helm_release');
  const values = parse((release.values as string[])[0]) as Record<string, any>;

  test('GIVEN the platform THEN the pinned OCI chart in kueue-system, which brings its CRDs', () => {
    expect(chartPinProblem(KUEUE_CHART)).toBeUndefined();
    expect(release).toMatchObject({ name: 'kueue', namespace: 'kueue-system', create_namespace: true, repository: 'oci://registry.k8s.io/kueue/charts', chart: 'kueue', version: '0.19.2' });
  });

  test('the controller image is the release image of the chart version, never the staging one, and runs on the system nodes with two replicas', () => {
    expect(values.controllerManager.manager.image).toEqual({ ...KUEUE_IMAGE });
    expect(KUEUE_IMAGE.tag).toBe(`v${KUEUE_CHART.version}`);
    expect(values.controllerManager).toMatchObject({ replicas: 2, nodeSelector: { 'tracklayer.dev/workload': 'system' }, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
  });

  test('the configuration the chart mounts is the one kueueConfiguration gives', () => {
    expect(parse(values.managerConfig.controllerManagerConfigYaml)).toEqual(kueueConfiguration());
  });
});

describe('kueueConfiguration', () => {
  const config = kueueConfiguration() as Record<string, any>;

  test('every job in a team namespace goes through Kueue, queue label or not; other namespaces are untouched', () => {
    expect(config.manageJobsWithoutQueueName).toBe(true);
    expect(config.managedJobsNamespaceSelector).toEqual({ matchExpressions: [{ key: TEAM_NAMESPACE_LABEL, operator: 'Exists' }] });
    expect(config.integrations.frameworks).toEqual(expect.arrayContaining(['batch/job', 'jobset.x-k8s.io/jobset', 'pod', 'trainer.kubeflow.org/trainjob']));
  });

  test('waitForPodsReady waits longer than a GPU node takes to come up from zero (autoscaler provisioning limit + image pull)', () => {
    expect(WAIT_FOR_PODS_READY_MINUTES).toBe(MAX_NODE_PROVISION_MINUTES + IMAGE_PULL_MINUTES);
    expect(config.waitForPodsReady).toEqual({
      timeout: '30m',
      recoveryTimeout: '30m',
      blockAdmission: false,
      requeuingStrategy: { timestamp: 'Eviction', backoffLimitCount: REQUEUE_LIMIT, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 },
    });
  });

  test("upstream's defaults are kept (the chart's own configuration)", () => {
    expect(config).toMatchObject({ apiVersion: 'config.kueue.x-k8s.io/v1beta2', kind: 'Configuration', health: { healthProbeBindAddress: ':8081' }, webhook: { port: 9443 }, leaderElection: { leaderElect: true } });
  });
});
