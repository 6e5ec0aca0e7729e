/**
 * Where the Kubernetes stacks can be planned from. The gpu-platform stack configures its
 * Kubernetes and Helm providers on the EKS API endpoint, so `terraform plan` of that stack must
 * reach the endpoint. With no `cloud.apiAccessCidrs` the endpoint is private (NEEDS-v1): only
 * addresses inside the VPC, or networks routed into it, reach it. The supported paths
 * (README "Reaching a private cluster API"):
 * - a runner inside the VPC (a self-hosted CI runner in a private subnet), or a machine on a
 *   network routed into it (the site-to-site VPN of the hybrid strategy);
 * - a named public CIDR in `cloud.apiAccessCidrs` (the CI runner's or the office's egress range),
 *   which opens the endpoint to that range only (EKS_ENDPOINT then asks for a suppression that
 *   says why).
 * A pure function of the needs and the planned stacks; selectStrategy adds it to the selection's
 * warnings, which `select` (text and --json), `synth` and `preview` show.
 */
import type { Needs } from '../needs/schema';
import type { StackRef } from './stack-plan';

/** The warnings about where the Kubernetes stacks of this plan can be planned and applied from. */
export function clusterAccessWarnings(needs: Needs, stacks: readonly StackRef[]): string[] {
  const platform = stacks.find((stack) => stack.role === 'gpu-platform');
  if (platform === undefined || (needs.cloud.apiAccessCidrs?.length ?? 0) > 0) return [];
  return [
    `cloud.apiAccessCidrs is not set, so the EKS API endpoint of ${needs.name} is private: ${platform.name} can be planned and applied only from inside the VPC ` +
      `(a self-hosted runner in a private subnet, or a machine on the VPN) or from a public CIDR listed in cloud.apiAccessCidrs; ` +
      `a laptop or a hosted CI runner cannot reach it (README "Reaching a private cluster API")`,
  ];
}
