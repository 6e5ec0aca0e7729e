/**
 * What to check after a non-edge stack deploys, as runnable commands: the resource the stack
 * exists for is up (the VPC available, the buckets there, the edge CA active and the trust
 * anchor enabled, the cluster ACTIVE, the workload namespaces present, each team's queue
 * Active, the VPN tunnels up) and
 * the GPU-idle alarm is not firing. Resources are found by name or by the `tracklayer:stack`
 * tag every AWS resource carries (stacks/tracklayer-stack `defaultTags`).
 */
import type { Needs } from '../needs/schema';
import { plannedGpuGroups } from '../stacks/gpu-capacity-plan';
import type { StackRef } from '../strategy/stack-plan';
import type { RolloutCheck } from './rollout-check';
import { expectAtLeast, expectOutput, shellCommand } from './shell';

/** The data zones the lakehouse always builds: raw, curated, models, and their access logs. */
const LAKEHOUSE_BUCKETS = 4;

/** The workload namespaces the GPU platform creates: each team's (`training` by default) and `inference`. */
function workloadNamespaces(needs: Needs): string[] {
  const teams = needs.workload.teams.map((team) => team.name);
  return [...(teams.length > 0 ? teams : ['training']), 'inference'];
}

function tagged(region: string, stack: string, ...rest: string[]): string[] {
  return ['aws', 'resourcegroupstaggingapi', 'get-resources', '--region', region, '--tag-filters', `Key=tracklayer:stack,Values=${stack}`, ...rest];
}

/** Post-deploy checks of a non-edge stack. */
export function stackValidationChecks(needs: Needs, stack: StackRef, edgeCentric: boolean): RolloutCheck[] {
  const region = needs.cloud.region;
  const check = (id: string, detail: string, command: string): RolloutCheck => ({ id, stack: stack.name, detail, command });
  switch (stack.role) {
    case 'network':
      return [check('status', 'the VPC is available', expectOutput(['aws', 'ec2', 'describe-vpcs', '--region', region, '--filters', `Name=tag:tracklayer:stack,Values=${stack.name}`, '--query', 'Vpcs[0].State', '--output', 'text'], '=', 'available'))];
    case 'lakehouse':
      return [
        check('status', `the ${LAKEHOUSE_BUCKETS} lakehouse buckets exist`, expectAtLeast(tagged(region, stack.name, '--resource-type-filters', 's3', '--query', 'length(ResourceTagMappingList)', '--output', 'text'), LAKEHOUSE_BUCKETS)),
        ...(edgeCentric
          ? [
              check('status', 'the edge private CA is ACTIVE (its root certificate is installed)', expectOutput(['aws', 'acm-pca', 'list-certificate-authorities', '--region', region, '--query', `CertificateAuthorities[?CertificateAuthorityConfiguration.Subject.CommonName=='${needs.name} edge devices'].Status | [0]`, '--output', 'text'], '=', 'ACTIVE')),
              check('status', 'the Roles Anywhere trust anchor is enabled', expectOutput(['aws', 'rolesanywhere', 'list-trust-anchors', '--region', region, '--query', `trustAnchors[?name=='${needs.name}-edge'].enabled | [0]`, '--output', 'text'], '=', 'True')),
            ]
          : []),
      ];
    case 'gpu-cluster':
      return [
        check('status', 'the EKS cluster is ACTIVE', expectOutput(['aws', 'eks', 'describe-cluster', '--region', region, '--name', needs.name, '--query', 'cluster.status', '--output', 'text'], '=', 'ACTIVE')),
        ...(plannedGpuGroups(needs).length > 0
          ? [check('alarm', `the GPU-idle alarm ${needs.name}-gpu-idle is not in ALARM (OK, or INSUFFICIENT_DATA until GPU metrics arrive)`, expectOutput(['aws', 'cloudwatch', 'describe-alarms', '--region', region, '--alarm-names', `${needs.name}-gpu-idle`, '--query', 'MetricAlarms[0].StateValue', '--output', 'text'], '!=', 'ALARM'))]
          : []),
      ];
    case 'gpu-platform':
      return [
        check(
          'status',
          `the workload namespaces exist on the EKS cluster (${workloadNamespaces(needs).join(', ')})`,
          `${shellCommand(['aws', 'eks', 'update-kubeconfig', '--region', region, '--name', needs.name, '--alias', needs.name])} && ${shellCommand(['kubectl', '--context', needs.name, 'get', 'namespace', ...workloadNamespaces(needs)])}`,
        ),
      ];
    case 'gpu-queues':
      // Kueue marks a ClusterQueue Active once its flavors and cohort exist and its quota is valid.
      return needs.workload.teams.map((team) =>
        check(
          'status',
          `Kueue's ClusterQueue ${team.name} is Active`,
          `${shellCommand(['aws', 'eks', 'update-kubeconfig', '--region', region, '--name', needs.name, '--alias', needs.name])} && ${expectOutput(['kubectl', '--context', needs.name, 'get', 'clusterqueue', team.name, '-o', 'jsonpath={.status.conditions[?(@.type=="Active")].status}'], '=', 'True')}`,
        ),
      );
    case 'connectivity':
      return [check('status', 'at least one VPN tunnel is UP', expectAtLeast(['aws', 'ec2', 'describe-vpn-connections', '--region', region, '--filters', `Name=tag:tracklayer:stack,Values=${stack.name}`, '--query', "VpnConnections[0].VgwTelemetry[?Status=='UP'] | length(@)", '--output', 'text'], 1))];
    case 'onprem-platform': {
      const context = needs.onPrem?.kubeContext;
      return context ? [check('status', `the workload namespaces exist on the on-prem cluster (${workloadNamespaces(needs).join(', ')})`, shellCommand(['kubectl', '--context', context, 'get', 'namespace', ...workloadNamespaces(needs)]))] : [];
    }
    default:
      return [];
  }
}
