/**
 * Who may query the confined lakehouse with Athena, decided on the IAM side (hybrid strategy).
 *
 * The raw and curated buckets deny object access from outside the VPC's endpoints, except what
 * Athena does for its caller (`aws:CalledVia` athena.amazonaws.com, ./bucket-policies). Athena
 * reads S3 from its own network with the caller's credentials, so the bucket policy cannot see
 * whether the caller sat inside the VPC or on the internet; the network check moves to the call
 * that starts the query. This managed policy, `<name>-lakehouse-athena`, is the Athena grant for
 * the lakehouse: Athena query actions only through the VPC's Athena interface endpoint
 * (`aws:SourceVpce`; on-prem reaches it over the VPN, see ../network/on-prem-private-access),
 * read access to the Glue catalog of the lakehouse, and read access to raw and curated (Athena
 * reads them with the caller's permissions).
 *
 * Attach it to the roles of the people and jobs that query; give them no other Athena grant.
 * A principal with broader Athena permissions elsewhere (an administrator) could still start a
 * query from the internet; to close that account-wide, an organization's SCP denies
 * `athena:StartQueryExecution` unless `aws:SourceVpce` is the endpoint (README "Hybrid data
 * path"). Query results need a location the user may write, outside the lakehouse zones.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/** Starting, following and reading queries, and reading the workgroup they run in. */
export const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'athena:ListQueryExecutions',
  'athena:GetWorkGroup',
] as const;

/** Reading the catalog a query plans against. */
export const GLUE_CATALOG_READ_ACTIONS = ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'] as const;

/** Props of {@link AthenaQueryPolicy}. */
export interface AthenaQueryPolicyProps {
  /** The project name: the policy is `<name>-lakehouse-athena`. */
  readonly namePrefix: string;
  /** The region of Athena and Glue. */
  readonly region: string;
  /** The account id. */
  readonly accountId: string;
  /** The partition. */
  readonly partition: string;
  /** The VPC's Athena interface endpoint: the only way in. */
  readonly athenaEndpointId: string;
  /** Glue databases the queries read (the raw zone's). */
  readonly glueDatabaseNames: readonly string[];
  /** Read access to the zones Athena reads for the caller (raw and curated). */
  readonly dataReadStatements: readonly PolicyStatement[];
}

/** The statements of the policy (see the file comment). */
export function athenaQueryStatements(props: AthenaQueryPolicyProps): PolicyStatement[] {
  const glue = (kind: string, name: string) => `arn:${props.partition}:glue:${props.region}:${props.accountId}:${kind}/${name}`;
  return [
    {
      sid: 'QueryThroughTheVpcEndpoint',
      actions: ATHENA_QUERY_ACTIONS,
      resources: [`arn:${props.partition}:athena:${props.region}:${props.accountId}:workgroup/*`],
      conditions: { StringEquals: { 'aws:SourceVpce': props.athenaEndpointId } },
    },
    {
      sid: 'ReadTheLakehouseCatalog',
      actions: GLUE_CATALOG_READ_ACTIONS,
      resources: [
        `arn:${props.partition}:glue:${props.region}:${props.accountId}:catalog`,
        ...props.glueDatabaseNames.flatMap((name) => [glue('database', name), glue('table', `${name}/*`)]),
      ],
    },
    ...props.dataReadStatements,
  ];
}

/** The managed policy Athena users of the lakehouse get. */
export class AthenaQueryPolicy extends Construct {
  /** The policy (attach it to the querying roles). */
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: AthenaQueryPolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: `${props.namePrefix}-lakehouse-athena`,
      description: 'Query the lakehouse with Athena, only through the VPC Athena endpoint',
      policy: policyDocument(athenaQueryStatements(props)),
    });
  }
}
