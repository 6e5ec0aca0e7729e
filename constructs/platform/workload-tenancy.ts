/**
 * Who may run what where: a namespace per training team (`training` by default; NEEDS-v1.1
 * `workload.teams`) and `inference`, with their service accounts, accelerator quotas and default
 * container sizes, and `gpu-system` for the node agents. Team namespaces carry
 * `tracklayer.dev/team`, the label Kueue manages every job by (../queueing/kueue.ts); their
 * accelerator quota is every training chip, what Kueue's nominal quota plus borrowing limit of
 * any team adds up to, so the quota never refuses a pod Kueue admitted on borrowed quota.
 *
 * Pod Security admission (https://kubernetes.io/docs/concepts/security/pod-security-standards/):
 * - `training`, `inference`: `restricted` enforced (non-root, no privilege escalation, all
 *   capabilities dropped, RuntimeDefault seccomp, no host namespaces or host paths). A GPU or
 *   EFA pod needs none of those: devices come from the device plugins through the kubelet.
 * - `gpu-system`: `privileged`. Device plugins mount the kubelet's device-plugin directory
 *   (host paths are refused by `baseline` and `restricted`) and run as root to create their
 *   socket there; the DCGM exporter adds CAP_SYS_ADMIN. Only the platform's own DaemonSets
 *   live here; each still drops every capability it does not name (./container-security).
 *
 * Quotas: for every accelerator resource the cluster advertises, each workload namespace gets
 * `requests.<resource>` = its planned chips of that resource, and 0 of any other, so a
 * namespace cannot take the other's accelerators (Kubernetes quotas extended resources by
 * requests only). A namespace without a planned quota gets 0 of every accelerator.
 *
 * LimitRange: containers that state no CPU or memory get {@link DEFAULT_CONTAINER_REQUESTS} and
 * {@link DEFAULT_CONTAINER_LIMITS}, so no pod runs unbounded by accident. A container that
 * requests more than a default limit must set its own limit (Kubernetes rejects request > limit).
 */
import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import type { ComputeQuantities } from './container-security';
import type { DeviceResource } from './node-placement';
import { PlatformError } from './platform-error';
import { TEAM_NAMESPACE_LABEL } from '../queueing/kueue';

/** The workload namespaces; each has a service account of the same name (the pod identities bind them). */
export const WORKLOAD_NAMESPACES = ['training', 'inference'] as const;
/** A workload namespace. */
export type WorkloadNamespace = (typeof WORKLOAD_NAMESPACES)[number];
/** The namespace of the node agents. */
export const SYSTEM_NAMESPACE = 'gpu-system';
/** The team namespace when the needs name no teams (NEEDS-v1.1 default team). */
export const DEFAULT_TEAM = 'training';

/** Default requests of a container that states none: enough for a sidecar or a small server. */
export const DEFAULT_CONTAINER_REQUESTS: ComputeQuantities = { cpu: '500m', memory: '1Gi' };
/** Default limits of a container that states none. */
export const DEFAULT_CONTAINER_LIMITS: ComputeQuantities = { cpu: '2', memory: '4Gi' };

/** Pod Security admission labels enforcing `level`, at the latest version of the standard. */
export function podSecurityLabels(level: 'restricted' | 'baseline' | 'privileged'): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': level,
    'pod-security.kubernetes.io/audit': level,
  };
}

/** Accelerator chips a namespace may request. */
export interface AcceleratorQuota {
  /** Chips (whole devices), 0 or more. */
  readonly chips: number;
  /** The extended resource the chips are advertised as. */
  readonly deviceResource: DeviceResource;
}

/** Planned accelerator chips per workload namespace. */
export interface WorkloadQuotas {
  /** @default - no accelerators in `training` */
  readonly training?: AcceleratorQuota;
  /** @default - no accelerators in `inference` */
  readonly inference?: AcceleratorQuota;
}

/** Props of {@link WorkloadTenancy}. */
export interface WorkloadTenancyProps {
  /** The accelerator resources the cluster's device plugins advertise; each is quota-capped. */
  readonly deviceResources: readonly DeviceResource[];
  /** Planned chips per namespace. @default - no accelerators in either namespace */
  readonly quotas?: WorkloadQuotas;
  /**
   * The training teams (NEEDS-v1.1 `workload.teams`): each gets a namespace of its name, set up
   * like `training` (service account, `quotas.training`, container defaults) and labelled
   * `tracklayer.dev/team=<team>`, the label Kueue manages jobs by (../queueing/kueue.ts).
   * @default ['training'] - the one default team
   */
  readonly teams?: readonly string[];
}

