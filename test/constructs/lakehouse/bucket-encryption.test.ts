import { BucketEncryption } from '../../../constructs/lakehouse/bucket-encryption';

describe('BucketEncryption', () => {
  test('GIVEN a key WHEN kms() THEN aws:kms with that key and a bucket key', () => {
    expect(BucketEncryption.kms('arn:aws:kms:us-east-1:1:key/k')).toMatchObject({ algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k', bucketKey: true });
  });

  test('GIVEN nothing WHEN s3Managed() THEN AES256 without a key or bucket key', () => {
    expect(BucketEncryption.s3Managed()).toMatchObject({ algorithm: 'AES256', kmsKeyArn: undefined, bucketKey: false });
  });
});
