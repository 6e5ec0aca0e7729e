import { TerraformStack } from 'cdktf';
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { DEFAULT_SAMPLING_PERCENTAGE, PiiDetection, macieFindingPattern } from '../../../constructs/governance/pii-detection';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const build = (samplingPercentage?: number) =>
  synthConstruct((scope) => {
    const macie = new Macie2Account(scope as TerraformStack, 'macie', { status: 'ENABLED' });
    new PiiDetection(scope, 'pii', { namePrefix: 'acme-ml', accountId: '111122223333', bucketNames: ['raw-b', 'curated-b'], alertsTopicArn: 'arn:aws:sns:us-east-1:111122223333:t', macieEnabled: macie, samplingPercentage });
  });

describe('PiiDetection', () => {
  const json = build();

  test('a daily classification job over raw and curated, new objects only, sampled, after Macie is enabled', () => {
    expect(resourcesOf(json, 'aws_macie2_classification_job')).toEqual([
      expect.objectContaining({
        name: 'acme-ml-pii-daily',
        job_type: 'SCHEDULED',
        schedule_frequency: { daily_schedule: true },
        initial_run: false,
        sampling_percentage: DEFAULT_SAMPLING_PERCENTAGE,
        s3_job_definition: { bucket_definitions: [{ account_id: '111122223333', buckets: ['raw-b', 'curated-b'] }] },
        depends_on: [expect.stringMatching(/^aws_macie2_account\./)],
      }),
    ]);
  });

  test('findings about those buckets go to the alerts topic through EventBridge', () => {
    expect(JSON.parse(resourcesOf(json, 'aws_cloudwatch_event_rule')[0].event_pattern as string)).toEqual({
      source: ['aws.macie'],
      'detail-type': ['Macie Finding'],
      detail: { resourcesAffected: { s3Bucket: { name: ['raw-b', 'curated-b'] } } },
    });
    expect(resourcesOf(json, 'aws_cloudwatch_event_target')).toEqual([expect.objectContaining({ arn: 'arn:aws:sns:us-east-1:111122223333:t' })]);
    expect(macieFindingPattern(['a'])).toContain('"Macie Finding"');
  });

  test('throws when the sampling is not a percentage', () => {
    expect(() => build(0)).toThrow('samplingPercentage must be a whole number from 1 to 100, got 0');
  });
});
