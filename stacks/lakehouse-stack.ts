/**
 * The `<name>-lakehouse` stack: S3 data zones (raw, curated, models) and their access-log
 * bucket, a customer-managed KMS key, and the catalog (S3 Tables for Iceberg, Glue for raw),
 * in `cloud.region`.
 *
 * From the needs:
 * - `data.tiers` → lifecycle transitions (days S3 would reject fail needs validation first);
 * - `data.tableFormat` → the S3 Tables table bucket or not;
 * - `data.retentionDays` → object lock on raw and curated (models get none: checkpoints would
 *   pile up undeletable), COMPLIANCE mode when `business.compliance` has hipaa, GOVERNANCE
 *   otherwise (see {@link retentionFor});
 * - `environment: prod` → `prevent_destroy` on every bucket, the table bucket and the key;
 * - a network (hybrid strategy) → raw and curated objects reachable only through its S3
 *   endpoints (the gateway for cloud pods, the interface endpoint for on-prem) or by Athena for a
 *   caller, and the IAM policy that lets Athena users query only through the VPC's Athena endpoint;
 * - the edge-centric strategy → the edge fleet's root of trust: a private CA that signs the
 *   sites' certificates and the IAM Roles Anywhere trust anchor on it (EdgeTrustAnchor);
 * - `data.streaming`, `data.quality`, `business.compliance` → the data foundation (streaming into
 *   raw, quality rules, Macie PII detection, Lake Formation; see constructs/data-foundation).
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { DataFoundation } from '../constructs/data-foundation/data-foundation';
import { dataFoundationPlan } from '../constructs/data-foundation/data-foundation-plan';
import { DataPrincipals } from '../constructs/data-foundation/data-principals';
import { EdgeTrustAnchor } from '../constructs/edge/edge-trust-anchor';
import { AthenaQueryPolicy } from '../constructs/lakehouse/athena-query-policy';
import { glueDatabaseName } from '../constructs/lakehouse/lakehouse-catalog';
import { INGEST_STREAM } from '../constructs/streaming/streaming-ingest';
import { Lakehouse } from '../constructs/lakehouse/lakehouse';
import type { ObjectLockRetention } from '../constructs/lakehouse/secure-bucket';
import type { Needs } from '../needs/schema';
import type { StackRef } from '../strategy/stack-plan';
import type { NetworkOutputs } from './network-stack';
import { TracklayerStack, type StackContext } from './tracklayer-stack';

/** A bucket other stacks can name. */
export interface BucketOutput {
  /** The bucket name (generated from `<name>-<zone>-`). */
  readonly name: string;
  /** The bucket ARN. */
  readonly arn: string;
}

/** What the lakehouse stack gives the stacks that build on it. */
export interface LakehouseOutputs {
  /** Data as it lands. */
  readonly raw: BucketOutput;
  /** Cleaned, table-formatted data. */
  readonly curated: BucketOutput;
  /** Checkpoints and model artifacts; edge site `<s>` reads `sites/<s>/`. */
  readonly models: BucketOutput;
  /** Server access logs of the three data buckets. */
  readonly logs: BucketOutput;
  /** The key every data object and table is encrypted with (readers need kms:Decrypt on it). */
  readonly kmsKeyArn: string;
  /** The S3 Tables table bucket (tableFormat iceberg only). */
  readonly tableBucketArn?: string;
  /** The Glue database of the raw zone, `<name>_raw`. */
  readonly glueDatabaseName: string;
  /** The IAM Roles Anywhere trust anchor edge sites authenticate against (edge-centric only). */
  readonly edgeTrustAnchorArn?: string;
  /**
   * Lake Formation governance of the lakehouse (when `business.compliance` is not empty): the
   * stacks whose roles read the lakehouse grant those roles catalog access here.
   */
  readonly governance?: {
    /** The raw zone's Glue database name, as a plain string (no cross-stack reference). */
    readonly rawDatabaseName: string;
  };
}

