/**
 * Checks Kubernetes manifests against the upstream API schema, offline: the `kubernetes-types`
 * package (devDependency, pinned to 1.30.0) holds the TypeScript types generated from the
 * Kubernetes OpenAPI definitions of v1.30, and the TypeScript compiler checks each manifest as
 * an object literal of its kind's type. That catches what the API server would reject at
 * decode time: a field that does not exist (an object literal may only specify known
 * properties, at every depth), a value of the wrong type, a missing required field, and a
 * wrong apiVersion or kind (literal types). Quantities are typed as plain strings, so their
 * grammar is checked here too, with the regular expression of the OpenAPI `quantity` format
 * (k8s.io/apimachinery/pkg/api/resource).
 */
import { join } from 'node:path';
import ts from 'typescript';
import type { Manifest, RenderedResource } from './kubernetes-manifests';

/** Where a module's types come from: kubernetes-types, or this folder for custom resources without a package. */
function importPath(module: string): string {
  return module.startsWith('kueue/') ? join(__dirname, 'kueue-v1beta2') : `kubernetes-types/${module}`;
}

/** The kubernetes-types module and type of each apiVersion and kind (Kueue's from ./kueue-v1beta2, read off its CRDs). */
const TYPES: Readonly<Record<string, { module: string; type: string }>> = {
  'kueue.x-k8s.io/v1beta2/ResourceFlavor': { module: 'kueue/v1beta2', type: 'ResourceFlavor' },
  'kueue.x-k8s.io/v1beta2/Cohort': { module: 'kueue/v1beta2', type: 'Cohort' },
  'kueue.x-k8s.io/v1beta2/ClusterQueue': { module: 'kueue/v1beta2', type: 'ClusterQueue' },
  'kueue.x-k8s.io/v1beta2/LocalQueue': { module: 'kueue/v1beta2', type: 'LocalQueue' },
  'v1/Namespace': { module: 'core/v1', type: 'Namespace' },
  'v1/ServiceAccount': { module: 'core/v1', type: 'ServiceAccount' },
  'v1/ResourceQuota': { module: 'core/v1', type: 'ResourceQuota' },
  'v1/LimitRange': { module: 'core/v1', type: 'LimitRange' },
  'v1/ConfigMap': { module: 'core/v1', type: 'ConfigMap' },
  'v1/Secret': { module: 'core/v1', type: 'Secret' },
  'v1/Service': { module: 'core/v1', type: 'Service' },
  'v1/Pod': { module: 'core/v1', type: 'Pod' },
  'apps/v1/DaemonSet': { module: 'apps/v1', type: 'DaemonSet' },
  'apps/v1/Deployment': { module: 'apps/v1', type: 'Deployment' },
  'apps/v1/StatefulSet': { module: 'apps/v1', type: 'StatefulSet' },
  'batch/v1/Job': { module: 'batch/v1', type: 'Job' },
  'batch/v1/CronJob': { module: 'batch/v1', type: 'CronJob' },
  'policy/v1/PodDisruptionBudget': { module: 'policy/v1', type: 'PodDisruptionBudget' },
  'scheduling.k8s.io/v1/PriorityClass': { module: 'scheduling/v1', type: 'PriorityClass' },
  'node.k8s.io/v1/RuntimeClass': { module: 'node/v1', type: 'RuntimeClass' },
  'rbac.authorization.k8s.io/v1/ClusterRole': { module: 'rbac/v1', type: 'ClusterRole' },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': { module: 'rbac/v1', type: 'ClusterRoleBinding' },
  'rbac.authorization.k8s.io/v1/Role': { module: 'rbac/v1', type: 'Role' },
  'rbac.authorization.k8s.io/v1/RoleBinding': { module: 'rbac/v1', type: 'RoleBinding' },
  'networking.k8s.io/v1/NetworkPolicy': { module: 'networking/v1', type: 'NetworkPolicy' },
  'autoscaling/v2/HorizontalPodAutoscaler': { module: 'autoscaling/v2', type: 'HorizontalPodAutoscaler' },
};

/** The `quantity` format of the Kubernetes OpenAPI schema. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
/** Fields whose values are maps of quantities. */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio', 'hard']);

/** What is wrong with one manifest. */
export interface SchemaProblem {
  readonly address: string;
  readonly message: string;
}

/** Quantities of the manifest that do not parse, with their path. */
function quantityProblems(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => quantityProblems(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = `${path}.${key}`;
    if (QUANTITY_MAPS.has(key) && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      return Object.entries(child)
        .filter(([, quantity]) => typeof quantity === 'string' && !quantity.includes('${') && !QUANTITY.test(quantity))
        .map(([name, quantity]) => `${here}.${name}: "${String(quantity)}" is not a Kubernetes quantity`);
    }
    return quantityProblems(child, here);
  });
}

/**
 * Every schema problem of the manifests: type errors from the kubernetes-types check, and
 * quantities that do not parse. An empty list means every manifest fits the API schema.
 */
export function schemaProblems(resources: readonly RenderedResource[]): SchemaProblem[] {
  const manifests = resources.map((r) => r.manifest);
  const unknownKinds = resources
    .filter((r) => !TYPES[`${r.manifest.apiVersion}/${r.manifest.kind}`])
    .map((r) => ({ address: r.address, message: `${r.manifest.apiVersion} ${r.manifest.kind} has no type in kubernetes-types here; add it to TYPES in test/support/kubernetes-schema.ts` }));
  const { text, starts } = sourceWithLines(manifests);
  const file = join(process.cwd(), '__kubernetes_manifests__.ts');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2020.d.ts'], module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2020 };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram({ rootNames: [file], options, host });
  const sourceFile = program.getSourceFile(file)!;
  const typeProblems = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((diagnostic) => {
    const line = diagnostic.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line;
    const index = starts.filter((start) => start <= line).length - 1;
    const at = resources[index]?.address ?? '(imports)';
    return { address: at, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ') };
  });
  const quantities = resources.flatMap((r) => quantityProblems(r.manifest, r.manifest.kind).map((message) => ({ address: r.address, message })));
  return [...unknownKinds, ...typeProblems, ...quantities];
}

/** The source and the first line of each manifest's declaration. */
function sourceWithLines(manifests: readonly Manifest[]): { text: string; starts: number[] } {
  const modules = [...new Set(Object.values(TYPES).map((t) => t.module))];
  const lines = modules.map((module) => `import type * as ${module.replace('/', '_')} from ${JSON.stringify(importPath(module))};`);
  const starts: number[] = [];
  manifests.forEach((manifest, index) => {
    const type = TYPES[`${manifest.apiVersion}/${manifest.kind}`];
    starts.push(lines.length);
    const declared = type ? `${type.module.replace('/', '_')}.${type.type}` : 'unknown';
    lines.push(...`export const m${index}: ${declared} = ${JSON.stringify(manifest, null, 1)};`.split('\n'));
  });
  return { text: lines.join('\n'), starts };
}

