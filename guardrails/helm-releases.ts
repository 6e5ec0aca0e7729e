/**
 * Helm releases in synthesized JSON (`helm_release`, hashicorp/helm provider): their chart
 * source and version, their values documents, and the host-access review tracklayer writes into
 * each release's Terraform JSON comment (`"//": { "tracklayer": { "hostAccess": … } }`, see
 * constructs/helm/host-access.ts). A chart's manifests are rendered by Helm at apply time, so
 * the rules read what the release pins and what its author recorded, not the pods.
 */
import { parseAllDocuments } from 'yaml';
import type { SynthesizedStack } from './rule';
import { isObject, resourcesOf, stringList, type TerraformBlock } from './terraform-json';

/** The resource type of a Helm release. */
export const HELM_RELEASE_TYPE = 'helm_release';

/** A release of the stack. */
export function releasesOf(stack: SynthesizedStack): TerraformBlock[] {
  return resourcesOf(stack, HELM_RELEASE_TYPE);
}

/** The host-access review recorded on a release, or undefined when there is none. */
export function hostAccessOf(release: TerraformBlock): unknown {
  const comment = release.config['//'];
  const tracklayer = isObject(comment) ? comment.tracklayer : undefined;
  return isObject(tracklayer) ? tracklayer.hostAccess : undefined;
}

/** Every `grant: reason` of a review (`hostPaths./dev`), and what is not a string where a reason belongs. */
export function reviewEntries(review: Record<string, unknown>): { grant: string; reason: unknown }[] {
  return Object.entries(review).flatMap(([grant, value]) =>
    isObject(value) ? Object.entries(value).map(([name, reason]) => ({ grant: `${grant}.${name}`, reason })) : [{ grant, reason: value }],
  );
}

/**
 * The parsed values documents of a release (literal strings only; expressions are skipped).
 * Rules only read them. Each text is parsed once: an edge fleet repeats the same few documents
 * in every site's stack.
 */
export function valuesOf(release: TerraformBlock): unknown[] {
  return stringList(release.config.values)
    .filter((text) => !text.includes('${'))
    .flatMap((text) => parsedValues(text));
}

const PARSED = new Map<string, readonly unknown[]>();
const PARSED_MAX = 256;

function parsedValues(text: string): readonly unknown[] {
  let documents = PARSED.get(text);
  if (documents === undefined) {
    documents = parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(text, documents);
  }
  return documents;
}

/** Every `tag` value anywhere in the values whose key is `tag` (image tags), with its path. */
export function imageTags(value: unknown, path = ''): { path: string; tag: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => imageTags(item, `${path}[${index}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = path ? `${path}.${key}` : key;
    return key === 'tag' && !isObject(child) ? [{ path: here, tag: child }] : imageTags(child, here);
  });
}
