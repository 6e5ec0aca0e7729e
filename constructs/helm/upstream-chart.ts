/**
 * A third-party component installed from its upstream Helm chart, pinned to a chart version.
 *
 * Upstream charts are what the rest of the ecosystem runs and debugs against, and they bring
 * security fixes through version bumps; tracklayer keeps only its own objects (namespaces,
 * quotas, priority classes, queues) as typed Kubernetes resources. Every chart is pinned: a
 * release planned today must install what was reviewed, never "the latest".
 */

/** A Helm chart pinned to a version, with where it comes from. */
export interface UpstreamChart {
  /** The chart repository URL (`https://…`) or OCI registry path (`oci://…`, then `chart` is its last segment). */
  readonly repository: string;
  /** The chart name in the repository. */
  readonly chart: string;
  /** The chart version (never a range). */
  readonly version: string;
  /**
   * Where the chart and its default values live upstream (repository + path, or a doc URL),
   * for the next person who bumps the version or diffs the values.
   */
  readonly source: string;
}

/** A chart version is exact: `1.2.3` or `v1.2.3`, with an optional pre-release or build suffix. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;

/** Why a chart is not usable as pinned, or undefined when it is. */
export function chartPinProblem(chart: UpstreamChart): string | undefined {
  if (!EXACT_VERSION.test(chart.version)) return `chart ${chart.chart} has version "${chart.version}"; pin an exact chart version such as 1.2.3, never a range`;
  if (!/^(https|oci):\/\//.test(chart.repository)) return `chart ${chart.chart} has repository "${chart.repository}"; use an https:// chart repository or an oci:// registry`;
  if (chart.source.trim() === '') return `chart ${chart.chart} names no source; say where its chart and default values live upstream`;
  return undefined;
}
