import { LakeFormationRegistration } from '../../../constructs/governance/lake-formation-registration';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('LakeFormationRegistration', () => {
  const json = synthConstruct(
    (scope) =>
      new LakeFormationRegistration(scope, 'lf', {
        roleName: 'acme-ml-lakeformation',
        locations: [
          { id: 'raw', bucketArn: 'arn:aws:s3:::raw-b' },
          { id: 'curated', bucketArn: 'arn:aws:s3:::curated-b' },
        ],
        kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k',
      }),
  );

  test('each bucket is registered in hybrid access mode through the registration role, after its policy exists', () => {
    const resources = resourcesOf(json, 'aws_lakeformation_resource');
    expect(resources.map((r) => r.arn).sort()).toEqual(['arn:aws:s3:::curated-b', 'arn:aws:s3:::raw-b']);
    for (const resource of resources) {
      expect(resource).toMatchObject({ hybrid_access_enabled: true, role_arn: expect.stringMatching(/aws_iam_role\..*\.arn/) });
      expect(resource.use_service_linked_role).toBeUndefined();
      expect(resource.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
    }
  });

  test('the role is trusted by Lake Formation only and reads and writes the two buckets with the key, no permanent delete', () => {
    expect(JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'lakeformation.amazonaws.com' });
    const statements = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string).Statement as { Action: string[]; Resource: string[] }[];
    expect(statements[0].Resource).toEqual(['arn:aws:s3:::raw-b', 'arn:aws:s3:::curated-b', 'arn:aws:s3:::raw-b/*', 'arn:aws:s3:::curated-b/*']);
    expect(statements[0].Action).not.toContain('s3:DeleteObjectVersion');
    expect(statements[1].Resource).toBe('arn:aws:kms:us-east-1:1:key/k');
  });
});
