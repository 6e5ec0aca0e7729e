/**
 * The `<name>-gpu-cluster` stack: an EKS cluster in the network stack's private subnets, a
 * system node group, the GPU node groups of the capacity plan (training over an EFA fabric when
 * multi-node, one group per capacity reservation, inference across zones) with the Cluster
 * Autoscaler's node-template tags on the groups that scale, the managed add-ons, and pod
 * identities: each team's and the `inference` service account get the lakehouse access they
 * need and no more; the Cluster Autoscaler gets the right to scale this cluster's groups.
 *
 * Hybrid, by `onPrem.mode`: `hybrid-nodes` makes the cluster the control plane the on-prem
 * servers join (remote networks, the service range EKS picks, the Pod Identity agent on hybrid
 * nodes; {@link hybridNodesNetworking}); `cluster` joins nothing, and leaves remote networks an
 * earlier build set alone rather than replace the cluster to remove them; in hybrid the training
 * groups are sized for the gap the on-prem GPUs leave.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AlertTopic } from '../constructs/alerts/alert-topic';
import { GpuIdleAlarm } from '../constructs/alerts/gpu-idle-alarm';
import { MonthlyBudget } from '../constructs/alerts/monthly-budget';
import { ClusterAddons } from '../constructs/compute/cluster-addons';
import { CatalogGrants, type TablePermission } from '../constructs/governance/catalog-grants';
import { EfaFabric } from '../constructs/compute/efa-fabric';
import { EksCluster, type EksClusterProps } from '../constructs/compute/eks-cluster';
import { GpuNodeGroup } from '../constructs/compute/gpu-node-group';
import { NodeRole } from '../constructs/compute/node-role';
import { PodIdentityRole } from '../constructs/compute/pod-identity-role';
import { SystemNodeGroup } from '../constructs/compute/system-node-group';
import type { PolicyStatement } from '../constructs/iam/policy-document';
import { AccountIdentity } from '../constructs/kms/account-identity';
import { CustomerManagedKey } from '../constructs/kms/customer-managed-key';
import { readDataStatements, writeDataStatements } from '../constructs/lakehouse/access-grants';
import { eksServiceCidr } from '../needs/eks-service-cidr';
import type { OnPremNeed } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import { SYSTEM_INSTANCE, SYSTEM_NODES, monthlyComputeCost, plannedGpuGroups, type PlannedGpuGroup } from './gpu-capacity-plan';
import { CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from '../constructs/autoscaling/cluster-autoscaler';
import { clusterAutoscalerStatements } from '../constructs/autoscaling/cluster-autoscaler-permissions';
import { NodeTemplateTags } from '../constructs/autoscaling/node-template-tags';
import type { LakehouseOutputs } from './lakehouse-stack';
import type { NetworkOutputs } from './network-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** Namespaces and service accounts of the workloads without teams (the gpu-platform stack creates them). */
export const WORKLOAD_SERVICE_ACCOUNTS = [
  { namespace: 'training', serviceAccount: 'training' },
  { namespace: 'inference', serviceAccount: 'inference' },
] as const;

/**
 * Lake Formation table permissions of the workloads on the raw zone's tables (with governance):
 * read, as their S3 access is read-only for raw. Curated tables live in S3 Tables, outside the
 * Glue catalog Lake Formation governs here, and stay under IAM (s3tables actions); models are
 * objects, not tables.
 */
export const WORKLOAD_TABLE_PERMISSIONS: readonly TablePermission[] = ['SELECT', 'DESCRIBE'];

/**
 * The service accounts that get the workloads' lakehouse access: each team's (namespace and
 * account named after the team; `training` when the needs name no team) and `inference`.
 */
export function workloadServiceAccounts(needs: Pick<StackContext['needs'], 'workload'>): { namespace: string; serviceAccount: string }[] {
  const teams = needs.workload.teams.length > 0 ? needs.workload.teams.map((team) => team.name) : ['training'];
  return [...teams.map((team) => ({ namespace: team, serviceAccount: team })), { namespace: 'inference', serviceAccount: 'inference' }];
}

/** What the gpu-cluster stack gives the stacks that build on it. */
export interface GpuClusterOutputs {
  /** The cluster name. */
  readonly clusterName: string;
  /** The API server endpoint. */
  readonly endpoint: string;
  /** Base64 certificate authority data of the API server. */
  readonly certificateAuthorityData: string;
  /** The cluster security group (control plane and managed nodes). */
  readonly clusterSecurityGroupId: string;
}

/** The stacks the gpu-cluster stack builds on. */
export interface GpuClusterDependencies {
  readonly network: NetworkOutputs;
  readonly lakehouse: LakehouseOutputs;
}

/**
 * Lakehouse access of the workloads: read raw, curated and models (inference loads models,
 * training resumes from checkpoints), write models. Never a permanent delete.
 */
