/**
 * The lakehouse's S3 locations (the raw and curated buckets) registered with Lake Formation in
 * HYBRID ACCESS MODE, through a registration role of their own.
 *
 * Why hybrid access mode: registering a location in Lake Formation's default mode moves every
 * Data Catalog table on it under Lake Formation permissions, and every principal without a Lake
 * Formation grant (Athena users, Glue jobs, the training and inference roles, crawlers) loses
 * access through the catalog the moment the location is registered. In hybrid access mode the
 * IAM path stays as it is (principals keep their IAM and IAMAllowedPrincipals access) and Lake
 * Formation permissions apply only to principals an administrator opts in, one by one
 * (https://docs.aws.amazon.com/lake-formation/latest/dg/hybrid-access-mode.html). tracklayer
 * opts nobody in: it grants the permissions each of its roles needs (./catalog-grants), so that
 * opting a role in, or later leaving hybrid mode, changes nothing for it.
 *
 * What registration changes at once, even in hybrid mode: creating tables and partitions on
 * these buckets, and altering tables, needs a data-location permission (CREATE_TABLE,
 * CREATE_PARTITION and UPDATE_TABLE are enforced). tracklayer grants it to its own crawler; any
 * other principal that creates tables or partitions on raw or curated (an ETL job, another
 * crawler) needs `DATA_LOCATION_ACCESS` too — see the README. Data lake administrators have it
 * everywhere, which is why the deploying principal must be one.
 *
 * Why a registration role and not the Lake Formation service-linked role: the locations are
 * SSE-KMS with the lakehouse key, and the service-linked role would need a key-policy statement;
 * a role of its own gets key use through IAM like every other lakehouse role. Lake Formation
 * vends this role's credentials to engines serving opted-in principals.
 */
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LakeformationResource } from '@cdktf/provider-aws/lib/lakeformation-resource';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_WRITE_ACTIONS } from '../lakehouse/lakehouse-actions';

/** The service principal of Lake Formation. */
export const LAKE_FORMATION_PRINCIPAL = 'lakeformation.amazonaws.com';

/** A location to register. */
export interface GovernedLocation {
  /** Construct id and description, e.g. `raw`. */
  readonly id: string;
  /** The bucket ARN. */
  readonly bucketArn: string;
}

/** Props of {@link LakeFormationRegistration}. */
export interface LakeFormationRegistrationProps {
  /** The registration role's name. */
  readonly roleName: string;
  /** The locations (buckets). */
  readonly locations: readonly GovernedLocation[];
  /** The key the buckets' objects are encrypted with. */
  readonly kmsKeyArn: string;
}

/** The registration role and one registered location per bucket. */
export class LakeFormationRegistration extends Construct {
  readonly role: ServiceRole;
  /** Registered locations by id. */
  readonly resources: Readonly<Record<string, LakeformationResource>>;

  constructor(scope: Construct, id: string, props: LakeFormationRegistrationProps) {
    super(scope, id);
    this.role = new ServiceRole(this, 'role', { name: props.roleName, service: LAKE_FORMATION_PRINCIPAL, description: 'Lake Formation reads and writes the registered lakehouse locations for engines it vends credentials to' });
    const buckets = props.locations.map((l) => l.bucketArn);
    const policy = new IamRolePolicy(this, 'role-policy', {
      name: 'registered-locations',
      role: this.role.name,
      policy: policyDocument([
        { sid: 'ReadWriteLocations', actions: [...new Set([...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS])], resources: [...buckets, ...buckets.map((arn) => `${arn}/*`)] },
        { sid: 'UseLakehouseKey', actions: KEY_WRITE_ACTIONS, resources: [props.kmsKeyArn] },
      ]),
    });
    this.resources = Object.fromEntries(
      props.locations.map((location) => [
        location.id,
        new LakeformationResource(this, location.id, { arn: location.bucketArn, roleArn: this.role.arn, hybridAccessEnabled: true, dependsOn: [policy] }),
      ]),
    );
  }
}
