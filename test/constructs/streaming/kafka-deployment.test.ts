import { kafkaDeploymentFor } from '../../../constructs/streaming/kafka-deployment';

describe('kafkaDeploymentFor: the decision table', () => {
  test.each([
    [true, true, 10, 'provisioned'],
    [true, false, 10, 'provisioned'],
    [false, false, 10, 'provisioned'],
    [false, true, 10, 'serverless'],
    [false, true, 200, 'serverless'],
    [false, true, 201, 'provisioned'],
  ] as const)('GIVEN key required %p, exception %p, %p MB/s THEN %s', (customerKeyRequired, serverlessExceptionAccepted, mbPerSecond, expected) => {
    expect(kafkaDeploymentFor({ customerKeyRequired, serverlessExceptionAccepted, mbPerSecond })).toBe(expected);
  });
});
