/**
 * Kubernetes manifests from synthesized hashicorp/kubernetes resources: what the Terraform
 * kubernetes provider would send to the API server, rendered offline so the objects can be
 * checked against the upstream API schema (./kubernetes-schema).
 *
 * The provider's schema is the Kubernetes API in snake_case, with repeated fields as singular
 * blocks (`container`, `port`, `volume_mount`, `toleration`, `limit`) and some integers as
 * strings (`replicas`, `run_as_user`). The rendering reverses exactly that, and nothing else:
 * keys are camelCased, an array-valued block takes its API field's plural name (and the
 * DaemonSet's `strategy` its API name, updateStrategy), map-valued
 * fields (labels, resources, data) keep their keys, numeric strings become numbers only in the
 * integer and int-or-string fields listed below (Terraform converts them the same way), and
 * Terraform-only arguments are dropped. A name the rendering does not know passes through
 * camelCased, so a wrong field name in a construct reaches the schema check and fails there.
 */

/** A Kubernetes object: apiVersion, kind and the rest. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** A rendered resource with where it came from. */
export interface RenderedResource {
  /** `<stack>: <type>.<name>`. */
  readonly address: string;
  readonly manifest: Manifest;
}

/** apiVersion and kind of each provider resource type tracklayer synthesizes. */
export const RESOURCE_KINDS: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  kubernetes_namespace_v1: { apiVersion: 'v1', kind: 'Namespace' },
  kubernetes_service_account_v1: { apiVersion: 'v1', kind: 'ServiceAccount' },
  kubernetes_resource_quota_v1: { apiVersion: 'v1', kind: 'ResourceQuota' },
  kubernetes_limit_range_v1: { apiVersion: 'v1', kind: 'LimitRange' },
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap' },
  kubernetes_secret_v1: { apiVersion: 'v1', kind: 'Secret' },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_daemon_set_v1: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_stateful_set_v1: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  kubernetes_job_v1: { apiVersion: 'batch/v1', kind: 'Job' },
  kubernetes_cron_job_v1: { apiVersion: 'batch/v1', kind: 'CronJob' },
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  kubernetes_priority_class_v1: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
  kubernetes_runtime_class_v1: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass' },
  kubernetes_cluster_role_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  kubernetes_cluster_role_binding_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  kubernetes_role_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  kubernetes_role_binding_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  kubernetes_network_policy_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  kubernetes_horizontal_pod_autoscaler_v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
};

/** Terraform arguments of a resource that are not Kubernetes fields. */
const TERRAFORM_ONLY = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'timeouts', 'wait_for_rollout', 'wait_for_load_balancer', 'wait_for_default_service_account', 'wait_for_completion']);

/** Provider blocks whose API field has another name (the block is singular, the field plural). */
const BLOCK_FIELDS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  ephemeral_container: 'ephemeralContainers',
  port: 'ports',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  toleration: 'tolerations',
  node_selector_term: 'nodeSelectorTerms',
  limit: 'limits',
  rule: 'rules',
  subject: 'subjects',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  topology_spread_constraint: 'topologySpreadConstraints',
  readiness_gate: 'readinessGates',
  secret: 'secrets',
  image_pull_secret: 'imagePullSecrets',
  ingress: 'ingress',
  egress: 'egress',
  metric: 'metrics',
};

/**
 * Blocks the provider's schema caps at one item (TypeList, MaxItems 1) whose API field is a
 * single object; a construct may give them as a one-item list, which Terraform accepts.
 * hashicorp/terraform-provider-kubernetes kubernetes/schema_affinity_spec.go (`label_selector`).
 */
const SINGLE_ITEM_BLOCKS = new Set(['label_selector', 'namespace_selector']);

/** Provider fields named differently from the API field in one kind only. */
const KIND_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // kubernetes_daemon_set_v1 calls the DaemonSet's updateStrategy `strategy` (Deployment's is strategy).
  DaemonSet: { strategy: 'updateStrategy' },
};

/** Map-valued fields: their keys are data (label keys, resource names), never renamed. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'data', 'binary_data', 'string_data', 'match_labels', 'node_selector', 'limits', 'requests', 'default', 'default_request', 'max', 'min', 'max_limit_request_ratio', 'hard', 'capacity', 'parameters']);

/** Integer fields the provider types as strings. */
const INTEGER_FIELDS = new Set(['replicas', 'run_as_user', 'run_as_group', 'fs_group', 'default_mode', 'mode', 'revision_history_limit']);
/** Int-or-string fields: the provider sends a numeric string as an integer. */
const INT_OR_STRING_FIELDS = new Set(['max_unavailable', 'max_surge', 'min_available', 'target_port', 'port']);

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as the provider sends it for the field `key`. */
function scalar(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return value;
  return INTEGER_FIELDS.has(key) || INT_OR_STRING_FIELDS.has(key) ? Number(value) : value;
}

/** Renders one field's value; `kind` decides the few context-dependent fields. */
function render(key: string, value: unknown, kind: string): unknown {
  if (Array.isArray(value) && value.length === 1 && SINGLE_ITEM_BLOCKS.has(key) && isObject(value[0])) return renderObject(value[0], kind);
  if (Array.isArray(value)) return value.map((item) => (isObject(item) ? renderObject(item, kind) : scalar(key, item)));
  if (isObject(value)) {
    // A Service's selector is a label map; every other selector is a LabelSelector block.
    if (MAP_FIELDS.has(key) || (kind === 'Service' && key === 'selector')) return { ...value };
    return renderObject(value, kind);
  }
  return scalar(key, value);
}

function renderObject(config: Record<string, unknown>, kind: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [fieldName(key, value, kind), render(key, value, kind)]));
}

/** The API field name of a provider key. */
function fieldName(key: string, value: unknown, kind: string): string {
  if (Array.isArray(value) && BLOCK_FIELDS[key]) return BLOCK_FIELDS[key];
  return KIND_FIELDS[kind]?.[key] ?? camel(key);
}

/**
 * The manifest of one provider resource.
 * @throws Error for a kubernetes_* type this rendering does not know (add it to RESOURCE_KINDS).
 */
export function toManifest(type: string, config: Record<string, unknown>): Manifest {
  if (type === 'kubernetes_manifest') return config.manifest as Manifest;
  const kind = RESOURCE_KINDS[type];
  if (!kind) throw new Error(`no Kubernetes kind known for ${type}; add it to RESOURCE_KINDS in test/support/kubernetes-manifests.ts`);
  const fields = Object.fromEntries(Object.entries(config).filter(([key]) => !TERRAFORM_ONLY.has(key)));
  return { ...kind, ...renderObject(fields, kind.kind) };
}

/** Every kubernetes_* resource of the stacks, rendered. */
export function manifestsOf(stacks: Readonly<Record<string, { resource?: Record<string, Record<string, Record<string, unknown>>> }>>): RenderedResource[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(json.resource ?? {})
      .filter(([type]) => type.startsWith('kubernetes_'))
      .flatMap(([type, byName]) => Object.entries(byName).map(([name, config]) => ({ address: `${stack}: ${type}.${name}`, manifest: toManifest(type, config) }))),
  );
}
