/**
 * The order edge sites deploy in (NEEDS-v1.1 `workload.inference.rollout`): the pilot sites
 * first, then the other sites in `waves` groups, each wave taking the next sites in the order
 * `workload.inference.sites` lists them. A pure function of validated needs (the schema has
 * already defaulted the pilot to the first site and capped `waves` at the sites left), so the
 * stack plan, `tracklayer rollout` and the deploy workflow all read the same order.
 *
 * | sites left after the pilot | waves (after the cap) | wave sizes                                   |
 * |----------------------------|-----------------------|----------------------------------------------|
 * | 0                          | 0                     | none: the pilot is the whole fleet           |
 * | n                          | w (1 ≤ w ≤ n)         | n split into w groups in listed order, sizes |
 * |                            |                       | differing by at most one, larger ones first  |
 *
 * Larger waves first: the first wave after the pilot is the one an operator watches most
 * closely, and an even split keeps every approval gate to about the same blast radius.
 */
import type { EdgeSite, InferenceNeed } from '../needs/schema';

/** The rollout of the edge fleet: who goes first, and the waves after. */
export interface EdgeRollout {
  /** The pilot sites, in the order `sites` lists them. */
  readonly pilot: readonly EdgeSite[];
  /** The waves after the pilot, each a non-empty list of sites in listed order. */
  readonly waves: readonly (readonly EdgeSite[])[];
}

/** The pilot and waves of an inference need's sites; no sites, no rollout (empty pilot and waves). */
export function edgeRollout(inference: InferenceNeed | undefined): EdgeRollout {
  const sites = inference?.sites ?? [];
  if (sites.length === 0) return { pilot: [], waves: [] };
  const pilotNames = new Set(inference?.rollout?.pilot ?? [sites[0].name]);
  const pilot = sites.filter((site) => pilotNames.has(site.name));
  const rest = sites.filter((site) => !pilotNames.has(site.name));
  const waveCount = Math.min(inference?.rollout?.waves ?? rest.length, rest.length);
  return { pilot, waves: splitInOrder(rest, waveCount) };
}

/** Splits `items` into `count` consecutive groups whose sizes differ by at most one, larger first. */
export function splitInOrder<T>(items: readonly T[], count: number): T[][] {
  if (count <= 0 || items.length === 0) return [];
  const groups = Math.min(count, items.length);
  const base = Math.floor(items.length / groups);
  const larger = items.length % groups;
  const result: T[][] = [];
  let start = 0;
  for (let index = 0; index < groups; index += 1) {
    const size = base + (index < larger ? 1 : 0);
    result.push(items.slice(start, start + size));
    start += size;
  }
  return result;
}

/** Every site in deploy order: the pilot, then each wave. */
export function sitesInRolloutOrder(inference: InferenceNeed | undefined): EdgeSite[] {
  const { pilot, waves } = edgeRollout(inference);
  return [...pilot, ...waves.flat()];
}
