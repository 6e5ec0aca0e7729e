/**
 * The `<name>-edge-<site>` stack of the edge-centric strategy, one per site and independent of
 * every other site (a broken site never blocks the rest): the GPU platform for the site's
 * hardware on its own cluster (kubeconfig context `kubeContext`), the inference service with one
 * replica per node, and the site's AWS identity: a role that reads only `sites/<site>/` of the
 * models bucket and a Roles Anywhere profile for it, trusted for the site's certificate from
 * the project's trust anchor (lakehouse stack).
 *
 * The credential chain, end to end: Triton's S3 client → the credential helper in the same pod
 * (127.0.0.1:9911, IMDSv2 shape) → Roles Anywhere CreateSession with the site's certificate
 * (Secret `edge-device-certificate`, made on the site) → the trust anchor (the project's
 * private CA) → this stack's role, whose trust policy requires CN = <site> → its policy, which
 * reads `sites/<site>/` only. Sessions last one hour and are refreshed by the helper.
 */
import type { Construct } from 'constructs';
import { EdgeInferenceService } from '../constructs/edge/edge-inference-service';
import { EdgeSiteCredentials } from '../constructs/edge/edge-site-credentials';
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
    if (!lakehouse.edgeTrustAnchorArn) throw new Error(`${ref.name}: the lakehouse stack has no edge trust anchor (it builds one in the edge-centric strategy)`);
    configureClusterProviders(this, { kind: 'kubeconfig', context: site.kubeContext });
    const platform = new GpuPlatform(this, 'platform', edgePlatformProfile(site));
    const credentials = new EdgeSiteCredentials(this, 'credentials', {
      project: needs.name,
      site: site.name,
      trustAnchorArn: lakehouse.edgeTrustAnchorArn,
      modelsBucketArn: lakehouse.models.arn,
      kmsKeyArn: lakehouse.kmsKeyArn,
    });
    new EdgeInferenceService(this, 'inference', {
      site: site.name,
      hardware: site.hardware,
      replicas: site.nodes,
      namespace: platform.tenancy.namespaces.inference.metadata.name,
      modelRepository: `s3://${lakehouse.models.name}/${siteModelPrefix(site.name)}`,
      region: needs.cloud.region,
      latencyBudgetMs: needs.workload.inference!.latencyMs, // a site exists only inside workload.inference
      credentials: { trustAnchorArn: lakehouse.edgeTrustAnchorArn, profileArn: credentials.profile.arn, roleArn: credentials.role.arn },
    });
  }
}