/** `requests.<resource>` limits of a namespace with `quota`. */
export function quotaHard(deviceResources: readonly DeviceResource[], quota: AcceleratorQuota | undefined): Record<string, string> {
  return Object.fromEntries(deviceResources.map((resource) => [`requests.${resource}`, String(quota?.deviceResource === resource ? quota.chips : 0)]));
}

/** The namespaces, quotas, limit ranges and service accounts. */
export class WorkloadTenancy extends Construct {
  /** Namespaces by name: each team's (`training` by default), `inference`, `gpu-system`. */
  readonly namespaces: Readonly<Record<'inference' | typeof SYSTEM_NAMESPACE, NamespaceV1> & Record<string, NamespaceV1>>;
  /** The team namespaces, in team order. */
  readonly teamNamespaces: readonly string[];

  constructor(scope: Construct, id: string, props: WorkloadTenancyProps) {
    super(scope, id);
    this.validate(props);
    const namespace = (name: string, level: 'restricted' | 'privileged', extra: Record<string, string> = {}) =>
      new NamespaceV1(this, `${name}-namespace`, { metadata: { name, labels: { ...podSecurityLabels(level), 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform', ...extra } } });
    this.teamNamespaces = [...(props.teams ?? [DEFAULT_TEAM])];
    const teams = Object.fromEntries(this.teamNamespaces.map((team) => [team, namespace(team, 'restricted', { [TEAM_NAMESPACE_LABEL]: team })]));
    const inference = namespace('inference', 'restricted');
    // privileged: the device plugins' host paths and root, and DCGM's CAP_SYS_ADMIN (see above).
    const system = namespace(SYSTEM_NAMESPACE, 'privileged');
    this.namespaces = { ...teams, inference, [SYSTEM_NAMESPACE]: system };
    for (const name of [...this.teamNamespaces, 'inference']) {
      const ns = this.namespaces[name];
      const quota = name === 'inference' ? props.quotas?.inference : props.quotas?.training;
      const inNamespace = { name, namespace: name };
      new ServiceAccountV1(this, `${name}-service-account`, {
        metadata: inNamespace,
        // EKS Pod Identity injects its own token volume; the Kubernetes API token is opt-in per pod.
        automountServiceAccountToken: false,
        dependsOn: [ns],
      });
      if (props.deviceResources.length > 0) {
        new ResourceQuotaV1(this, `${name}-accelerator-quota`, {
          metadata: { name: 'accelerators', namespace: name },
          spec: { hard: quotaHard(props.deviceResources, quota) },
          dependsOn: [ns],
        });
      }
      new LimitRangeV1(this, `${name}-limit-range`, {
        metadata: { name: 'container-defaults', namespace: name },
        spec: { limit: [{ type: 'Container', defaultRequest: { ...DEFAULT_CONTAINER_REQUESTS }, default: { ...DEFAULT_CONTAINER_LIMITS } }] },
        dependsOn: [ns],
      });
    }
  }

  /** Quotas must be whole chips of a resource the cluster advertises; teams must not take the other namespaces. */
  private validate(props: WorkloadTenancyProps): void {
    const clash = (props.teams ?? []).find((team) => team === 'inference' || team === SYSTEM_NAMESPACE);
    if (clash) throw new PlatformError(this.node.path, `teams contains "${clash}", a namespace the platform already uses; choose another team name`);
    for (const name of WORKLOAD_NAMESPACES) {
      const quota = props.quotas?.[name];
      if (!quota) continue;
      if (!Number.isInteger(quota.chips) || quota.chips < 0) {
        throw new PlatformError(this.node.path, `quotas.${name}.chips must be a whole number of at least 0, got ${quota.chips}`);
      }
      if (!props.deviceResources.includes(quota.deviceResource)) {
        const has = props.deviceResources.length > 0 ? props.deviceResources.join(', ') : 'none';
        throw new PlatformError(
          this.node.path,
          `quotas.${name}.deviceResource is ${quota.deviceResource}, which no device plugin of this cluster advertises (it has: ${has}); enable the matching accelerator or drop the quota`,
        );
      }
    }
  }
}
