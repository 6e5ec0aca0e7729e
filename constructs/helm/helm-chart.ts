/**
 * One Helm release of an upstream chart ({@link UpstreamChart}), with values tracklayer
 * chooses, and release settings safe for production: a failed install or upgrade rolls back
 * (`atomic`) instead of leaving half-applied objects, and the release history stays bounded.
 *
 * Values are written as one YAML document with sorted keys, so the same props always give
 * byte-identical Terraform JSON and a PR diff shows exactly which value changed.
 */
import { Release } from '@cdktf/provider-helm/lib/release';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { LIMITS } from '../../needs/schema';
import { HOST_ACCESS_COMMENT_PATH, hostAccessReasons, type UpstreamHostAccess } from './host-access';
import { chartPinProblem, type UpstreamChart } from './upstream-chart';

/** Seconds Helm waits for a release's resources to become ready before rolling back (helm's own default is 300). */
export const DEFAULT_RELEASE_TIMEOUT_SECONDS = 600;
/** Release revisions Helm keeps (unbounded by default, one Secret each). */
export const RELEASE_HISTORY = 10;
/** Shortest reason a host-access grant may give: the needs file's minimum for a suppression reason. */
export const MIN_HOST_ACCESS_REASON = LIMITS.minSuppressReason;

/** Props of {@link HelmChart}. */
export interface HelmChartProps {
  /** The pinned upstream chart. */
  readonly chart: UpstreamChart;
  /** The release name; unique in its namespace. */
  readonly releaseName: string;
  /** The namespace the release lives in. */
  readonly namespace: string;
  /**
   * What the chart's pods get on the node by upstream default (privileged, host namespaces,
   * host paths, capabilities), each with why it is accepted; `{}` when they get nothing beyond
   * an ordinary pod. Required: the guardrails cannot see a chart's manifests, so the review is
   * recorded here (./host-access).
   */
  readonly hostAccess: UpstreamHostAccess;
  /**
   * Create the namespace when it does not exist. False where tracklayer manages the namespace
   * itself (labels, Pod Security) and passes it in `dependsOn`.
   * @default false
   */
  readonly createNamespace?: boolean;
  /** Values that override the chart's defaults; say in a comment where they differ from upstream and why. @default - the chart's defaults */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Seconds to wait for readiness before an atomic rollback. @default DEFAULT_RELEASE_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /**
   * Wait until every resource is ready. False for charts whose pods can only start once
   * nodes they select exist (a DaemonSet on GPU nodes of a group at zero would otherwise
   * time out and roll back).
   * @default true
   */
  readonly wait?: boolean;
  /** Resources the release needs first (its namespace, the CRDs it uses). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Thrown when a chart is not pinned or its props cannot work. */
export class HelmChartError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'HelmChartError';
  }
}

/** A Helm release of a pinned upstream chart. */
export class HelmChart extends Construct {
  /** The release resource. */
  readonly release: Release;

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    super(scope, id);
    const problem = chartPinProblem(props.chart);
    if (problem) throw new HelmChartError(this.node.path, problem);
    for (const [grant, reason] of hostAccessReasons(props.hostAccess)) {
      if (reason.trim().length < MIN_HOST_ACCESS_REASON) {
        throw new HelmChartError(this.node.path, `hostAccess.${grant} gives the reason "${reason}"; say in at least ${MIN_HOST_ACCESS_REASON} characters why the chart's pods need it`);
      }
    }
    const wait = props.wait ?? true;
    this.release = new Release(this, 'release', {
      name: props.releaseName,
      namespace: props.namespace,
      createNamespace: props.createNamespace ?? false,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      values: props.values && Object.keys(props.values).length > 0 ? [renderValues(props.values)] : undefined,
      // atomic implies wait in Helm; without wait there is nothing to roll back on.
      atomic: wait,
      wait,
      cleanupOnFail: true,
      maxHistory: RELEASE_HISTORY,
      timeout: props.timeoutSeconds ?? DEFAULT_RELEASE_TIMEOUT_SECONDS,
      dependsOn: props.dependsOn,
    });
    this.release.addOverride(HOST_ACCESS_COMMENT_PATH, props.hostAccess);
  }
}

/** Values as one YAML document, keys sorted at every level (deterministic, reviewable). */
export function renderValues(values: Readonly<Record<string, unknown>>): string {
  const key = plainJson(values);
  let text = key === undefined ? undefined : RENDERED.get(key);
  if (text === undefined) {
    text = stringify(values, { sortMapEntries: true, lineWidth: 0 });
    if (key !== undefined) remember(key, text);
  }
  return text;
}

/**
 * Rendered values by their JSON: an edge fleet renders the same values for every site of one
 * hardware kind (200 sites, 4 distinct documents), and YAML rendering was a tenth of the
 * construction of a site. Bounded, so a long-lived process does not grow without end.
 */
const RENDERED = new Map<string, string>();
const RENDERED_MAX = 256;

function remember(key: string, text: string): void {
  if (RENDERED.size >= RENDERED_MAX) RENDERED.clear();
  RENDERED.set(key, text);
}

/** The JSON of values made only of plain data (what the cache may key on), else undefined. */
function plainJson(values: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(values, (_key, value: unknown) => {
    const isPlainObject = typeof value === 'object' && value !== null && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
    if (!(isPlainObject || value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) plain = false;
    return value;
  });
  return plain ? text : undefined;
}
