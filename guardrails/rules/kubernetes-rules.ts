/**
 * Kubernetes workload rules over hashicorp/kubernetes resources (Deployments, DaemonSets,
 * StatefulSets, Jobs, CronJobs, Pods). A typed workload that needs host access by design (the
 * RDMA shared device plugin) documents it on the workload with a
 * `guardrails.tracklayer.dev/<RULE_ID>` annotation; see kubernetes-workloads.ts. Upstream
 * charts (helm_release) are not visible here: ./helm-rules.ts covers them.
 */
import { LIMITS } from '../../needs/schema';
import { containersOf, exceptionOf, EXCEPTION_ANNOTATION_PREFIX, workloadsOf, type Container, type Workload } from '../kubernetes-workloads';
import type { Finding, Rule } from '../rule';
import type { RuleId } from '../../needs/rule-ids';
import { isExpression, isObject, isTrue, singleBlock } from '../terraform-json';

/** Extended resources of accelerators; Kubernetes requires their limits, requests must equal them. */
export const ACCELERATOR_RESOURCES = ['nvidia.com/gpu', 'aws.amazon.com/neuron', 'aws.amazon.com/neuroncore', 'aws.amazon.com/neurondevice', 'vpc.amazonaws.com/efa'];

function containerFinding(container: Container, message: string): Finding {
  return { address: container.workload.block.address, path: container.workload.block.path, message: `container ${container.name}: ${message}` };
}

function securityContext(container: Container): Record<string, unknown> {
  return singleBlock(container.config.security_context) ?? {};
}

/**
 * Applies a documented-exception annotation: no finding when the workload documents one, a
 * finding that says the reason is too short when it is, the finding itself otherwise.
 */
function unlessDocumented(workload: Workload, rule: RuleId, finding: Finding): Finding[] {
  const exception = exceptionOf(workload, rule);
  if (exception.documented) return [];
  if (exception.reason === undefined) return [finding];
  return [{ ...finding, message: `${finding.message} (the ${EXCEPTION_ANNOTATION_PREFIX}${rule} annotation needs a reason of at least ${LIMITS.minSuppressReason} characters)` }];
}

const howToDocument = (rule: RuleId) => `or document why on the workload with the annotation ${EXCEPTION_ANNOTATION_PREFIX}${rule}`;

/** K8S_NO_PRIVILEGED: no privileged container unless the workload documents why. */
export const k8sNoPrivileged: Rule = {
  id: 'K8S_NO_PRIVILEGED',
  level: 'error',
  rationale: 'No container runs privileged (root on the node with every device) unless its workload documents why with a guardrails.tracklayer.dev/K8S_NO_PRIVILEGED annotation, as device plugins must.',
  references: { checkov: ['CKV_K8S_16'], trivy: ['AVD-KSV-0017'], cdkNag: 'none' },
  check: (stack) =>
    containersOf(stack)
      .filter((container) => isTrue(securityContext(container).privileged))
      .flatMap((container) => unlessDocumented(container.workload, 'K8S_NO_PRIVILEGED', containerFinding(container, `runs privileged; drop privileged ${howToDocument('K8S_NO_PRIVILEGED')}`))),
};