export function workloadDataStatements(lakehouse: LakehouseOutputs): PolicyStatement[] {
  const { raw, curated, models, kmsKeyArn, tableBucketArn } = lakehouse;
  return [
    ...readDataStatements({ bucketArns: [raw.arn, curated.arn, models.arn], kmsKeyArn, tableBucketArn }),
    ...writeDataStatements({ bucketArns: [models.arn], kmsKeyArn }),
  ];
}

/**
 * The cluster's networking for EKS Hybrid Nodes (`onPrem.mode: hybrid-nodes`): the on-prem node
 * and pod networks as remote networks (EKS routes to kubelets and webhooks through them), and
 * the service range set to the one EKS picks for this VPC (needs/eks-service-cidr), so the
 * cluster and the needs check that keeps the remote networks clear of it agree by construction.
 * Setting the range EKS already chose changes nothing on a running cluster; any other value
 * would replace it (ForceNew). Nothing in mode cluster or outside hybrid.
 */
export function hybridNodesNetworking(onPrem: OnPremNeed | undefined, vpcCidr: string): Pick<EksClusterProps, 'remoteNetworks' | 'serviceIpv4Cidr'> {
  if (!onPrem) return {};
  return {
    remoteNetworks: { nodeCidrs: [onPrem.networkCidr], podCidrs: onPrem.podCidr ? [onPrem.podCidr] : [] },
    serviceIpv4Cidr: eksServiceCidr(vpcCidr),
  };
}

/** The gpu-cluster stack. */
export class GpuClusterStack extends TracklayerStack {
  /** Typed outputs for consuming stacks. */
  readonly outputs: GpuClusterOutputs;

  constructor(scope: Construct, ref: StackRef, context: StackContext, deps: GpuClusterDependencies) {
    super(scope, ref, context);
    const { needs } = context;
    const prod = needs.environment === 'prod';
    const name = needs.name;
    const account = new AccountIdentity(this, 'account');
    const secretsKey = new CustomerManagedKey(this, 'secrets-key', {
      alias: `${name}-eks-secrets`,
      description: `Envelope encryption of Kubernetes secrets of ${name}`,
      accountRootArn: account.rootArn,
      preventDestroy: prod,
    });
    const onPrem = context.strategy === 'hybrid' ? needs.onPrem : undefined;
    const hybridNodes = onPrem?.mode === 'hybrid-nodes' ? onPrem : undefined;
    const cluster = new EksCluster(this, 'cluster', {
      name,
      subnetIds: deps.network.privateSubnetIds,
      secretsKeyArn: secretsKey.arn,
      publicAccessCidrs: needs.cloud.apiAccessCidrs,
      ...hybridNodesNetworking(hybridNodes, needs.cloud.vpcCidr),
      // Mode cluster joins no server to EKS; a cluster an earlier build gave remote networks keeps them (ForceNew).
      preserveRemoteNetworks: onPrem !== undefined && !hybridNodes,
      preventDestroy: prod,
    });
    const nodeRole = new NodeRole(this, 'node-role', { name: `${name}-eks-node` });
    const system = new SystemNodeGroup(this, 'system-nodes', {
      clusterName: cluster.name,
      name: `${name}-system`,
      nodeRoleArn: nodeRole.roleArn,
      subnetIds: deps.network.privateSubnetIds,
      minSize: SYSTEM_NODES.min,
      maxSize: SYSTEM_NODES.max,
      instanceType: SYSTEM_INSTANCE.name,
      dependsOn: nodeRole.policyAttachments,
    });
    this.addGpuGroups(needs, deps.network, cluster, nodeRole);
    const dataStatements = workloadDataStatements(deps.lakehouse);
    const addons = new ClusterAddons(this, 'addons', {
      clusterName: cluster.name,
      namePrefix: name,
      mountpointStatements: dataStatements,
      nodesReady: [system.nodeGroup],
      hybridNodes: hybridNodes !== undefined,
    });
    for (const { namespace, serviceAccount } of workloadServiceAccounts(needs)) {
      const identity = new PodIdentityRole(this, `${serviceAccount}-identity`, {
        roleName: `${name}-${serviceAccount}`,
        statements: dataStatements,
        association: { clusterName: cluster.name, namespace, serviceAccount },
      });
      identity.node.addDependency(addons.addons['eks-pod-identity-agent']);
      const governance = deps.lakehouse.governance;
      if (governance) {
        // Lake Formation grants live here, not in the lakehouse stack: they name this stack's roles, which must exist first.
        new CatalogGrants(this, `${serviceAccount}-catalog-grants`, { principalArn: identity.role.arn, databaseName: governance.rawDatabaseName, tables: '*', tablePermissions: WORKLOAD_TABLE_PERMISSIONS });
      }
    }
    // The Cluster Autoscaler (installed by the gpu-platform stack) gets its AWS permissions here.
    new PodIdentityRole(this, 'cluster-autoscaler-identity', {
      roleName: `${name}-cluster-autoscaler`,
      statements: clusterAutoscalerStatements({ clusterName: cluster.name, region: needs.cloud.region, accountId: account.accountId, partition: account.partition }),
      association: { clusterName: cluster.name, namespace: CLUSTER_AUTOSCALER_NAMESPACE, serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT },
    }).node.addDependency(addons.addons['eks-pod-identity-agent']);
    this.addAlerts(needs, account, cluster.name);
    this.outputs = {
      clusterName: cluster.name,
      endpoint: cluster.cluster.endpoint,
      certificateAuthorityData: cluster.cluster.certificateAuthority.get(0).data,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    };
    this.addOutputs(needs);
  }

