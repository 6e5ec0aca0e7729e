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
 *   socket there; the NVIDIA plugin and the DCGM exporter add CAP_SYS_ADMIN, the EFA and RDMA
 *   plugins run privileged on the host network, as upstream ships them. Only the platform's
 *   node agents live here; each chart's grants are recorded with its release (`hostAccess`).
 *
 * Quotas: for every accelerator resource the cluster advertises, each workload namespace gets
 * `requests.<resource>` = its planned chips of that resource, and 0 of any other, so a
 * namespace cannot take the other's accelerators (Kubernetes quotas extended resources by
 * requests only). A namespace without a planned quota gets 0 of every accelerator.
 *
 * LimitRange `container-defaults`, from the shape of the nodes the namespace runs on
 * ({@link containerLimits}): a container that states no requests gets
 * {@link DEFAULT_CONTAINER_REQUESTS} (enough to be scheduled sensibly, never more than a node);
 * its default limits and the per-container maxima are the node's vCPUs and memory. A GPU job
 * that sets only `nvidia.com/gpu: 8` on a p5 (2 TiB) thus gets a 2048Gi limit, not a few GiB,
 * and a container asking for more than one node has is refused at admission with the reason
 * instead of pending forever. Where the node shape is unknown (on-prem, edge, a namespace
 * without a node group) there is no default limit and no maximum, only the default requests:
 * a made-up limit would OOM-kill real jobs, and Kubernetes rejects a request above a default
 * limit the container did not set.
 */
import { LimitRangeV1, type LimitRangeV1SpecLimit } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
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

/** CPU and memory of a container, as Kubernetes quantities. */
export interface ComputeQuantities {
  readonly cpu: string;
  readonly memory: string;
}

/** Default requests of a container that states none: enough for a sidecar or a small server. */
export const DEFAULT_CONTAINER_REQUESTS: ComputeQuantities = { cpu: '500m', memory: '1Gi' };

/** The vCPUs and memory of the nodes a namespace runs on (a catalog instance type's figures). */
export interface NodeShape {
  readonly vcpus: number;
  readonly memoryGiB: number;
}

/** The node shape per workload namespace. */
export interface WorkloadNodeShapes {
  /** @default - unknown: no default limits, no maxima in `training` */
  readonly training?: NodeShape;
  /** @default - unknown: no default limits, no maxima in `inference` */
  readonly inference?: NodeShape;
}

/** One `Container` item of the LimitRange, in the provider's shape. */
export interface ContainerLimits {
  readonly type: 'Container';
  readonly defaultRequest: ComputeQuantities;
  readonly default?: ComputeQuantities;
  readonly max?: ComputeQuantities;
}

/** A node's vCPUs and memory as quantities. */
function quantitiesOf(shape: NodeShape): ComputeQuantities {
  return { cpu: String(shape.vcpus), memory: `${shape.memoryGiB}Gi` };
}

/** A ContainerLimits in the provider's shape (quantities as string maps). */
function limitRangeItem(limits: ContainerLimits): LimitRangeV1SpecLimit {
  const map = (q: ComputeQuantities | undefined) => (q ? { cpu: q.cpu, memory: q.memory } : undefined);
  return { type: limits.type, defaultRequest: map(limits.defaultRequest), default: map(limits.default), max: map(limits.max) };
}

/** The container defaults and maxima of a namespace on nodes of `shape` (see the file comment). */
export function containerLimits(shape: NodeShape | undefined): ContainerLimits {
  if (shape === undefined) return { type: 'Container', defaultRequest: { ...DEFAULT_CONTAINER_REQUESTS } };
  const node = quantitiesOf(shape);
  return { type: 'Container', defaultRequest: { ...DEFAULT_CONTAINER_REQUESTS }, default: node, max: { ...node } };
}

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
  /** The nodes each namespace runs on. @default - unknown: default requests only */
  readonly nodeShapes?: WorkloadNodeShapes;
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
      // Every team namespace runs training jobs: the training quota and node shape apply to each.
      const workload = name === 'inference' ? 'inference' : 'training';
      const quota = props.quotas?.[workload];
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
        spec: { limit: [limitRangeItem(containerLimits(props.nodeShapes?.[workload]))] },
        dependsOn: [ns],
      });
    }
  }

  /** Quotas must be whole chips of a resource the cluster advertises; node shapes must be real; teams must not take the other namespaces. */
  private validate(props: WorkloadTenancyProps): void {
    const clash = (props.teams ?? []).find((team) => team === 'inference' || team === SYSTEM_NAMESPACE);
    if (clash) throw new PlatformError(this.node.path, `teams contains "${clash}", a namespace the platform already uses; choose another team name`);
    for (const name of WORKLOAD_NAMESPACES) {
      const shape = props.nodeShapes?.[name];
      if (shape && !(Number.isInteger(shape.vcpus) && shape.vcpus > 0 && shape.memoryGiB > 0)) {
        throw new PlatformError(this.node.path, `nodeShapes.${name} must have a whole number of vCPUs and memoryGiB above 0, got ${shape.vcpus} vCPUs and ${shape.memoryGiB} GiB; pass the catalog figures of the instance type`);
      }
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