/** K8S_NO_HOST_NAMESPACES: pods share no host network, PID or IPC namespace unless documented. */
export const k8sNoHostNamespaces: Rule = {
  id: 'K8S_NO_HOST_NAMESPACES',
  level: 'error',
  rationale: 'Pods do not share the host network, PID or IPC namespace, which would expose node traffic, processes and shared memory, unless the workload documents why.',
  references: { checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'], trivy: ['AVD-KSV-0008', 'AVD-KSV-0009', 'AVD-KSV-0010'], cdkNag: 'none' },
  check: (stack) =>
    workloadsOf(stack).flatMap((workload) => {
      const shared = ['host_network', 'host_pid', 'host_ipc'].filter((key) => isTrue(workload.podSpec[key]));
      if (shared.length === 0) return [];
      const finding = { address: workload.block.address, path: workload.block.path, message: `pod sets ${shared.join(', ')}; remove them ${howToDocument('K8S_NO_HOST_NAMESPACES')}` };
      return unlessDocumented(workload, 'K8S_NO_HOST_NAMESPACES', finding);
    }),
};

/** The tag and digest of an image reference (`registry:5000/team/app:1.2@sha256:…`). */
export function imageReference(image: string): { tag?: string; digest?: string } {
  const [name, digest] = image.split('@', 2);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > lastSlash ? name.slice(colon + 1) : undefined;
  return { tag: tag || undefined, digest: digest || undefined };
}

/** K8S_IMAGE_PINNED: every image names a tag other than latest, or a digest. */
export const k8sImagePinned: Rule = {
  id: 'K8S_IMAGE_PINNED',
  level: 'error',
  rationale: 'Every container image is pinned to a version tag or digest, never latest or untagged, so a rollout is reproducible and reviewed.',
  references: { checkov: ['CKV_K8S_14', 'CKV_K8S_43'], trivy: ['AVD-KSV-0013'], cdkNag: 'none' },
  check: (stack) =>
    containersOf(stack).flatMap((container): Finding[] => {
      const image = container.config.image;
      if (isExpression(image)) return [];
      if (typeof image !== 'string' || image === '') return [containerFinding(container, 'names no image')];
      const { tag, digest } = imageReference(image);
      if (digest) return [];
      if (!tag) return [containerFinding(container, `image ${image} has no tag, so it means latest; pin a version tag or a digest`)];
      return tag === 'latest' ? [containerFinding(container, `image ${image} uses the latest tag; pin a version tag or a digest`)] : [];
    }),
};

/** K8S_NO_PRIV_ESC: containers set allow_privilege_escalation false unless documented. */
export const k8sNoPrivEsc: Rule = {
  id: 'K8S_NO_PRIV_ESC',
  level: 'error',
  rationale: 'Containers set allow_privilege_escalation false, so setuid binaries cannot gain more privileges than the process started with; privileged containers are governed by K8S_NO_PRIVILEGED instead.',
  references: { checkov: ['CKV_K8S_20'], trivy: ['AVD-KSV-0001'], cdkNag: 'none' },
  check: (stack) =>
    containersOf(stack).flatMap((container) => {
      const context = securityContext(container);
      // Kubernetes rejects allowPrivilegeEscalation false on a privileged container.
      if (isTrue(context.privileged)) return [];
      if (context.allow_privilege_escalation === false || context.allow_privilege_escalation === 'false') return [];
      const finding = containerFinding(container, `does not set security_context.allow_privilege_escalation to false; set it ${howToDocument('K8S_NO_PRIV_ESC')}`);
      return unlessDocumented(container.workload, 'K8S_NO_PRIV_ESC', finding);
    }),
};

function resourceMap(container: Container, kind: 'requests' | 'limits'): Record<string, unknown> {
  const value = singleBlock(container.config.resources)?.[kind];
  return isObject(value) ? value : (singleBlock(value) ?? {});
}

/** K8S_RESOURCES: requests for CPU and memory, a memory limit. */
export const k8sResources: Rule = {
  id: 'K8S_RESOURCES',
  level: 'error',
  rationale: 'Every container requests CPU and memory and limits memory, so the scheduler packs expensive GPU nodes correctly and no pod starves the node agents (a CPU limit is optional: it only throttles).',
  references: { checkov: ['CKV_K8S_10', 'CKV_K8S_12', 'CKV_K8S_13'], trivy: ['AVD-KSV-0015', 'AVD-KSV-0016', 'AVD-KSV-0018'], cdkNag: 'none' },
  check: (stack) =>
    containersOf(stack).flatMap((container): Finding[] => {
      const requests = resourceMap(container, 'requests');
      const limits = resourceMap(container, 'limits');
      const missing = [...['cpu', 'memory'].filter((key) => requests[key] === undefined).map((key) => `requests.${key}`), ...(limits.memory === undefined ? ['limits.memory'] : [])];
      return missing.length === 0 ? [] : [containerFinding(container, `sets no ${missing.join(', ')}; every container requests cpu and memory and limits memory`)];
    }),
};

/** K8S_GPU_LIMITS: accelerator requests equal their limits. */
export const k8sGpuLimits: Rule = {
  id: 'K8S_GPU_LIMITS',
  level: 'error',
  rationale: 'Containers that request GPUs (or Neuron devices, or EFA interfaces) set limits equal to requests, as Kubernetes requires for extended resources, so each pod gets exactly the devices it asked for.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    containersOf(stack).flatMap((container): Finding[] => {
      const requests = resourceMap(container, 'requests');
      const limits = resourceMap(container, 'limits');
      return ACCELERATOR_RESOURCES.filter((resource) => requests[resource] !== undefined && String(requests[resource]) !== String(limits[resource])).map((resource) =>
        containerFinding(container, `requests ${String(requests[resource])} ${resource} but limits ${limits[resource] === undefined ? 'none' : String(limits[resource])}; set limits.${resource} equal to the request`),
      );
    }),
};

/** The Kubernetes rules, in registry order. */
export const KUBERNETES_RULES: readonly Rule[] = [k8sNoPrivileged, k8sNoHostNamespaces, k8sImagePinned, k8sNoPrivEsc, k8sResources, k8sGpuLimits];