/**
 * Object lock retention of raw and curated from the needs (the models zone never gets one, see
 * RETAINED_ZONES in the lakehouse construct): none without `data.retentionDays`; COMPLIANCE (nobody,
 * not even the root user, can shorten it or delete early) when `business.compliance` includes
 * hipaa, whose records must survive a compromised administrator; GOVERNANCE (principals with
 * s3:BypassGovernanceRetention can still delete) otherwise.
 */
export function retentionFor(needs: Needs): ObjectLockRetention | undefined {
  const days = needs.data.retentionDays;
  if (days === undefined) return undefined;
  return { mode: needs.business.compliance.includes('hipaa') ? 'COMPLIANCE' : 'GOVERNANCE', days };
}

/** The lakehouse stack. */
export class LakehouseStack extends TracklayerStack {
  /** Typed outputs for consuming stacks (cross-stack references). */
  readonly outputs: LakehouseOutputs;
  /** The lakehouse construct (grant verbs: grantReadData, grantReadWriteData, grantSiteModelRead). */
  readonly lakehouse: Lakehouse;

  /** The data foundation, when the needs call for it. */
  readonly dataFoundation?: DataFoundation;

  /**
   * @param network the network stack's outputs: in the hybrid strategy raw and curated object
   *   access is confined to its S3 endpoints (gateway, and the interface endpoint on-prem uses);
   *   a Kafka stream's brokers live in its private subnets.
   */
  constructor(scope: Construct, ref: StackRef, context: StackContext, network?: NetworkOutputs) {
    super(scope, ref, context);
    const { needs } = context;
    const confine = context.strategy === 'hybrid' && network !== undefined;
    const plan = dataFoundationPlan(needs);
    // Made before the lakehouse: its key policy and network deny name them.
    const principals = plan ? new DataPrincipals(this, 'data-principals', { namePrefix: needs.name, plan }) : undefined;
    this.lakehouse = new Lakehouse(this, 'lakehouse', {
      namePrefix: needs.name,
      region: needs.cloud.region,
      tiers: needs.data.tiers,
      tableFormat: needs.data.tableFormat,
      retention: retentionFor(needs),
      preventDestroy: needs.environment === 'prod',
      vpcEndpointIds: confine && network ? lakehouseEndpointIds(network) : undefined,
      networkExemptPrincipalArns: confine ? principals?.networkExemptPrincipalArns : undefined,
      additionalKeyStatements: principals?.keyStatements,
    });
    const { zones, logBucket } = this.lakehouse;
    const bucket = (b: { name: string; arn: string }): BucketOutput => ({ name: b.name, arn: b.arn });
    // Edge sites prove who they are with certificates from this CA; each site's stack trusts the anchor.
    const edgeTrust = context.strategy === 'edge-centric' ? new EdgeTrustAnchor(this, 'edge-trust', { project: needs.name, preventDestroy: needs.environment === 'prod' }) : undefined;
    this.outputs = {
      raw: bucket(zones.raw),
      curated: bucket(zones.curated),
      models: bucket(zones.models),
      logs: bucket(logBucket),
      kmsKeyArn: this.lakehouse.key.arn,
      tableBucketArn: this.lakehouse.tableBucketArn,
      glueDatabaseName: this.lakehouse.catalog.rawDatabase.name,
      edgeTrustAnchorArn: edgeTrust?.trustAnchor.arn,
      ...(plan?.governance ? { governance: { rawDatabaseName: glueDatabaseName(needs.name, 'raw') } } : {}),
    };
    for (const zone of ['raw', 'curated', 'models', 'logs'] as const) {
      new TerraformOutput(this, `${zone}_bucket_name`, { value: this.outputs[zone].name, description: `The ${zone} bucket name` });
      new TerraformOutput(this, `${zone}_bucket_arn`, { value: this.outputs[zone].arn, description: `The ${zone} bucket ARN` });
    }
    new TerraformOutput(this, 'kms_key_arn', { value: this.outputs.kmsKeyArn, description: 'The KMS key of the lakehouse data' });
    if (this.outputs.tableBucketArn) {
      new TerraformOutput(this, 'table_bucket_arn', { value: this.outputs.tableBucketArn, description: 'The S3 Tables table bucket (Iceberg)' });
    }
    if (edgeTrust) {
      new TerraformOutput(this, 'edge_trust_anchor_arn', { value: edgeTrust.trustAnchor.arn, description: 'IAM Roles Anywhere trust anchor of the edge sites' });
      new TerraformOutput(this, 'edge_certificate_authority_arn', { value: edgeTrust.certificateAuthority.arn, description: 'Private CA that signs edge site certificates (aws acm-pca issue-certificate)' });
    }
    new TerraformOutput(this, 'glue_database_name', { value: this.outputs.glueDatabaseName, description: 'The Glue database of the raw zone' });
    if (plan && principals) {
      this.dataFoundation = new DataFoundation(this, 'data-foundation', {
        namePrefix: needs.name,
        plan,
        principals,
        lakehouse: this.lakehouse,
        region: needs.cloud.region,
        network: network && { vpcId: network.vpcId, vpcCidr: network.vpcCidr, privateSubnetIds: network.privateSubnetIds },
        preventDestroy: needs.environment === 'prod',
      });
      this.addDataFoundationOutputs(this.dataFoundation);
    }
    if (network?.onPrem) this.addAthenaQueryPolicy(network.onPrem.athenaEndpointId);
  }

