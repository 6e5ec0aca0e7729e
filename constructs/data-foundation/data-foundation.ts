/**
 * The data foundation on a lakehouse (issue 17): streaming ingestion into raw, quality rules on
 * the stream's table, PII detection, Lake Formation governance, and the `<name>-data-alerts`
 * topic they all report to, as the plan (./data-foundation-plan) calls for them.
 *
 * Why its own alerts topic: the project's `<name>-alerts` topic lives in the gpu-cluster stack,
 * which deploys after the lakehouse stack and does not exist at all in some strategies (hybrid
 * without burst, edge-centric without training). Data alarms must work from the lakehouse's
 * first deploy, so they get a topic here; subscribe the data owners to it (stack output
 * `data_alerts_topic_arn`). EventBridge (Macie findings, failed quality evaluations) and
 * CloudWatch (lag alarms) publish to it.
 *
 * How a PII finding reaches people: Macie's daily job → finding → EventBridge rule
 * (`<name>-pii-findings`) → `<name>-data-alerts` → its subscribers.
 */
import { Construct } from 'constructs';
import { AlertTopic, DATA_ALERT_PUBLISHERS } from '../alerts/alert-topic';
import { CatalogGrants } from '../governance/catalog-grants';
import { LakeFormationRegistration } from '../governance/lake-formation-registration';
import { PiiDetection } from '../governance/pii-detection';
import type { Lakehouse } from '../lakehouse/lakehouse';
import { StreamQuality } from '../quality/stream-quality';
import { ARRIVAL_PARTITIONS } from '../streaming/raw-delivery-stream';
import { INGEST_STREAM, StreamingIngest, type StreamingNetwork } from '../streaming/streaming-ingest';
import type { DataFoundationPlan } from './data-foundation-plan';
import type { DataPrincipals } from './data-principals';

/** Table permissions of the quality role on the stream table: read it, and ALTER to add partitions (the crawler). */
export const QUALITY_TABLE_PERMISSIONS = ['SELECT', 'DESCRIBE', 'ALTER'] as const;

/** Props of {@link DataFoundation}. */
export interface DataFoundationProps {
  /** The project name. */
  readonly namePrefix: string;
  readonly plan: DataFoundationPlan;
  /** The principals made before the lakehouse. */
  readonly principals: DataPrincipals;
  readonly lakehouse: Lakehouse;
  readonly region: string;
  /**
   * The network, for a Kafka stream's brokers.
   * @default - none (required when the plan streams from Kafka)
   */
  readonly network?: StreamingNetwork;
  /**
   * Refuse plans that destroy the stream's cluster or Kinesis stream.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The parts of the data foundation. */
export class DataFoundation extends Construct {
  readonly alerts: AlertTopic;
  readonly streaming?: StreamingIngest;
  readonly quality?: StreamQuality;
  readonly pii?: PiiDetection;
  readonly lakeFormation?: LakeFormationRegistration;

  constructor(scope: Construct, id: string, props: DataFoundationProps) {
    super(scope, id);
    const { plan, principals, lakehouse } = props;
    const { account } = lakehouse;
    const name = props.namePrefix;
    this.alerts = new AlertTopic(this, 'alerts', { name: `${name}-data-alerts`, accountId: account.accountId, accountRootArn: account.rootArn, publishers: DATA_ALERT_PUBLISHERS });
    const raw = lakehouse.zones.raw;
    const kmsKeyArn = lakehouse.key.arn;
    const where = { region: props.region, accountId: account.accountId, partition: account.partition };
    if (plan.streaming && principals.deliveryRole) {
      this.streaming = new StreamingIngest(this, 'streaming', {
        namePrefix: name,
        need: plan.streaming,
        kafkaDeployment: plan.kafkaDeployment,
        network: props.network,
        deliveryRole: principals.deliveryRole,
        rawBucketArn: raw.arn,
        kmsKeyArn,
        alertsTopicArn: this.alerts.topic.arn,
        preventDestroy: props.preventDestroy,
        ...where,
      });
      if (plan.quality && principals.qualityRole) {
        this.quality = new StreamQuality(this, 'quality', {
          namePrefix: name,
          stream: INGEST_STREAM,
          need: plan.quality,
          qualityRole: principals.qualityRole,
          rawBucket: { name: raw.name, arn: raw.arn },
          landingPrefix: this.streaming.landingPrefix,
          partitionColumns: ARRIVAL_PARTITIONS.map((p) => p.name),
          databaseName: lakehouse.catalog.rawDatabase.name,
          kmsKeyArn,
          lineage: { producerArn: this.streaming.delivery.arn, sourceArn: this.streaming.sourceArn, sourceTopic: INGEST_STREAM },
          alertsTopicArn: this.alerts.topic.arn,
          ...where,
        });
      }
    }
    const governedBuckets = [lakehouse.zones.raw, lakehouse.zones.curated];
    if (plan.piiDetection && principals.macie) {
      this.pii = new PiiDetection(this, 'pii-detection', {
        namePrefix: name,
        accountId: account.accountId,
        bucketNames: governedBuckets.map((b) => b.name),
        alertsTopicArn: this.alerts.topic.arn,
        macieEnabled: principals.macie.account,
      });
    }
    if (plan.governance) {
      this.lakeFormation = new LakeFormationRegistration(this, 'lake-formation', {
        roleName: `${name}-lakeformation`,
        locations: [
          { id: 'raw', bucketArn: lakehouse.zones.raw.arn },
          { id: 'curated', bucketArn: lakehouse.zones.curated.arn },
        ],
        kmsKeyArn,
      });
      if (this.quality && principals.qualityRole) {
        new CatalogGrants(this, 'quality-grants', {
          principalArn: principals.qualityRole.arn,
          databaseName: lakehouse.catalog.rawDatabase.name,
          tables: [INGEST_STREAM],
          tablePermissions: QUALITY_TABLE_PERMISSIONS,
          dataLocations: [lakehouse.zones.raw.arn],
          dependsOn: [this.lakeFormation.resources.raw, this.quality.table.table],
        });
      }
    }
  }
}
