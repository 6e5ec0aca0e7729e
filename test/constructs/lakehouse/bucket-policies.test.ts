import { allowAccessLogDelivery, denyInsecureTransport, denyOutsideVpcEndpoints } from '../../../constructs/lakehouse/bucket-policies';
import { OBJECT_DATA_ACTIONS } from '../../../constructs/lakehouse/lakehouse-actions';

const ARN = 'arn:aws:s3:::acme-ml-raw-123';

describe('bucket policy statements', () => {
  test('GIVEN a bucket WHEN TLS is required THEN every request with aws:SecureTransport false is denied on the bucket and its objects', () => {
    expect(denyInsecureTransport(ARN)).toEqual({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: { AWS: '*' },
      actions: ['s3:*'],
      resources: [ARN, `${ARN}/*`],
      conditions: { Bool: { 'aws:SecureTransport': false } },
    });
  });

  test('GIVEN endpoint ids WHEN data is confined THEN object actions without a matching aws:SourceVpce are denied', () => {
    const statement = denyOutsideVpcEndpoints(ARN, ['vpce-1']);
    expect(statement).toMatchObject({ effect: 'Deny', principals: { AWS: '*' }, resources: [ARN, `${ARN}/*`], conditions: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1'] } } });
    expect(statement.actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion']));
  });

  test('GIVEN exempt principals WHEN the endpoint deny is built THEN it spares exactly them by aws:PrincipalArn, and without any the condition is as before', () => {
    const exempt = ['arn:aws:iam::1:role/acme-ml-ingest-firehose', 'arn:aws:iam::1:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie'];
    const athena = { 'ForAllValues:StringNotEquals': { 'aws:CalledVia': ['athena.amazonaws.com'] } };
    expect(denyOutsideVpcEndpoints(ARN, ['vpce-1'], exempt).conditions).toEqual({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1'] }, ArnNotEquals: { 'aws:PrincipalArn': exempt }, ...athena });
    expect(denyOutsideVpcEndpoints(ARN, ['vpce-1'], []).conditions).toEqual({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1'] }, ...athena });
    expect(denyOutsideVpcEndpoints(ARN, ['vpce-1'], [], []).conditions).toEqual({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1'] } });
  });

  test('GIVEN the endpoint deny WHEN its actions are read THEN bucket management and s3:ListBucket (HeadBucket, used by Terraform refresh) stay reachable', () => {
    const actions: readonly string[] = denyOutsideVpcEndpoints(ARN, ['vpce-1']).actions;
    expect(actions).toEqual(OBJECT_DATA_ACTIONS);
    for (const management of ['s3:*', 's3:ListBucket', 's3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:PutBucketVersioning']) {
      expect(actions).not.toContain(management);
    }
  });

  test('GIVEN a log bucket WHEN delivery is allowed THEN only logging.s3.amazonaws.com may put objects, for buckets of the given account', () => {
    expect(allowAccessLogDelivery(ARN, '111122223333')).toEqual({
      sid: 'AllowS3ServerAccessLogDelivery',
      principals: { Service: 'logging.s3.amazonaws.com' },
      actions: ['s3:PutObject'],
      resources: [`${ARN}/*`],
      conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
  });
});
