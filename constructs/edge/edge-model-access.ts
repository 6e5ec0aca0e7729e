/**
 * Short-lived credentials for edge devices to pull models, instead of long-lived keys at the
 * edge: an IAM role trusted by the AWS IoT credentials provider, and an IoT role alias for it.
 * A device presents its X.509 certificate, the credentials provider assumes the role with the
 * device's thing name as a policy variable, and the role lets a site read only
 * `sites/<its thing name>/` of the models bucket. One alias serves every site; each site's
 * thing is named after the site (EdgeDeviceIdentity).
 * https://docs.aws.amazon.com/iot/latest/developerguide/authorizing-direct-aws.html
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IotRoleAlias } from '@cdktf/provider-aws/lib/iot-role-alias';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { MODEL_SITES_PREFIX, modelPrefixReadStatements } from '../lakehouse/access-grants';

/** Credentials live one hour (the IoT credentials provider default): a lost device loses access fast. */
export const EDGE_CREDENTIAL_SECONDS = 3600;

/**
 * The thing name of the calling device as an IAM policy variable. `$${` keeps Terraform from
 * reading it as an interpolation; IAM receives `${credentials-iot:ThingName}`.
 */
export const THING_NAME_VARIABLE = '$${credentials-iot:ThingName}';

/** The role alias name of a project, known to every edge stack without a cross-stack lookup. */
export function edgeRoleAliasName(project: string): string {
  return `${project}-edge-models`;
}

/** Props of {@link EdgeModelAccess}. */
export interface EdgeModelAccessProps {
  /** The project name (`needs.name`). */
  readonly project: string;
  /** ARN of the models bucket. */
  readonly modelsBucketArn: string;
  /** ARN of the key the models are encrypted with. */
  readonly kmsKeyArn: string;
}

/** The edge role and its IoT role alias. */
export class EdgeModelAccess extends Construct {
  /** The role alias devices name when they ask for credentials. */
  readonly roleAlias: IotRoleAlias;

  constructor(scope: Construct, id: string, props: EdgeModelAccessProps) {
    super(scope, id);
    const role = new IamRole(this, 'role', {
      name: `${props.project}-edge-models`,
      assumeRolePolicy: policyDocument([{ principals: { Service: 'credentials.iot.amazonaws.com' }, actions: ['sts:AssumeRole'] }]),
      maxSessionDuration: EDGE_CREDENTIAL_SECONDS,
    });
    new IamRolePolicy(this, 'read-own-site-models', {
      name: 'read-own-site-models',
      role: role.id,
      policy: policyDocument(modelPrefixReadStatements(props.modelsBucketArn, props.kmsKeyArn, `${MODEL_SITES_PREFIX}${THING_NAME_VARIABLE}/`)),
    });
    this.roleAlias = new IotRoleAlias(this, 'role-alias', { alias: edgeRoleAliasName(props.project), roleArn: role.arn, credentialDuration: EDGE_CREDENTIAL_SECONDS });
  }
}