  /** The Athena grant of the confined lakehouse (constructs/lakehouse/athena-query-policy). */
  private addAthenaQueryPolicy(athenaEndpointId: string): void {
    const { needs } = this.context;
    const athena = new AthenaQueryPolicy(this, 'athena-query', {
      namePrefix: needs.name,
      region: needs.cloud.region,
      accountId: this.lakehouse.account.accountId,
      partition: this.lakehouse.account.partition,
      athenaEndpointId,
      glueDatabaseNames: [this.outputs.glueDatabaseName],
      dataReadStatements: this.lakehouse.readDataStatements(['raw', 'curated']),
    });
    new TerraformOutput(this, 'athena_query_policy_arn', { value: athena.policy.arn, description: 'Attach to the roles that query the lakehouse with Athena (only through the VPC Athena endpoint)' });
  }

  /** Outputs people and producers need: where to subscribe, what to attach, where to connect. */
  private addDataFoundationOutputs(foundation: DataFoundation): void {
    new TerraformOutput(this, 'data_alerts_topic_arn', { value: foundation.alerts.topic.arn, description: 'Subscribe data owners here: stream lag, PII findings, failed quality checks' });
    const streaming = foundation.streaming;
    if (!streaming) return;
    new TerraformOutput(this, 'ingest_producer_policy_arn', { value: streaming.producerPolicy.policy.arn, description: 'Attach to producer roles: write the ingest stream' });
    new TerraformOutput(this, 'ingest_delivery_stream_name', { value: streaming.delivery.name, description: 'The Firehose stream that delivers the ingest stream into raw' });
    const carrier = streaming.carrier;
    if (carrier.kind === 'kinesis') {
      new TerraformOutput(this, 'kinesis_stream_name', { value: carrier.stream.name, description: 'The Kinesis data stream producers write to' });
    } else {
      new TerraformOutput(this, 'kafka_bootstrap_brokers', { value: carrier.cluster.bootstrapBrokers, description: 'Bootstrap brokers (TLS, IAM authentication) inside the VPC' });
      new TerraformOutput(this, 'kafka_topic', { value: INGEST_STREAM, description: 'The topic producers write to' });
      const partitions = carrier.kind === 'msk-provisioned' ? carrier.sizing.partitions : carrier.partitions;
      new TerraformOutput(this, 'kafka_topic_partitions', { value: partitions, description: 'Partitions of the topic (MSK Serverless: create the topic with this many)' });
    }
  }
}

/** The endpoints raw and curated accept: the S3 gateway, and the interface endpoint on-prem uses. */
export function lakehouseEndpointIds(network: NetworkOutputs): string[] {
  return [network.s3EndpointId, ...(network.onPrem ? [network.onPrem.s3InterfaceEndpointId] : [])];
}
