/**
 * Helm release rules. A release installs an upstream chart whose manifests Helm renders at
 * apply time, so the Kubernetes workload rules cannot see its pods. Two rules cover what can
 * be checked in the Terraform JSON: the chart is pinned (HELM_CHART_PINNED), and the host
 * access its pods get by upstream default was reviewed and each grant says why
 * (HELM_HOST_ACCESS), so a privileged upstream default is a documented, accepted exception,
 * never a silent skip.
 */
import { LIMITS } from '../../needs/schema';
import { hostAccessOf, imageTags, releasesOf, reviewEntries, valuesOf } from '../helm-releases';
import type { Finding, Rule } from '../rule';
import { findingAt, isExpression, isObject, isTrue } from '../terraform-json';

/** An exact chart version: `1.2.3` or `v1.2.3`, with an optional pre-release or build suffix (no ranges). */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;
/** Chart sources tracklayer accepts: an https chart repository or an OCI registry. */
const PINNABLE_SOURCE = /^(https|oci):\/\//;

/** HELM_CHART_PINNED: exact chart version from an https or OCI source, no development versions, no `latest` image tag in the values. */
export const helmChartPinned: Rule = {
  id: 'HELM_CHART_PINNED',
  level: 'error',
  rationale:
    'Every helm_release installs an exact chart version (never a range, never the latest) from an https:// chart repository or an oci:// registry, without devel versions and without overriding an image tag to latest, so an apply installs what was reviewed.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    releasesOf(stack).flatMap((release): Finding[] => {
      const findings: Finding[] = [];
      const { version, repository, chart } = release.config;
      if (typeof version !== 'string' || !EXACT_VERSION.test(version)) {
        findings.push(findingAt(release, `chart version is ${version === undefined ? 'not set (the latest)' : JSON.stringify(version)}; pin an exact chart version such as 1.2.3`));
      }
      const source = typeof repository === 'string' ? repository : typeof chart === 'string' && /^[a-z]+:\/\//.test(chart) ? chart : undefined;
      if (source === undefined || (!isExpression(source) && !PINNABLE_SOURCE.test(source))) {
        findings.push(findingAt(release, `chart source is ${source === undefined ? 'a local path or not set' : JSON.stringify(source)}; install from an https:// chart repository or an oci:// registry`));
      }
      if (isTrue(release.config.devel)) findings.push(findingAt(release, 'sets devel, which lets Helm pick development versions; remove it and pin a released version'));
      for (const values of valuesOf(release)) {
        for (const { path, tag } of imageTags(values)) {
          if (tag === 'latest') findings.push(findingAt(release, `values set ${path} to latest; leave the chart's pinned image tag or set a version`));
        }
      }
      return findings;
    }),
};

/** HELM_HOST_ACCESS: every release records the host access its pods get by upstream default, each grant with a reason. */
export const helmHostAccess: Rule = {
  id: 'HELM_HOST_ACCESS',
  level: 'error',
  rationale:
    'Every helm_release records the host access its upstream chart gives its pods (privileged, host namespaces, privilege escalation, capabilities, root, host paths), each grant with a reason of at least 10 characters, or {} for none; the guardrails cannot see a chart\'s pods, so an upstream privilege is an accepted, documented exception rather than a silent skip.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) =>
    releasesOf(stack).flatMap((release): Finding[] => {
      const review = hostAccessOf(release);
      if (!isObject(review)) {
        return [
          findingAt(
            release,
            'records no host-access review; state what the chart\'s pods get on the node by upstream default, each with why, or {} for nothing (the HelmChart construct\'s hostAccess prop writes it)',
          ),
        ];
      }
      return reviewEntries(review)
        .filter(({ reason }) => typeof reason !== 'string' || reason.trim().length < LIMITS.minSuppressReason)
        .map(({ grant, reason }) => findingAt(release, `host-access grant ${grant} gives the reason ${JSON.stringify(reason)}; say in at least ${LIMITS.minSuppressReason} characters why the chart's pods need it`));
    }),
};

/** The Helm rules, in registry order. */
export const HELM_RULES: readonly Rule[] = [helmChartPinned, helmHostAccess];
