/**
 * The lakehouse: three data zones and an access-log bucket, one customer-managed key, and the
 * catalog, composed so that data cannot be lost by accident.
 *
 * | zone      | holds                                   | tiers move            | confined to VPC endpoints |
 * |-----------|-----------------------------------------|-----------------------|---------------------------|
 * | `raw`     | data as it lands                        | current versions      | when endpoints are given  |
 * | `curated` | cleaned, table-formatted data           | current versions      | when endpoints are given  |
 * | `models`  | checkpoints and artifacts; `sites/<s>/` | noncurrent versions   | no: edge sites read it    |
 * | logs      | server access logs of the three above   | none; expire          | no                        |
 *
 * Data zones: SSE-KMS with the lakehouse key and a bucket key, versioning, access logs to the log
 * bucket, and object lock on raw and curated when a retention is given (never on models: see
 * {@link RETAINED_ZONES}). Current versions of raw and curated data never expire; models keep
 * their current versions in STANDARD for fast loading.
 */
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AccountIdentity } from '../kms/account-identity';
import { CustomerManagedKey } from '../kms/customer-managed-key';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';
import { readDataStatements, siteModelReadStatements, writeDataStatements, type DataResources } from './access-grants';
import { BucketEncryption } from './bucket-encryption';
import { LakehouseCatalog, tableBucketNameFor, tableMaintenanceKeyStatement, type TableFormat } from './lakehouse-catalog';
import { LakehouseError } from './lakehouse-error';
import { SecureBucket, type ObjectLockRetention } from './secure-bucket';
import type { TierDays } from '../../catalog/s3-lifecycle-rules';

/** The data zones, in the order data flows. */
export const DATA_ZONES = ['raw', 'curated', 'models'] as const;
/** A data zone. */
export type DataZone = (typeof DATA_ZONES)[number];

/** Zones a network restriction applies to: raw and curated hold the data; edge sites read models over the internet. */
export const NETWORK_CONFINED_ZONES: readonly DataZone[] = ['raw', 'curated'];

/**
 * Zones a retention (object lock) applies to: raw and curated hold the records a retention
 * obligation is about. Models hold checkpoints and artifacts derived from that data: training
 * writes one every few minutes to hours, and versioning already keeps overwritten and deleted ones
 * recoverable for the noncurrent-version period. Under a lock, every checkpoint (hundreds of GB
 * for a large model) would stay undeletable for the whole retention (7 years in the hybrid
 * example, even by the root user in COMPLIANCE mode), and lifecycle rules cannot expire locked
 * versions, so the models bucket would only grow. GOVERNANCE mode would not help: routine
 * clean-up would need s3:BypassGovernanceRetention, which is exactly what a lock is meant to
 * withhold. So models get no lock.
 */
export const RETAINED_ZONES: readonly DataZone[] = ['raw', 'curated'];

/** Access logs are kept a year: most investigations look back months, and PCI DSS asks for a year of audit logs. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 365;

/** Props of {@link Lakehouse}. */
export interface LakehouseProps {
  /** The project name, e.g. `acme-ml`: buckets are `<name>-<zone>-<suffix>`. */
  readonly namePrefix: string;
  /** The region (for the table bucket ARN the key policy names). */
  readonly region: string;
  /**
   * When current (raw, curated) or noncurrent (models) versions move to colder classes; days
   * S3 would reject (see `tierProblems`) throw a LakehouseError naming the tier.
   */
  readonly tiers: TierDays;
  /**
   * `iceberg` adds an S3 Tables table bucket for curated tables.
   * @default 'iceberg'
   */
  readonly tableFormat?: TableFormat;
  /**
   * Object lock default retention for the zones of {@link RETAINED_ZONES} (raw and curated).
   * @default - no object lock
   */
  readonly retention?: ObjectLockRetention;
  /**
   * Refuse plans that destroy the data buckets, the log bucket, the table bucket or the key.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Confine object access of raw and curated to these VPC endpoints.
   * @default - any network
   */
  readonly vpcEndpointIds?: readonly string[];
  /**
   * Principals (role ARNs) exempt from the `vpcEndpointIds` confinement of raw and curated: the
   * lakehouse's own service roles that work from AWS networks (see `denyOutsideVpcEndpoints`).
   * @default - none
   */
  readonly networkExemptPrincipalArns?: readonly string[];
  /**
   * Further key policy statements, e.g. for a service-linked role that reads objects (Macie).
   * @default - none beyond S3 Tables maintenance (iceberg)
   */
  readonly additionalKeyStatements?: readonly PolicyStatement[];
  /**
   * Days before noncurrent versions of the data zones expire.
   * @default DEFAULT_NONCURRENT_VERSION_EXPIRY_DAYS (raised for models past the last tier)
   */
  readonly noncurrentVersionExpiryDays?: number;
  /**
   * Days access logs are kept.
   * @default DEFAULT_ACCESS_LOG_RETENTION_DAYS
   */
  readonly accessLogRetentionDays?: number;
}

/** Options of the grant verbs. */
export interface GrantOptions {
  /**
   * The zones the grant covers.
   * @default DATA_ZONES (all three, and the table bucket when there is one)
   */
  readonly zones?: readonly DataZone[];
  /**
   * Construct id of the role policy.
   * @default - `<verb>-<roleName>`; required when roleName is a token
   */
  readonly id?: string;
}

/** The lakehouse of a project. */
export class Lakehouse extends Construct {
  /** The account the lakehouse lives in. */
  readonly account: AccountIdentity;
  /** The key that encrypts the data zones and the table bucket. */
  readonly key: CustomerManagedKey;
  /** The bucket that receives server access logs of the data zones. */
  readonly logBucket: SecureBucket;
  /** The data zone buckets. */
  readonly zones: Readonly<Record<DataZone, SecureBucket>>;
  /** The Glue database and, for Iceberg, the table bucket. */
  readonly catalog: LakehouseCatalog;

