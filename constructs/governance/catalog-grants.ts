/**
 * Lake Formation grants of one principal on one Glue database: DESCRIBE on the database, the
 * given permissions on its tables (all of them, or named ones), and optionally data-location
 * access. Never ALL, never a grant option: a principal gets what its IAM access already allows
 * and no more, and only administrators grant further.
 *
 * In hybrid access mode (./lake-formation-registration) these grants take effect for a principal
 * once it is opted in; until then its IAM access applies, and the grants say what it will keep.
 */
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Table permissions tracklayer grants (Lake Formation's names). */
export type TablePermission = 'SELECT' | 'DESCRIBE' | 'ALTER' | 'INSERT';

/** Props of {@link CatalogGrants}. */
export interface CatalogGrantsProps {
  /** The IAM role ARN granted to. */
  readonly principalArn: string;
  /** The Glue database. */
  readonly databaseName: string;
  /** `'*'` for every table of the database (now and later), or table names. */
  readonly tables: '*' | readonly string[];
  readonly tablePermissions: readonly TablePermission[];
  /**
   * Registered locations (bucket ARNs) the principal may create tables or partitions on.
   * @default - none
   */
  readonly dataLocations?: readonly string[];
  /**
   * What must exist first (the tables, the registered locations).
   * @default - nothing beyond the references
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** The grants. */
export class CatalogGrants extends Construct {
  constructor(scope: Construct, id: string, props: CatalogGrantsProps) {
    super(scope, id);
    if (props.tablePermissions.length === 0) throw new Error(`${this.node.path}: tablePermissions is empty; grant at least DESCRIBE, or leave the tables out`);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    const sorted = [...props.tablePermissions].sort();
    new LakeformationPermissions(this, 'database', { principal: props.principalArn, permissions: ['DESCRIBE'], database: { name: props.databaseName }, dependsOn });
    if (props.tables === '*') {
      new LakeformationPermissions(this, 'all-tables', { principal: props.principalArn, permissions: sorted, table: { databaseName: props.databaseName, wildcard: true }, dependsOn });
    } else {
      for (const table of props.tables) {
        new LakeformationPermissions(this, `table-${table}`, { principal: props.principalArn, permissions: sorted, table: { databaseName: props.databaseName, name: table }, dependsOn });
      }
    }
    (props.dataLocations ?? []).forEach((arn, index) => {
      new LakeformationPermissions(this, `data-location-${index}`, { principal: props.principalArn, permissions: ['DATA_LOCATION_ACCESS'], dataLocation: { arn }, dependsOn });
    });
  }
}
