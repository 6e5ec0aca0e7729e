/**
 * One node agent of the platform (a device plugin or the DCGM exporter): a DaemonSet with one
 * container, built the same way for every component so the hardening in ./container-security
 * cannot be forgotten by one of them.
 *
 * Fixed for every pod: no host network, PID or IPC namespace; no service-account token unless
 * the component names a service account it needs; the runtime's default seccomp profile;
 * required node affinity from the component's {@link NodePlacement} and tolerations of its
 * accelerator taints; priority class `system-node-critical`, because a node whose device plugin
 * is evicted stops advertising its accelerators; rolling update one node at a time.
 */
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  KUBELET_DEVICE_PLUGINS_DIR,
  containerResources,
  containerSecurityContext,
  type ContainerPrivileges,
  type ContainerResources,
} from './container-security';
import type { NodePlacement } from './node-placement';
import { PlatformError } from './platform-error';

/** Priority of node agents: the built-in class for pods a node cannot work without. */
export const NODE_AGENT_PRIORITY_CLASS = 'system-node-critical';

/** A host directory or file the container mounts, with the reason. */
export interface HostMount {
  /** Volume name. */
  readonly name: string;
  /** Path on the node; mounted at the same path in the container. */
  readonly path: string;
  /** Kubelet check before mounting: the path must already exist as this. */
  readonly type: 'Directory' | 'File';
  /** Read-only unless the component must write (create its kubelet socket). */
  readonly readOnly: boolean;
  /** Why the component needs this host path. */
  readonly reason: string;
}

/** A ConfigMap mounted as a directory. */
export interface ConfigMapMount {
  readonly name: string;
  readonly configMapName: string;
  readonly mountPath: string;
}

/** An environment variable: a literal, or a field of the pod (`spec.nodeName`). */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly fieldPath?: string;
}

/** The kubelet's device-plugin directory, where every device plugin creates its socket. */
export const DEVICE_PLUGIN_SOCKETS: HostMount = {
  name: 'device-plugins',
  path: KUBELET_DEVICE_PLUGINS_DIR,
  type: 'Directory',
  readOnly: false,
  reason: 'the plugin creates its gRPC socket here and registers through the kubelet socket in it',
};

/** What every device plugin needs beyond the baseline. */
export const DEVICE_PLUGIN_PRIVILEGES: ContainerPrivileges = {
  root: { value: true, reason: 'creates its socket in the kubelet device-plugins directory, which only root may write' },
};

/**
 * Requests and limits of a device plugin: it lists devices and answers the kubelet's allocate
 * calls, a few millicores; the limit leaves room for a burst at node start.
 */
export const DEVICE_PLUGIN_RESOURCES: ContainerResources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '200m', memory: '256Mi' },
};

/** Props of {@link PlatformDaemonSet}. */
export interface PlatformDaemonSetProps {
  /** Namespace of the DaemonSet. */
  readonly namespace: string;
  /** Name of the DaemonSet, its container, and the `app.kubernetes.io/name` label. */
  readonly name: string;
  /** Image reference with a pinned tag. */
  readonly image: string;
  /** The nodes to run on. */
  readonly placement: NodePlacement;
  /** Requests and limits. */
  readonly resources: ContainerResources;
  /** What the container needs beyond the baseline. @default - nothing: non-root, no capabilities */
  readonly privileges?: ContainerPrivileges;
  /** Host paths to mount. @default - none */
  readonly hostMounts?: readonly HostMount[];
  /** ConfigMaps to mount. @default - none */
  readonly configMapMounts?: readonly ConfigMapMount[];
  /** Environment variables. @default - none */
  readonly env?: readonly EnvVar[];
  /** Container ports by name. @default - none */
  readonly ports?: Readonly<Record<string, number>>;
  /** Service account whose token the pod mounts (it talks to the API). @default - none, no token */
  readonly serviceAccountName?: string;
  /** RuntimeClass of the pod. @default - the node's default runtime */
  readonly runtimeClassName?: string;
  /** Pod annotations. @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** What must exist first (namespace, service account, ConfigMap). @default - nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A hardened single-container DaemonSet. */
export class PlatformDaemonSet extends Construct {
  /** The DaemonSet. */
  readonly daemonSet: DaemonSetV1;
  /** Labels of the pods (the selector). */
  readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: PlatformDaemonSetProps) {
    super(scope, id);
    const where = this.node.path;
    const podLabels = { 'app.kubernetes.io/name': props.name, 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' };
    const hostMounts = props.hostMounts ?? [];
    for (const mount of hostMounts) {
      if (mount.reason.trim().length === 0) throw new PlatformError(where, `host path ${mount.path} is mounted without a reason; say what the component reads or writes there`);
    }
    const configMapMounts = props.configMapMounts ?? [];
    this.podLabels = podLabels;
    this.daemonSet = new DaemonSetV1(this, 'daemon-set', {
      metadata: { name: props.name, namespace: props.namespace, labels: podLabels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': props.name } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '1' } },
        template: {
          metadata: { labels: podLabels, ...(props.podAnnotations ? { annotations: { ...props.podAnnotations } } : {}) },
          spec: {
            hostNetwork: false,
            hostPid: false,
            hostIpc: false,
            automountServiceAccountToken: props.serviceAccountName !== undefined,
            ...(props.serviceAccountName ? { serviceAccountName: props.serviceAccountName } : {}),
            ...(props.runtimeClassName ? { runtimeClassName: props.runtimeClassName } : {}),
            priorityClassName: NODE_AGENT_PRIORITY_CLASS,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerm: [{ matchExpressions: props.placement.requirements.map((r) => ({ key: r.key, operator: 'In', values: [...r.values] })) }],
                },
              },
            },
            toleration: props.placement.tolerations.map((t) => ({ key: t.key, operator: 'Exists', effect: t.effect })),
            container: [
              {
                name: props.name,
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                ...(props.env ? { env: props.env.map(envVar) } : {}),
                ...(props.ports ? { port: Object.entries(props.ports).map(([name, containerPort]) => ({ name, containerPort, protocol: 'TCP' })) } : {}),
                resources: containerResources(where, props.resources),
                securityContext: containerSecurityContext(where, props.privileges),
                volumeMount: [
                  ...hostMounts.map((m) => ({ name: m.name, mountPath: m.path, readOnly: m.readOnly })),
                  ...configMapMounts.map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: true })),
                ],
              },
            ],
            volume: [
              ...hostMounts.map((m) => ({ name: m.name, hostPath: { path: m.path, type: m.type } })),
              ...configMapMounts.map((m) => ({ name: m.name, configMap: { name: m.configMapName } })),
            ],
          },
        },
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}

/** An environment variable in the provider's shape. */
function envVar(env: EnvVar) {
  return env.fieldPath ? { name: env.name, valueFrom: { fieldRef: { fieldPath: env.fieldPath } } } : { name: env.name, value: env.value ?? '' };
}
