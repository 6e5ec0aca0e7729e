/**
 * The AWS Neuron device plugin: advertises the Trainium chips of a node as
 * `aws.amazon.com/neuron` (and their NeuronCores as `aws.amazon.com/neuroncore`), so training
 * pods on trn1/trn2 nodes can request them
 * (https://awsdocs-neuron.readthedocs-hosted.com/en/latest/containers/kubernetes-getting-started.html).
 * Runs only on the Trainium nodes of an EKS cluster ({@link neuronNodes}); the Neuron driver
 * comes from the EKS AL2023 Neuron AMI.
 *
 * Unlike the NVIDIA plugin it talks to the API server: it reads its node and the pods on it
 * and patches pod annotations with the cores it allocated, so it gets a service account and
 * the cluster role the upstream chart gives it (aws-neuron/neuron-helm-charts,
 * templates/device-plugin/device-plugin-rbac.yaml). Its host paths are the upstream chart's,
 * narrowed: the chart mounts all of /run read-write to read one file, this mounts that file
 * read-only (all of /run would expose the containerd socket).
 */
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { PLATFORM_IMAGES, imageReference } from './container-images';
import { neuronNodes } from './node-placement';
import { DEVICE_PLUGIN_PRIVILEGES, DEVICE_PLUGIN_RESOURCES, DEVICE_PLUGIN_SOCKETS, PlatformDaemonSet, type PlatformDaemonSetProps } from './platform-daemon-set';

/** Name of the DaemonSet, its service account and its cluster role. */
export const NEURON_DEVICE_PLUGIN_NAME = 'neuron-device-plugin';

/** What the plugin may do in the API (the upstream chart's rules, unchanged). */
export const NEURON_DEVICE_PLUGIN_RULES = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['update', 'patch', 'get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
  { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get', 'list'] },
] as const;

/** Props of {@link NeuronDevicePlugin}. */
export interface NeuronDevicePluginProps {
  /** Namespace of the DaemonSet and its service account. */
  readonly namespace: string;
  /** What must exist first (the namespace). @default - nothing */
  readonly dependsOn?: PlatformDaemonSetProps['dependsOn'];
}

/** The Neuron device plugin DaemonSet with its service account and RBAC. */
export class NeuronDevicePlugin extends Construct {
  /** The DaemonSet and its pod labels. */
  readonly agent: PlatformDaemonSet;

  constructor(scope: Construct, id: string, props: NeuronDevicePluginProps) {
    super(scope, id);
    const name = NEURON_DEVICE_PLUGIN_NAME;
    const account = new ServiceAccountV1(this, 'service-account', {
      metadata: { name, namespace: props.namespace },
      automountServiceAccountToken: false, // the pod opts in; nothing else uses this account
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    const role = new ClusterRoleV1(this, 'cluster-role', {
      metadata: { name },
      rule: NEURON_DEVICE_PLUGIN_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
    });
    const binding = new ClusterRoleBindingV1(this, 'cluster-role-binding', {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
      subject: [{ kind: 'ServiceAccount', name: account.metadata.name, namespace: props.namespace }],
    });
    this.agent = new PlatformDaemonSet(this, 'agent', {
      namespace: props.namespace,
      name,
      image: imageReference(PLATFORM_IMAGES.neuronDevicePlugin),
      placement: neuronNodes(),
      resources: DEVICE_PLUGIN_RESOURCES,
      privileges: DEVICE_PLUGIN_PRIVILEGES,
      serviceAccountName: name,
      env: [
        { name: 'NODE_NAME', fieldPath: 'spec.nodeName' },
        // As upstream: the plugin tries this path first and falls back to the in-cluster
        // service account, since no kubelet.conf is mounted.
        { name: 'KUBECONFIG', value: '/etc/kubernetes/kubelet.conf' },
      ],
      hostMounts: [
        DEVICE_PLUGIN_SOCKETS,
        {
          name: 'infa-map',
          path: '/run/infa-map.json',
          type: 'File',
          readOnly: true,
          reason: 'the map of Neuron devices to their EFA interfaces that the Neuron driver writes at boot',
        },
        { name: 'aws-neuron', path: '/opt/aws', type: 'Directory', readOnly: true, reason: 'the Neuron tools and configuration the Neuron AMI installs' },
      ],
      dependsOn: [account, binding],
    });
  }
}
