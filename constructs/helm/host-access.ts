/**
 * What an upstream chart's pods get on the node, as reviewed when the chart was pinned: the
 * upstream defaults beyond an ordinary pod (privileged, host namespaces, privilege escalation,
 * added capabilities, root, host paths), each with why tracklayer accepts it.
 *
 * The guardrail rules read Terraform JSON, and a chart's manifests exist only at apply time,
 * when Helm renders them; so for a `helm_release` the review is recorded where the release is
 * defined and written into the release's Terraform JSON comment (`"//": { "tracklayer": {
 * "hostAccess": … } }`, ignored by Terraform). Rule HELM_HOST_ACCESS fails a release that
 * records no review or gives a reason too short to mean anything; README "Cluster components"
 * lists the accepted defaults. `{}` is a review too: the chart's pods get nothing beyond an
 * ordinary pod.
 */

/** The host access an upstream chart's pods get by default, each grant with its reason. */
export interface UpstreamHostAccess {
  /** A container runs `privileged: true` (K8S_NO_PRIVILEGED for typed workloads): why. @default - none is privileged */
  readonly privileged?: string;
  /** A container leaves allowPrivilegeEscalation unset or true (K8S_NO_PRIV_ESC): why. @default - every container sets it false */
  readonly privilegeEscalation?: string;
  /** Host namespaces the pods share (K8S_NO_HOST_NAMESPACES), each with why. @default - none */
  readonly hostNamespaces?: Readonly<Partial<Record<'hostNetwork' | 'hostPID' | 'hostIPC', string>>>;
  /** Linux capabilities added to a container, each with why. @default - none */
  readonly capabilities?: Readonly<Record<string, string>>;
  /** The pods run as uid 0: why. @default - non-root */
  readonly root?: string;
  /** Host paths mounted, each with why. @default - none */
  readonly hostPaths?: Readonly<Record<string, string>>;
}

/** Where in a release's Terraform JSON comment the review is written (read by guardrails/rules/helm-rules.ts). */
export const HOST_ACCESS_COMMENT_PATH = '//.tracklayer.hostAccess';

/** Every reason of a review with what it is for, e.g. `hostPaths./dev`. */
export function hostAccessReasons(access: UpstreamHostAccess): [string, string][] {
  return Object.entries(access).flatMap(([grant, value]): [string, string][] =>
    typeof value === 'string' ? [[grant, value]] : Object.entries(value as Record<string, string>).map(([name, reason]): [string, string] => [`${grant}.${name}`, reason]),
  );
}
