/**
 * Kubernetes resource quantities as numbers, and resource lists as maps of them: CPU in
 * millicores, memory and storage in bytes, everything else (GPUs, EFA interfaces, pods) as a count.
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?\d+(?:\.\d+)?)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E))?$/;

/** The value of a quantity (`500m` → 0.5, `4Gi` → 4294967296), or undefined when it is not one. */
export function quantityValue(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  const suffix = match[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** A resource list in the units above: `cpu` in millicores, the rest as values (bytes, counts). */
export type ResourceList = Readonly<Record<string, number>>;

/** A resource list from a Kubernetes map (`{ cpu: "500m", memory: "1Gi" }`); entries that are not quantities are left out. */
export function resourceList(map: unknown): Record<string, number> {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return {};
  const list: Record<string, number> = {};
  for (const [name, text] of Object.entries(map as Record<string, unknown>)) {
    const value = quantityValue(text);
    if (value !== undefined) list[name] = name === 'cpu' ? Math.round(value * 1000) : value;
  }
  return list;
}

/** `a + b`, entry by entry. */
export function add(a: ResourceList, b: ResourceList): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [name, value] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

/** `list × n`, entry by entry. */
export function times(list: ResourceList, n: number): Record<string, number> {
  return Object.fromEntries(Object.entries(list).map(([name, value]) => [name, value * n]));
}

/** A quantity for people: `2000` millicores → `2`, bytes → `4Gi`, counts as they are. */
export function formatQuantity(name: string, value: number): string {
  if (name === 'cpu') return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
  if (name === 'memory' || name === 'ephemeral-storage') {
    for (const [suffix, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20]] as const) {
      if (value >= size) return `${Math.round((value / size) * 10) / 10}${suffix}`;
    }
    return `${value}`;
  }
  return String(value);
}

/** GiB in bytes. */
export const GIB = 2 ** 30;
/** MiB in bytes. */
export const MIB = 2 ** 20;
