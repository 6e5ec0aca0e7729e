/**
 * How platform containers are locked down, in one place. Every container gets
 * `allowPrivilegeEscalation: false`, every capability dropped, the runtime's default seccomp
 * profile, and requests and limits; pods get no host network, PID or IPC namespace. What a
 * component needs beyond that (a capability, root, a host path) it asks for with the reason,
 * and the reason is written next to the grant in the component's file.
 *
 * Host paths: a device plugin registers with the kubelet through a Unix socket it creates in
 * {@link KUBELET_DEVICE_PLUGINS_DIR}, which is writable by root only; that is why the device
 * plugins run as uid 0 (with no capabilities, root can still write there because it owns the
 * directory). Any other host path is mounted read-only.
 */
import type {
  DaemonSetV1SpecTemplateSpecContainerResources,
  DaemonSetV1SpecTemplateSpecContainerSecurityContext,
} from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { PlatformError } from './platform-error';

/** Where the kubelet looks for device-plugin sockets (Kubernetes device plugin API v1beta1). */
export const KUBELET_DEVICE_PLUGINS_DIR = '/var/lib/kubelet/device-plugins';
/** The kubelet's pod-resources socket directory: which pod holds which device. */
export const KUBELET_POD_RESOURCES_DIR = '/var/lib/kubelet/pod-resources';

/** CPU and memory of a container, as Kubernetes quantities. */
export interface ComputeQuantities {
  readonly cpu: string;
  readonly memory: string;
}

/** Requests and limits of a container; both are always set. */
export interface ContainerResources {
  readonly requests: ComputeQuantities;
  readonly limits: ComputeQuantities;
}

/** A grant beyond the baseline, with the reason it is needed. */
export interface Justified<T> {
  readonly value: T;
  /** Why the component needs it; shown in errors and kept next to the grant. */
  readonly reason: string;
}

/** What a container needs beyond the baseline. */
export interface ContainerPrivileges {
  /** Run as uid 0 instead of a non-root user. @default - non-root (uid {@link NON_ROOT_UID}) */
  readonly root?: Justified<true>;
  /** Linux capabilities to add back after dropping all. @default - none */
  readonly capabilities?: Justified<readonly string[]>;
}

/** The uid non-root containers run as (`nobody`-style, no home, owns nothing on the host). */
export const NON_ROOT_UID = 65534;

/** A Kubernetes CPU or memory quantity such as `100m`, `2`, `128Mi`. */
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti)?$/;

/**
 * The container security context for `privileges`.
 * @throws PlatformError when a grant has no reason.
 */
export function containerSecurityContext(where: string, privileges: ContainerPrivileges = {}): DaemonSetV1SpecTemplateSpecContainerSecurityContext {
  for (const [name, grant] of Object.entries(privileges)) {
    if (grant && (grant as Justified<unknown>).reason.trim().length === 0) {
      throw new PlatformError(where, `${name} is granted without a reason; say which need it meets (e.g. "creates the kubelet socket")`);
    }
  }
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'], ...(privileges.capabilities ? { add: [...privileges.capabilities.value] } : {}) },
    seccompProfile: { type: 'RuntimeDefault' },
    ...(privileges.root ? { runAsNonRoot: false, runAsUser: '0' } : { runAsNonRoot: true, runAsUser: String(NON_ROOT_UID) }),
  };
}

/**
 * Requests and limits in the provider's shape.
 * @throws PlatformError for a value that is not a CPU or memory quantity.
 */
export function containerResources(where: string, resources: ContainerResources): DaemonSetV1SpecTemplateSpecContainerResources {
  for (const [kind, quantities] of Object.entries(resources)) {
    for (const [name, value] of Object.entries(quantities as ComputeQuantities)) {
      if (!QUANTITY.test(value)) {
        throw new PlatformError(where, `resources.${kind}.${name} must be a Kubernetes quantity such as 100m or 128Mi, got "${value}"`);
      }
    }
  }
  return { requests: { ...resources.requests }, limits: { ...resources.limits } };
}
