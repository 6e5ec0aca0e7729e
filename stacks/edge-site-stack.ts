/**
 * The `<name>-edge-<site>` stack of the edge-centric strategy, one per site and independent of
 * every other site (a broken site never blocks the rest): the GPU platform for the site's
 * hardware on its own cluster (kubeconfig context `kubeContext`), the inference service with one
 * replica per node, and the site's AWS identity (an IoT thing and policy) for pulling its models
 * with short-lived credentials through the project's role alias.
 */
import type { Construct } from 'constructs';
import { EdgeDeviceIdentity } from '../constructs/edge/edge-device-identity';
import { EdgeInferenceService } from '../constructs/edge/edge-inference-service';
import { edgeRoleAliasName } from '../constructs/edge/edge-model-access';
import { AccountIdentity } from '../constructs/kms/account-identity';
import { siteModelPrefix } from '../constructs/lakehouse/access-grants';
import { GpuPlatform } from '../constructs/platform/gpu-platform';
import { edgePlatformProfile } from '../constructs/platform/platform-profile';
import type { EdgeSite } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import type { LakehouseOutputs } from './lakehouse-stack';
import { configureClusterProviders } from './cluster-access';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** One edge site's stack. */
export class EdgeSiteStack extends TracklayerStack {
  constructor(scope: Construct, ref: StackRef, context: StackContext, site: EdgeSite, lakehouse: LakehouseOutputs) {
    super(scope, ref, context);
    const { needs } = context;
    configureClusterProviders(this, { kind: 'kubeconfig', context: site.kubeContext });
    const platform = new GpuPlatform(this, 'platform', edgePlatformProfile(site));
    const roleAlias = edgeRoleAliasName(needs.name);
    new EdgeInferenceService(this, 'inference', {
      site: site.name,
      hardware: site.hardware,
      replicas: site.nodes,
      namespace: platform.tenancy.namespaces.inference.metadata.name,
      modelRepository: `s3://${lakehouse.models.name}/${siteModelPrefix(site.name)}`,
      region: needs.cloud.region,
      latencyBudgetMs: needs.workload.inference!.latencyMs, // a site exists only inside workload.inference
      roleAlias,
    });
    const account = new AccountIdentity(this, 'account');
    new EdgeDeviceIdentity(this, 'device-identity', {
      project: needs.name,
      site: site.name,
      region: needs.cloud.region,
      accountId: account.accountId,
      roleAliasName: roleAlias,
      attributes: { hardware: site.hardware, nodes: String(site.nodes) },
    });
  }
}
