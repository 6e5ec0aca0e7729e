/**
 * What one edge site may do in AWS, and how it proves it is that site: an IAM role that reads
 * only `sites/<site>/` of the models bucket, trusted by IAM Roles Anywhere only for a
 * certificate from the project's trust anchor whose subject CN is the site's name, and a Roles
 * Anywhere profile that lists that one role with one-hour sessions.
 *
 * The chain a credential request walks (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html):
 * the helper in the pod signs `CreateSession` with the site's key and names the trust anchor,
 * this profile and this role → Roles Anywhere validates the certificate against the trust
 * anchor (EdgeTrustAnchor, in the lakehouse stack) and maps its subject into session tags
 * (`aws:PrincipalTag/x509Subject/CN`, the default attribute mapping) → STS evaluates the trust
 * policy below: the service principal `rolesanywhere.amazonaws.com`, the trust anchor as
 * `aws:SourceArn`, and CN = <site> → the session gets this role's policy, nothing more.
 *
 * A certificate for another site (another CN) cannot assume this role, and this role cannot
 * read another site's prefix: a stolen device exposes one site's models, for at most the
 * lifetime of a session after its profile is disabled.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { RolesanywhereProfile } from '@cdktf/provider-aws/lib/rolesanywhere-profile';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';
import { siteModelReadStatements } from '../lakehouse/access-grants';

/**
 * Session lifetime: one hour, the Roles Anywhere default and the most the issue allows, so a
 * lost device loses access within the hour after its profile is disabled.
 * https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-create-session.html
 */
export const MODEL_CREDENTIAL_SECONDS = 3600;

/** The service principal Roles Anywhere assumes roles as. */
export const ROLES_ANYWHERE_PRINCIPAL = 'rolesanywhere.amazonaws.com';

/** The session tag Roles Anywhere derives from the certificate's subject CN (default attribute mapping). */
export const SUBJECT_CN_TAG = 'aws:PrincipalTag/x509Subject/CN';

/** The IAM role and profile name of a site: `<project>-edge-<site>` (at most 24 + 6 + 32 = 62 characters, under IAM's 64). */
export function edgeSiteIdentityName(project: string, site: string): string {
  return `${project}-edge-${site}`;
}

/** Props of {@link EdgeSiteCredentials}. */
export interface EdgeSiteCredentialsProps {
  /** The project name (`needs.name`). */
  readonly project: string;
  /** The site name: the certificate's subject CN and the models prefix `sites/<site>/`. */
  readonly site: string;
  /** ARN of the project's Roles Anywhere trust anchor. */
  readonly trustAnchorArn: string;
  /** ARN of the models bucket. */
  readonly modelsBucketArn: string;
  /** ARN of the key the models are encrypted with. */
  readonly kmsKeyArn: string;
}

/**
 * HeadBucket, which Triton's S3 file system calls before every listing and read
 * (`IsDirectory` and `CheckClient` in triton-inference-server/core
 * src/filesystem/implementations/s3.h), is authorized as s3:ListBucket with no `s3:prefix`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). IAM cannot tell it
 * apart from a listing without a prefix, so this also lets the site list object names outside
 * its prefix; it still reads (GetObject) only its own.
 */
function headBucketStatement(modelsBucketArn: string): PolicyStatement {
  return { sid: 'HeadModelsBucket', actions: ['s3:ListBucket'], resources: [modelsBucketArn], conditions: { Null: { 's3:prefix': 'true' } } };
}

/** The site's role, its model-read policy and its Roles Anywhere profile. */
export class EdgeSiteCredentials extends Construct {
  /** The role the site's sessions assume. */
  readonly role: IamRole;
  /** The Roles Anywhere profile that lists the role. */
  readonly profile: RolesanywhereProfile;

  constructor(scope: Construct, id: string, props: EdgeSiteCredentialsProps) {
    super(scope, id);
    const name = edgeSiteIdentityName(props.project, props.site);
    this.role = new IamRole(this, 'role', {
      name,
      description: `Edge site ${props.site}: reads sites/${props.site}/ of the models bucket through IAM Roles Anywhere`,
      maxSessionDuration: MODEL_CREDENTIAL_SECONDS,
      assumeRolePolicy: policyDocument([
        {
          sid: 'RolesAnywhereForThisSiteOnly',
          principals: { Service: ROLES_ANYWHERE_PRINCIPAL },
          actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          conditions: { StringEquals: { [SUBJECT_CN_TAG]: props.site }, ArnEquals: { 'aws:SourceArn': props.trustAnchorArn } },
        },
      ]),
    });
    new IamRolePolicy(this, 'read-own-site-models', {
      name: 'read-own-site-models',
      role: this.role.id,
      policy: policyDocument([...siteModelReadStatements(props.modelsBucketArn, props.kmsKeyArn, props.site), headBucketStatement(props.modelsBucketArn)]),
    });
    this.profile = new RolesanywhereProfile(this, 'profile', {
      name,
      enabled: true,
      roleArns: [this.role.arn],
      durationSeconds: MODEL_CREDENTIAL_SECONDS,
    });
  }
}