  /**
   * The GPU node groups of the capacity plan, each in its zones' private subnets (the network
   * stack's subnets are in `cloud.zoneIds` order), EFA groups on the fabric of their zone (no
   * placement group for reserved capacity), and node-template tags on every group that can
   * scale, so the Cluster Autoscaler can grow it from zero.
   */
  private addGpuGroups(needs: StackContext['needs'], network: NetworkOutputs, cluster: EksCluster, nodeRole: NodeRole): void {
    const name = needs.name;
    const fabrics = new Map<string, EfaFabric>();
    const fabricFor = (group: PlannedGpuGroup): EfaFabric => {
      // One fabric per zone: the first (unreserved) keeps the construct id it always had.
      const zone = group.zoneIds[0];
      const key = group.reservationId ? `${group.workload}-efa-${zone}` : `${group.workload}-efa`;
      let fabric = fabrics.get(key);
      if (!fabric) {
        fabric = new EfaFabric(this, key, { name: `${name}-${key}`, vpcId: network.vpcId, placementGroup: group.reservationId === undefined });
        fabrics.set(key, fabric);
      }
      return fabric;
    };
    for (const group of plannedGpuGroups(needs)) {
      const efa = group.efa ? fabricFor(group) : undefined;
      const nodes = new GpuNodeGroup(this, `${group.key}-nodes`, {
        clusterName: cluster.name,
        name: `${name}-${group.key}`,
        nodeRoleArn: nodeRole.roleArn,
        subnetIds: group.zoneIds.map((zone) => subnetOfZone(network, zone)),
        instance: group.instance,
        minSize: group.minSize,
        maxSize: group.maxSize,
        capacityType: group.capacityType,
        capacityReservationId: group.reservationId,
        workload: group.workload,
        efa,
        clusterSecurityGroupId: efa ? cluster.clusterSecurityGroupId : undefined,
        dependsOn: nodeRole.policyAttachments,
      });
      if (group.minSize < group.maxSize) new NodeTemplateTags(this, `${group.key}-autoscaler-tags`, { nodeGroup: nodes.nodeGroup, template: nodes.template });
    }
  }

  /** `<name>-alerts`: idle GPUs and the monthly budget notify it. */
  private addAlerts(needs: StackContext['needs'], account: AccountIdentity, clusterName: string): void {
    const alerts = new AlertTopic(this, 'alerts', { name: `${needs.name}-alerts`, accountId: account.accountId, accountRootArn: account.rootArn });
    if (plannedGpuGroups(needs).length > 0) {
      new GpuIdleAlarm(this, 'gpu-idle-alarm', { name: `${needs.name}-gpu-idle`, clusterName, topicArn: alerts.topic.arn });
    }
    if (needs.business.monthlyBudgetUsd !== undefined) {
      new MonthlyBudget(this, 'budget', { name: `${needs.name}-monthly`, limitUsd: needs.business.monthlyBudgetUsd, project: needs.name, topicArn: alerts.topic.arn });
    }
    new TerraformOutput(this, 'alerts_topic_arn', { value: alerts.topic.arn, description: 'Subscribe to this topic to receive GPU-idle and budget alerts' });
  }

  private addOutputs(needs: StackContext['needs']): void {
    new TerraformOutput(this, 'cluster_name', { value: this.outputs.clusterName, description: 'The EKS cluster name' });
    new TerraformOutput(this, 'cluster_endpoint', { value: this.outputs.endpoint, description: 'The EKS API endpoint' });
    new TerraformOutput(this, 'cluster_certificate_authority_data', { value: this.outputs.certificateAuthorityData, description: 'Base64 CA data of the API server' });
    const cost = monthlyComputeCost(needs);
    new TerraformOutput(this, 'estimated_monthly_cost_usd', {
      value: { min_scale: cost.minUsd, max_scale: cost.maxUsd, assumptions: cost.assumptions },
      description: 'Estimated monthly compute cost at min and max scale',
    });
  }
}

/** The private subnet of `zoneId`: the network stack lists subnets in the order of its zone ids. */
function subnetOfZone(network: NetworkOutputs, zoneId: string): string {
  const index = network.zoneIds.indexOf(zoneId);
  if (index < 0) throw new Error(`zone ${zoneId} has no subnet in the network stack (zones: ${network.zoneIds.join(', ')}); the capacity plan and the network disagree`);
  return network.privateSubnetIds[index];
}
