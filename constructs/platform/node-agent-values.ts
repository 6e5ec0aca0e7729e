/**
 * What every node-agent chart of the platform (device plugins, DCGM exporter) gets in its Helm
 * values, in Kubernetes spelling: tracklayer's node placement as a required node affinity and
 * tolerations (./node-placement), requests and limits where the chart leaves them empty, and
 * the release settings node agents need.
 *
 * Why node-agent releases do not wait (`wait: false`, so not atomic either): a DaemonSet's
 * pods run on nodes tracklayer does not start with the release. A GPU group may be at zero
 * (nothing to wait for), scaling up while the release installs, or losing a spot node in the
 * middle; and an upgrade rolls one node at a time (maxUnavailable 1), so a fleet of 100 GPU
 * nodes needs far longer than any fixed timeout. Helm waits for every updated pod to be
 * scheduled and ready (helm pkg/kube/ready.go, daemonSetReady); an atomic release would then
 * roll back a healthy, slow rollout and uninstall the plugin on the first install. Helm still
 * renders and applies the manifests during `terraform apply`, so a bad value fails the apply;
 * the DaemonSet's own status (and the pods' readiness) shows the rollout afterwards.
 */
import type { NodePlacement } from './node-placement';

/** Requests and limits, in Kubernetes quantities. */
export interface ResourceValues {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** A required node affinity, as `affinity` in a chart's values. */
export interface AffinityValues {
  readonly nodeAffinity: {
    readonly requiredDuringSchedulingIgnoredDuringExecution: {
      readonly nodeSelectorTerms: readonly { readonly matchExpressions: readonly { key: string; operator: 'In'; values: string[] }[] }[];
    };
  };
}

/** A toleration, as an entry of `tolerations` in a chart's values. */
export interface TolerationValues {
  readonly key: string;
  readonly operator: 'Exists';
  readonly effect: string;
}

/**
 * Requests and limits of a device plugin: it lists devices and answers the kubelet's allocate
 * calls, a few millicores; the limit leaves room for a burst at node start. The NVIDIA, EFA and
 * Neuron charts set no limits (EFA requests 10m / 20Mi), and K8S_RESOURCES asks every
 * container for a memory limit.
 */
export const DEVICE_PLUGIN_RESOURCES: ResourceValues = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '200m', memory: '256Mi' },
};

/** Priority of node agents: the built-in class for pods a node cannot work without (what every chart here defaults to). */
export const NODE_AGENT_PRIORITY_CLASS = 'system-node-critical';

/** Release settings of every node-agent chart: see the file comment for why it does not wait. */
export const NODE_AGENT_RELEASE = Object.freeze({ wait: false });

/** The placement's requirements as one required node-affinity term (all requirements must hold). */
export function affinityValues(placement: NodePlacement): AffinityValues {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: placement.requirements.map((r) => ({ key: r.key, operator: 'In', values: [...r.values] })) }],
      },
    },
  };
}

/** The placement's tolerations (operator Exists: any value of the taint). */
export function tolerationValues(placement: NodePlacement): TolerationValues[] {
  return placement.tolerations.map((t) => ({ key: t.key, operator: 'Exists', effect: t.effect }));
}