  constructor(scope: Construct, id: string, props: LakehouseProps) {
    super(scope, id);
    const name = props.namePrefix;
    const tableFormat = props.tableFormat ?? 'iceberg';
    const preventDestroy = props.preventDestroy ?? false;
    this.account = new AccountIdentity(this, 'account');
    // Built from parts, not from the table bucket, which itself needs the key: no cycle.
    const tableBucketArn = `arn:${this.account.partition}:s3tables:${props.region}:${this.account.accountId}:bucket/${tableBucketNameFor(name)}`;
    this.key = new CustomerManagedKey(this, 'key', {
      alias: `${name}-lakehouse`,
      description: `Encrypts the ${name} lakehouse: data zones and tables`,
      accountRootArn: this.account.rootArn,
      additionalStatements: [...(tableFormat === 'iceberg' ? [tableMaintenanceKeyStatement(tableBucketArn)] : []), ...(props.additionalKeyStatements ?? [])],
      preventDestroy,
    });
    this.logBucket = new SecureBucket(this, 'logs', {
      namePrefix: `${name}-logs-`,
      encryption: BucketEncryption.s3Managed(), // S3 delivers server access logs only to SSE-S3 buckets
      acceptAccessLogsFromAccount: this.account.accountId,
      lifecycle: { currentVersionExpiryDays: props.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS },
      preventDestroy,
      tags: { 'tracklayer:zone': 'logs' },
    });
    const zone = (zoneName: DataZone) =>
      new SecureBucket(this, zoneName, {
        namePrefix: `${name}-${zoneName}-`,
        encryption: BucketEncryption.kms(this.key.arn),
        lifecycle: {
          tiers: props.tiers,
          tiering: zoneName === 'models' ? 'noncurrent-versions' : 'current-versions',
          noncurrentVersionExpiryDays: props.noncurrentVersionExpiryDays,
        },
        accessLogs: { bucketName: this.logBucket.name, prefix: `${zoneName}/` },
        objectLock: RETAINED_ZONES.includes(zoneName) ? props.retention : undefined,
        vpcEndpointIds: NETWORK_CONFINED_ZONES.includes(zoneName) ? props.vpcEndpointIds : undefined,
        vpcEndpointExemptPrincipalArns: NETWORK_CONFINED_ZONES.includes(zoneName) ? props.networkExemptPrincipalArns : undefined,
        preventDestroy,
        tags: { 'tracklayer:zone': zoneName },
      });
    this.zones = { raw: zone('raw'), curated: zone('curated'), models: zone('models') };
    this.catalog = new LakehouseCatalog(this, 'catalog', {
      namePrefix: name,
      tableFormat,
      rawBucketName: this.zones.raw.name,
      kmsKeyArn: this.key.arn,
      preventDestroy,
    });
  }

  /** The ARN of the table bucket, when the lakehouse has one. */
  get tableBucketArn(): string | undefined {
    return this.catalog.tableBucket?.arn;
  }

  /** Statements to read the zones (objects, earlier versions, listing; the tables when curated is among them). */
  readDataStatements(zones: readonly DataZone[] = DATA_ZONES): PolicyStatement[] {
    return readDataStatements(this.resourcesOf(zones));
  }

  /** Statements to write the zones (recoverable deletes only; tables with curated). */
  writeDataStatements(zones: readonly DataZone[] = DATA_ZONES): PolicyStatement[] {
    return writeDataStatements(this.resourcesOf(zones));
  }

  /** Statements for an edge site to read `sites/<site>/` of the models zone, and nothing else. */
  siteModelReadStatements(site: string): PolicyStatement[] {
    return siteModelReadStatements(this.zones.models.arn, this.key.arn, site);
  }

  /** Lets the IAM role `roleName` read the zones: an inline role policy `lakehouse-read-data`. */
  grantReadData(roleName: string, options: GrantOptions = {}): IamRolePolicy {
    return this.rolePolicy('read-data', roleName, this.readDataStatements(options.zones), options.id);
  }

  /** Lets the IAM role `roleName` read and write the zones: an inline role policy `lakehouse-read-write-data`. */
  grantReadWriteData(roleName: string, options: GrantOptions = {}): IamRolePolicy {
    const statements = [...this.readDataStatements(options.zones), ...this.writeDataStatements(options.zones)];
    return this.rolePolicy('read-write-data', roleName, statements, options.id);
  }

  /** Lets the IAM role `roleName` of edge site `site` read that site's models. */
  grantSiteModelRead(roleName: string, site: string, options: Pick<GrantOptions, 'id'> = {}): IamRolePolicy {
    return this.rolePolicy(`read-site-models-${site}`, roleName, this.siteModelReadStatements(site), options.id);
  }

  private resourcesOf(zones: readonly DataZone[]): DataResources {
    if (zones.length === 0) throw new LakehouseError(this.node.path, 'a grant needs at least one zone');
    return {
      bucketArns: zones.map((zoneName) => this.zones[zoneName].arn),
      kmsKeyArn: this.key.arn,
      tableBucketArn: zones.includes('curated') ? this.tableBucketArn : undefined,
    };
  }

  private rolePolicy(verb: string, roleName: string, statements: readonly PolicyStatement[], id?: string): IamRolePolicy {
    if (id === undefined && Token.isUnresolved(roleName)) {
      throw new LakehouseError(this.node.path, `roleName is a reference, so the grant needs an explicit id (options.id) that stays the same between synths`);
    }
    return new IamRolePolicy(this, id ?? `${verb}-${roleName}`, { name: `lakehouse-${verb}`, role: roleName, policy: policyDocument(statements) });
  }
}
