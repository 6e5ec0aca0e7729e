/** Readers of the synthesized Kubernetes resources of the GPU platform, for tests. */
import { resourcesOf, type TerraformJson } from '../../support/synth-json';

/** A container of a synthesized pod spec. */
export interface ContainerJson {
  name: string;
  image: string;
  env?: { name: string; value?: string; value_from?: { field_ref: { field_path: string } } }[];
  port?: { name: string; container_port: number }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  security_context: {
    allow_privilege_escalation: boolean;
    privileged: boolean;
    run_as_non_root: boolean;
    run_as_user: string;
    capabilities: { drop: string[]; add?: string[] };
    seccomp_profile: { type: string };
  };
  volume_mount: { name: string; mount_path: string; read_only: boolean }[];
}

/** A synthesized pod spec. */
export interface PodSpecJson {
  host_network: boolean;
  host_pid: boolean;
  host_ipc: boolean;
  automount_service_account_token: boolean;
  service_account_name?: string;
  runtime_class_name?: string;
  priority_class_name: string;
  affinity: { node_affinity: { required_during_scheduling_ignored_during_execution: { node_selector_term: { match_expressions: { key: string; operator: string; values: string[] }[] }[] } } };
  toleration: { key: string; operator: string; effect: string }[];
  container: ContainerJson[];
  volume: { name: string; host_path?: { path: string; type: string }; config_map?: { name: string } }[];
}

/** A synthesized DaemonSet. */
export interface DaemonSetJson {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { selector: { match_labels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpecJson } };
  depends_on?: string[];
}

/** Every DaemonSet, by name. */
export function daemonSets(json: TerraformJson): Record<string, DaemonSetJson> {
  return Object.fromEntries(resourcesOf(json, 'kubernetes_daemon_set_v1').map((d) => [(d as unknown as DaemonSetJson).metadata.name, d as unknown as DaemonSetJson]));
}

/** The pod spec of the DaemonSet `name`. */
export function podSpec(json: TerraformJson, name: string): PodSpecJson {
  const daemonSet = daemonSets(json)[name];
  if (!daemonSet) throw new Error(`no DaemonSet ${name}; have ${Object.keys(daemonSets(json)).join(', ') || 'none'}`);
  return daemonSet.spec.template.spec;
}

/** The only container of the DaemonSet `name`. */
export function containerOf(json: TerraformJson, name: string): ContainerJson {
  return podSpec(json, name).container[0];
}

/** The node-affinity requirements of the DaemonSet `name`, as `key In [values]` strings. */
export function requirementsOf(json: TerraformJson, name: string): string[] {
  const terms = podSpec(json, name).affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term;
  return terms.flatMap((t) => t.match_expressions.map((e) => `${e.key} ${e.operator} [${e.values.join(',')}]`));
}

/** The resources of a type by `metadata.name` (and namespace, as `namespace/name`, when namespaced). */
export function byName(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    resourcesOf(json, type).map((r) => {
      const metadata = r.metadata as { name: string; namespace?: string };
      return [metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name, r];
    }),
  );
}
