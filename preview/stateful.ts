/**
 * Which resources hold state that a destroy loses, and the data-loss risks of a change: every
 * stateful resource that is removed, replaced, or moved to a new address (a destroy and a
 * create to Terraform). Pure.
 *
 * "Stateful" is broader than "holds bytes": a KMS key's deletion makes everything encrypted
 * under it unreadable, and replacing the EKS cluster or a node group takes down what runs on
 * it. Each entry says what is lost, for the comment.
 */
import type { SynthDiff } from './synth-diff';
import { resourcesOf, type SynthOutput } from './synth-output';

/** Stateful resource types, with what a destroy loses (a noun phrase: "Loses …"). */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = Object.freeze({
  aws_s3_bucket: 'the objects in the bucket',
  aws_s3tables_table_bucket: 'every table in the table bucket',
  aws_s3tables_namespace: 'the namespace and the tables in it',
  aws_s3tables_table: 'the table and its data',
  aws_glue_catalog_database: 'the catalog database and its table definitions',
  aws_glue_catalog_table: 'the table definition',
  aws_kms_key: 'access to everything encrypted under the key, once the deletion window ends',
  aws_eks_cluster: 'the cluster and every workload, volume claim and secret on it',
  aws_eks_node_group: 'the nodes and the pods running on them',
  aws_cloudwatch_log_group: 'the log history',
  aws_dynamodb_table: 'the items in the table',
  aws_efs_file_system: 'the files',
  aws_fsx_lustre_file_system: 'the files',
  aws_ebs_volume: 'the volume data',
  aws_db_instance: 'the database',
  aws_rds_cluster: 'the database',
  aws_ecr_repository: 'the images in the repository',
  aws_secretsmanager_secret: 'the secret value',
  aws_iot_certificate: 'the identity of the devices that hold the certificate',
  aws_acmpca_certificate_authority: 'the CA key: every certificate it issued (each edge site\'s identity) stops authenticating',
  aws_rolesanywhere_trust_anchor: 'the trust every edge site authenticates against, until a new anchor is created and every site\'s role trusts it',
  kubernetes_namespace: 'everything in the namespace',
  kubernetes_namespace_v1: 'everything in the namespace',
  kubernetes_persistent_volume_claim: 'the volume data',
  kubernetes_persistent_volume_claim_v1: 'the volume data',
});

/**
 * Attributes of stateful types that the AWS provider updates in place (not ForceNew in its
 * schema), so a change to only these is no replacement risk: a node group that scales, a key
 * whose policy changes, a log group whose retention changes. Tags update in place everywhere.
 */
export const IN_PLACE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '*': ['tags', 'tags_all'],
  aws_eks_node_group: ['scaling_config', 'update_config', 'labels', 'taint', 'version', 'release_version', 'launch_template'],
  aws_eks_cluster: ['version', 'enabled_cluster_log_types'],
  aws_kms_key: ['policy', 'description', 'enable_key_rotation', 'deletion_window_in_days', 'rotation_period_in_days'],
  aws_cloudwatch_log_group: ['retention_in_days', 'kms_key_id'],
  aws_s3_bucket: ['force_destroy'],
});

/** True when `attributePath` (as attribute-diff writes it) can change in place on `type`. */
export function updatesInPlace(type: string, attributePath: string): boolean {
  const top = attributePath.split(/[.[ ]/)[0];
  return [...IN_PLACE_ATTRIBUTES['*'], ...(IN_PLACE_ATTRIBUTES[type] ?? [])].includes(top);
}

/** True when destroying a resource of this type loses state. */
export function isStateful(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(STATEFUL_TYPES, type);
}

/**
 * How the resource goes away:
 * - `removed`: no longer in the configuration (Terraform destroys it);
 * - `replaced`: destroyed and created again (a plan says so);
 * - `address changed`: its address moved (a renamed construct id), so destroyed and created again;
 * - `stack removed`: its stack is no longer synthesized; destroying that stack destroys it,
 *   and until then it is left running and unmanaged.
 */
export type LossKind = 'removed' | 'replaced' | 'address changed' | 'stack removed';

/** One stateful resource a change destroys. */
export interface DataLossRisk {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  /** Construct path, when known. */
  readonly path?: string;
  readonly kind: LossKind;
  /** The new address, for `address changed`. */
  readonly newAddress?: string;
  /** What is lost (from STATEFUL_TYPES). */
  readonly loses: string;
  /** Why, when a plan says (e.g. "`name` cannot be updated in place"). */
  readonly reason?: string;
  /** True when the configuration sets `lifecycle.prevent_destroy`: the apply fails instead. */
  readonly preventDestroy?: boolean;
}

/** Stateful resources whose attributes change: a synth diff cannot tell update from replace. */
export interface StatefulChange {
  readonly stack: string;
  readonly address: string;
  readonly path: string;
  readonly attributes: readonly string[];
}

/** The data-loss risks of a synth diff; `base` supplies `prevent_destroy` of what goes away. */
export function synthDataLossRisks(diff: SynthDiff, base?: SynthOutput): DataLossRisk[] {
  const risks: DataLossRisk[] = [];
  for (const stack of diff.stacks) {
    const before = resourcesOf(base?.stacks[stack.stack]);
    const guarded = (address: string) => (before.get(address)?.config.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;
    const kind: LossKind = stack.status === 'removed' ? 'stack removed' : 'removed';
    for (const r of stack.removed.filter((r) => isStateful(r.type))) {
      risks.push({ stack: stack.stack, address: r.address, type: r.type, path: r.path, kind, loses: STATEFUL_TYPES[r.type], preventDestroy: guarded(r.address) });
    }
    for (const { before: r, after } of stack.addressChanged.filter((c) => isStateful(c.before.type))) {
      risks.push({ stack: stack.stack, address: r.address, type: r.type, path: r.path, kind: 'address changed', newAddress: after.address, loses: STATEFUL_TYPES[r.type], preventDestroy: guarded(r.address) });
    }
  }
  return risks;
}

/**
 * Stateful resources of a synth diff whose changes a plan might turn into a replacement:
 * changes to attributes that update in place (IN_PLACE_ATTRIBUTES) are left out.
 */
export function statefulChanges(diff: SynthDiff): StatefulChange[] {
  return diff.stacks.flatMap((stack) =>
    stack.changed.flatMap((r) => {
      if (!isStateful(r.type)) return [];
      const attributes = [...new Set(r.changes.map((c) => c.path).filter((path) => !updatesInPlace(r.type, path)))];
      return attributes.length === 0 ? [] : [{ stack: stack.stack, address: r.address, path: r.path, attributes }];
    }),
  );
}
