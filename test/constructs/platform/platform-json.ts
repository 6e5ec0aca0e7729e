/** Readers of the synthesized Kubernetes resources and Helm releases of the GPU platform, for tests. */
import { parse } from 'yaml';
import { resourcesOf, type TerraformJson } from '../../support/synth-json';

/** A synthesized Helm release, with its values parsed. */
export interface ReleaseJson {
  name: string;
  namespace: string;
  repository: string;
  chart: string;
  version: string;
  wait: boolean;
  atomic: boolean;
  depends_on?: string[];
  /** The values document, parsed (empty when the release sets none). */
  values: Record<string, any>;
}

/** Every Helm release, by release name. */
export function releases(json: TerraformJson): Record<string, ReleaseJson> {
  return Object.fromEntries(
    resourcesOf(json, 'helm_release').map((r) => {
      const values = (r.values as string[] | undefined)?.[0];
      return [r.name as string, { ...(r as unknown as ReleaseJson), values: values ? (parse(values) as Record<string, any>) : {} }];
    }),
  );
}

/** The values of the release `name`. */
export function valuesOf(json: TerraformJson, name: string): Record<string, any> {
  const release = releases(json)[name];
  if (!release) throw new Error(`no release ${name}; have ${Object.keys(releases(json)).join(', ') || 'none'}`);
  return release.values;
}

/** The required node-affinity terms of chart values, as `key In [values]` strings. */
export function affinityOf(values: Record<string, any>): string[] {
  const terms = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms as { matchExpressions: { key: string; operator: string; values: string[] }[] }[];
  return terms.flatMap((t) => t.matchExpressions.map((e) => `${e.key} ${e.operator} [${e.values.join(',')}]`));
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
