/**
 * Edge-site rules that relate several fields: unique site names, and the rollout of NEEDS-v1.1
 * (`workload.inference.rollout`): pilot sites that exist, waves that fit the sites left.
 */
import { editDistance } from './closest-name';
import type { Problem } from './problem';
import { isRecord, type Sections } from './sections';

/** Duplicate site names. */
export function siteNameProblems({ workload }: Sections): Problem[] {
  const sites = workload?.inference?.sites ?? [];
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  sites.forEach((site, index) => {
    const first = firstIndex.get(site.name);
    if (first === undefined) {
      firstIndex.set(site.name, index);
    } else {
      problems.push({ path: ['workload', 'inference', 'sites', index, 'name'], message: `duplicate site name "${site.name}" (also sites[${first}]); site names must be unique` });
    }
  });
  return problems;
}

/** Rollout errors (no sites, unknown or repeated pilots) and warnings (more waves than sites left). */
export function rolloutChecks(root: Record<string, unknown>, { workload }: Sections): { errors: Problem[]; warnings: Problem[] } {
  const inference = workload?.inference;
  const rollout = inference?.rollout;
  if (!inference || !rollout) return { errors: [], warnings: [] };
  const path = ['workload', 'inference', 'rollout'];
  const names = (inference.sites ?? []).map((site) => site.name);
  if (names.length === 0) {
    return { errors: [{ path, message: 'is given, but workload.inference.sites lists no site: a rollout orders edge sites, so add sites or remove rollout' }], warnings: [] };
  }
  const errors: Problem[] = [];
  const pilots = rollout.pilot ?? [];
  const seen = new Set<string>();
  pilots.forEach((pilot, index) => {
    const at = [...path, 'pilot', index];
    if (seen.has(pilot)) errors.push({ path: at, message: `"${pilot}" is listed twice; name each pilot site once` });
    seen.add(pilot);
    if (!names.includes(pilot)) {
      errors.push({ path: at, message: `"${pilot}" is not a site in workload.inference.sites; the closest site is "${nearest(pilot, names)}"` });
    }
  });
  const pilotCount = pilots.length > 0 ? new Set(pilots.filter((p) => names.includes(p))).size : 1;
  const remaining = names.length - pilotCount;
  const raw = isRecord(root.workload) && isRecord(root.workload.inference) && isRecord(root.workload.inference.rollout) ? root.workload.inference.rollout : {};
  const warnings: Problem[] =
    raw.waves !== undefined && rollout.waves > remaining
      ? [{ path: [...path, 'waves'], message: `is ${rollout.waves}, but only ${remaining} site(s) follow the pilot: the rollout uses ${remaining} wave(s)` }]
      : [];
  return { errors, warnings };
}

/** The name in `names` with the smallest edit distance to `name` (the first on a tie). */
function nearest(name: string, names: readonly string[]): string {
  return names.reduce((best, candidate) => (editDistance(name, candidate) < editDistance(name, best) ? candidate : best));
}
