import { EDGE_CREDENTIAL_SECONDS, EdgeModelAccess, edgeRoleAliasName } from '../../../constructs/edge/edge-model-access';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct((scope) => new EdgeModelAccess(scope, 'edge', { project: 'acme-ml', modelsBucketArn: 'arn:aws:s3:::models', kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k' }));

describe('EdgeModelAccess', () => {
  test('a role alias for the IoT credentials provider with one-hour credentials', () => {
    expect(resourcesOf(json, 'aws_iot_role_alias')).toEqual([expect.objectContaining({ alias: edgeRoleAliasName('acme-ml'), credential_duration: EDGE_CREDENTIAL_SECONDS })]);
    expect(JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'credentials.iot.amazonaws.com' });
  });

  test("each device reads only its own site's models, named by its thing name", () => {
    const policy = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === 'ReadSiteModels');
    // Terraform turns $${ into ${, so IAM sees the policy variable.
    expect(read.Resource).toBe('arn:aws:s3:::models/sites/$${credentials-iot:ThingName}/*');
    expect(read.Action).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    const list = policy.Statement.find((s: { Sid: string }) => s.Sid === 'ListSiteModels');
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['sites/$${credentials-iot:ThingName}/*'] } });
    expect(JSON.stringify(policy)).not.toMatch(/PutObject|Delete/);
  });
});
