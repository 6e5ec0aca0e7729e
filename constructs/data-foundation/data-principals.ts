/**
 * The principals of the data foundation that the lakehouse itself must name, made before it:
 * Macie (its service-linked role decrypts objects, so the key policy names it), Firehose's
 * delivery role and the quality role (Glue crawls and evaluates). In the hybrid strategy the raw
 * and curated buckets deny object access from outside the VPC's endpoint; these three work from
 * AWS's networks, so the deny exempts exactly them (`networkExemptPrincipalArns`, the lakehouse's
 * single list of exemptions). Each role trusts only its service.
 */
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';
import { AccountIdentity } from '../kms/account-identity';
import { MacieAccount, macieKeyStatement } from '../governance/macie-account';
import type { DataFoundationPlan } from './data-foundation-plan';

/** Props of {@link DataPrincipals}. */
export interface DataPrincipalsProps {
  /** The project name: roles are `<name>-ingest-firehose`, `<name>-data-quality`. */
  readonly namePrefix: string;
  readonly plan: DataFoundationPlan;
}

/** Macie, and the roles of Firehose and of the quality checks, as the plan calls for them. */
export class DataPrincipals extends Construct {
  readonly macie?: MacieAccount;
  readonly deliveryRole?: ServiceRole;
  readonly qualityRole?: ServiceRole;

  constructor(scope: Construct, id: string, props: DataPrincipalsProps) {
    super(scope, id);
    const { plan } = props;
    if (plan.piiDetection) this.macie = new MacieAccount(this, 'macie');
    if (plan.streaming) {
      // The account for the trust condition; the lakehouse's own identity is made after these roles.
      const account = new AccountIdentity(this, 'account');
      this.deliveryRole = new ServiceRole(this, 'delivery-role', {
        name: `${props.namePrefix}-ingest-firehose`,
        service: 'firehose.amazonaws.com',
        description: 'Firehose reads the ingest stream and writes it into the raw zone',
        conditions: { StringEquals: { 'aws:SourceAccount': account.accountId } },
      });
    }
    if (plan.quality) {
      this.qualityRole = new ServiceRole(this, 'quality-role', {
        name: `${props.namePrefix}-data-quality`,
        service: 'glue.amazonaws.com',
        description: 'Glue registers the stream table partitions and evaluates its data quality rules',
      });
    }
  }

  /** The roles the hybrid network deny exempts: the ones that reach raw and curated from AWS networks. */
  get networkExemptPrincipalArns(): string[] {
    return [this.deliveryRole?.arn, this.qualityRole?.arn, this.macie?.serviceRoleArn].filter((arn): arn is string => arn !== undefined);
  }

  /** Key policy statements for principals IAM cannot grant the key to (Macie's service-linked role). */
  get keyStatements(): PolicyStatement[] {
    return this.macie ? [macieKeyStatement(this.macie.serviceRoleArn)] : [];
  }
}
