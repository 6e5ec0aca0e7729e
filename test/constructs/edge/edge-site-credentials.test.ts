import { EdgeSiteCredentials, MODEL_CREDENTIAL_SECONDS, SUBJECT_CN_TAG, edgeSiteIdentityName } from '../../../constructs/edge/edge-site-credentials';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const ANCHOR = 'arn:aws:rolesanywhere:eu-central-1:111122223333:trust-anchor/abc';
const json = synthConstruct((scope) => new EdgeSiteCredentials(scope, 'credentials', { project: 'acme-ml', site: 'plant-berlin', trustAnchorArn: ANCHOR, modelsBucketArn: 'arn:aws:s3:::models', kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/k' }));
const [role] = resourcesOf(json, 'aws_iam_role') as any[];
const [policy] = resourcesOf(json, 'aws_iam_role_policy') as any[];
const [profile] = resourcesOf(json, 'aws_rolesanywhere_profile') as any[];
const statements = JSON.parse(policy.policy).Statement as { Sid: string; Action: string | string[]; Resource: string; Condition?: unknown }[];
const statement = (sid: string) => statements.find((s) => s.Sid === sid)!;

describe('EdgeSiteCredentials', () => {
  test('the role trusts Roles Anywhere only for a certificate of this site (CN) from the project trust anchor', () => {
    expect(role.name).toBe(edgeSiteIdentityName('acme-ml', 'plant-berlin'));
    expect(role.max_session_duration).toBe(MODEL_CREDENTIAL_SECONDS);
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'RolesAnywhereForThisSiteOnly',
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { [SUBJECT_CN_TAG]: 'plant-berlin' }, ArnEquals: { 'aws:SourceArn': ANCHOR } },
      },
    ]);
  });

  test('the role reads and lists only sites/<site>/, decrypts with the models key, and may HEAD the bucket', () => {
    expect(statement('ReadSiteModels')).toMatchObject({ Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::models/sites/plant-berlin/*' });
    expect(statement('ListSiteModels')).toMatchObject({ Resource: 'arn:aws:s3:::models', Condition: { StringLike: { 's3:prefix': ['sites/plant-berlin/*'] } } });
    expect(statement('DecryptSiteModels')).toMatchObject({ Action: 'kms:Decrypt' });
    expect(statement('HeadModelsBucket')).toMatchObject({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::models', Condition: { Null: { 's3:prefix': 'true' } } });
    // Object reads name the site's prefix and nothing else; nothing writes or deletes.
    expect(statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:Get'))).map((s) => s.Resource)).toEqual(['arn:aws:s3:::models/sites/plant-berlin/*']);
    expect(JSON.stringify(statements)).not.toMatch(/Put|Delete/);
    for (const s of statements) {
      expect([s.Action].flat().filter((a) => a.endsWith('*'))).toEqual([]);
      expect(s.Resource).not.toBe('*');
    }
  });

  test('a profile lists exactly this role, with one-hour sessions', () => {
    expect(profile).toMatchObject({ name: 'acme-ml-edge-plant-berlin', enabled: true, duration_seconds: 3600, role_arns: [`\${aws_iam_role.${Object.keys(json.resource!.aws_iam_role)[0]}.arn}`] });
    expect(MODEL_CREDENTIAL_SECONDS).toBeLessThanOrEqual(3600);
  });
});
