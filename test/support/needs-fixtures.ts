/** Needs files for tests: a minimal valid document and helpers to vary it. */
import { stringify } from 'yaml';
import { loadNeeds } from '../../needs/load-needs';
import { NeedsFileError, formatProblem } from '../../needs/problem';
import type { Needs } from '../../needs/schema';

/** The smallest valid needs file. */
export const MINIMAL_YAML = `apiVersion: tracklayer/v1
name: acme-ml
cloud:
  region: us-east-1
`;

/** Deep-merges `patch` into `base` (objects merge; anything else replaces; undefined deletes). */
export function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(current)) result[key] = merge(current, value);
    else result[key] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A needs document: the minimal one with `patch` merged in. */
export function needsDocument(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return merge({ apiVersion: 'tracklayer/v1', name: 'acme-ml', cloud: { region: 'us-east-1' } }, patch);
}

/** Validated needs from a patch of the minimal document; throws with the problems if invalid. */
export function needsWith(patch: Record<string, unknown> = {}): Needs {
  return loadNeeds(stringify(needsDocument(patch)), 'needs.yaml').needs;
}

/** The formatted problem lines of a needs text (empty when it is valid). */
export function problemLines(text: string, file = 'needs.yaml'): string[] {
  try {
    loadNeeds(text, file);
    return [];
  } catch (error) {
    if (error instanceof NeedsFileError) return error.problems.map(formatProblem);
    throw error;
  }
}

/** The problem lines of a patched minimal document, written as YAML. */
export function problemsOf(patch: Record<string, unknown>): string[] {
  return problemLines(stringify(needsDocument(patch)));
}

/** The formatted warning lines of a valid needs document built from a patch. */
export function warningsOf(patch: Record<string, unknown>): string[] {
  return loadNeeds(stringify(needsDocument(patch)), 'needs.yaml').warnings.map(formatProblem);
}
