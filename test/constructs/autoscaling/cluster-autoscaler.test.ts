import { parse } from 'yaml';
import {
  CLUSTER_AUTOSCALER_CHART,
  CLUSTER_AUTOSCALER_FLAGS,
  CLUSTER_AUTOSCALER_IMAGE,
  CLUSTER_AUTOSCALER_NAMESPACE,
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  ClusterAutoscaler,
  MAX_NODE_PROVISION_MINUTES,
  clusterAutoscalerValues,
} from '../../../constructs/autoscaling/cluster-autoscaler';
import { chartPinProblem } from '../../../constructs/helm/upstream-chart';
import { KUBERNETES_VERSION } from '../../../constructs/compute/kubernetes-version';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props = { clusterName: 'acme-ml', region: 'us-east-1', nodeSelector: { 'tracklayer.dev/workload': 'system' } };

describe('ClusterAutoscaler', () => {
  test('GIVEN a cluster THEN one release of the pinned upstream chart in kube-system', () => {
    const [release] = resourcesOf(synthConstruct((scope) => new ClusterAutoscaler(scope, 'ca', props)), 'helm_release');
    expect(chartPinProblem(CLUSTER_AUTOSCALER_CHART)).toBeUndefined();
    expect(release).toMatchObject({ name: 'cluster-autoscaler', namespace: CLUSTER_AUTOSCALER_NAMESPACE, chart: 'cluster-autoscaler', version: '9.59.0', repository: 'https://kubernetes.github.io/autoscaler', atomic: true });
  });

  test('its values discover the cluster by the EKS tags, name the region, and fix the service account the pod identity binds', () => {
    const [release] = resourcesOf(synthConstruct((scope) => new ClusterAutoscaler(scope, 'ca', props)), 'helm_release');
    const values = parse((release.values as string[])[0]) as Record<string, any>;
    expect(values.cloudProvider).toBe('aws');
    expect(values.autoDiscovery).toEqual({ clusterName: 'acme-ml' });
    expect(values.awsRegion).toBe('us-east-1');
    expect(values.rbac.serviceAccount.name).toBe(CLUSTER_AUTOSCALER_SERVICE_ACCOUNT);
    expect(values.nodeSelector).toEqual({ 'tracklayer.dev/workload': 'system' });
  });

  test('the image minor matches the cluster Kubernetes minor and is pinned to a patch', () => {
    expect(CLUSTER_AUTOSCALER_IMAGE.tag).toMatch(new RegExp(`^v${KUBERNETES_VERSION.replace('.', '\\.')}\\.\\d+$`));
  });

  test('it runs non-root, read-only, with no capabilities, requests and a memory limit', () => {
    const values = clusterAutoscalerValues(props) as Record<string, any>;
    expect(values.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(values.containerSecurityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(values.resources).toEqual({ requests: { cpu: '100m', memory: '600Mi' }, limits: { memory: '600Mi' } });
  });

  test('its flags: least-waste, emptyDir does not pin nodes, GPU-sized provisioning time, no balancing across zones', () => {
    expect(CLUSTER_AUTOSCALER_FLAGS).toEqual({
      expander: 'least-waste',
      'skip-nodes-with-local-storage': false,
      'max-node-provision-time': `${MAX_NODE_PROVISION_MINUTES}m`,
      'scale-down-unneeded-time': '10m',
      'balance-similar-node-groups': false,
    });
    expect(MAX_NODE_PROVISION_MINUTES).toBeGreaterThan(15);
  });
});
