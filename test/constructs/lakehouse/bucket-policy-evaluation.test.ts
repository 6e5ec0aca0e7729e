/**
 * The confined lakehouse's bucket policy read the way S3 reads it (../../support/s3-policy-evaluator),
 * for every way a request reaches raw data in the hybrid strategy. The policy is the one the
 * lakehouse stack synthesizes (bucket ARN filled in), not a copy of the statements.
 */
import { App } from 'cdktf';
import { policyDocument } from '../../../constructs/iam/policy-document';
import { NETWORK_EXEMPT_CALLERS, denyInsecureTransport, denyOutsideVpcEndpoints } from '../../../constructs/lakehouse/bucket-policies';
import { LakehouseStack } from '../../../stacks/lakehouse-stack';
import type { NetworkOutputs } from '../../../stacks/network-stack';
import { needsWith } from '../../support/needs-fixtures';
import { evaluateBucketPolicy, type S3Request } from '../../support/s3-policy-evaluator';
import { synthStack } from '../../support/synth-json';

const GATEWAY = 'vpce-0a1b2c3d4e5f60001';
const INTERFACE = 'vpce-0a1b2c3d4e5f60002';
const NETWORK: NetworkOutputs = {
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  zoneIds: ['use1-az1', 'use1-az2'],
  privateSubnetIds: ['subnet-1', 'subnet-2'],
  publicSubnetIds: ['subnet-3', 'subnet-4'],
  privateRouteTableIds: ['rtb-1', 'rtb-2'],
  s3EndpointId: GATEWAY,
  onPrem: { s3InterfaceEndpointId: INTERFACE, athenaEndpointId: 'vpce-0a1b2c3d4e5f60003' },
};
const BUCKET = 'arn:aws:s3:::acme-ml-raw-20261201';
const OBJECT = `${BUCKET}/events/2026/12/01/part-0.parquet`;
const TRAINING_ROLE = 'arn:aws:iam::123456789012:role/acme-ml-training';
const GLUE_ROLE = 'arn:aws:iam::123456789012:role/acme-ml-glue-crawler';
const FIREHOSE_ROLE = 'arn:aws:iam::123456789012:role/acme-ml-ingest-firehose';
const MACIE_ROLE = 'arn:aws:iam::123456789012:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie';
const LAKE_FORMATION_ROLE = 'arn:aws:iam::123456789012:role/acme-ml-lake-formation';

/** The raw bucket's policy of the synthesized hybrid lakehouse stack, with the bucket ARN resolved. */
function synthesizedRawPolicy(patch: Record<string, unknown> = {}): string {
  const stack = new LakehouseStack(new App(), { name: 'acme-ml-lakehouse', role: 'lakehouse' }, { needs: needsWith(patch), strategy: 'hybrid' }, NETWORK);
  const policies = synthStack(stack).resource?.aws_s3_bucket_policy ?? {};
  const [, raw] = Object.entries(policies).find(([address]) => address.startsWith('lakehouse_raw_'))!;
  return (raw.policy as string).replace(/\$\{aws_s3_bucket\.[^}]+\.arn\}/g, BUCKET);
}

const read = (parts: Partial<S3Request>): S3Request => ({ action: 's3:GetObject', resource: OBJECT, ...parts });

describe('the confined raw bucket, as S3 evaluates it', () => {
  const policy = synthesizedRawPolicy();
  const verdict = (parts: Partial<S3Request>) => evaluateBucketPolicy(policy, read(parts));

  test('GIVEN an on-prem pod WHEN it reads through the S3 interface endpoint over the VPN THEN the bucket policy does not deny it', () => {
    expect(verdict({ principalArn: TRAINING_ROLE, sourceVpce: INTERFACE })).toBe('no-opinion');
    expect(verdict({ principalArn: TRAINING_ROLE, sourceVpce: INTERFACE, action: 's3:PutObject' })).toBe('no-opinion');
  });

  test('GIVEN a cloud pod WHEN it reads through the S3 gateway endpoint THEN the bucket policy does not deny it', () => {
    expect(verdict({ principalArn: TRAINING_ROLE, sourceVpce: GATEWAY })).toBe('no-opinion');
  });

  test('GIVEN an Athena query WHEN Athena reads for its caller (aws:CalledVia athena, no endpoint) THEN it is not denied', () => {
    expect(verdict({ principalArn: TRAINING_ROLE, calledVia: ['athena.amazonaws.com'] })).toBe('no-opinion');
  });

  test('GIVEN the same principal WHEN it reads from outside both endpoints THEN it is denied', () => {
    expect(verdict({ principalArn: TRAINING_ROLE })).toBe('explicit-deny');
    expect(verdict({ principalArn: TRAINING_ROLE, sourceVpce: 'vpce-0ffffffffffffffff' })).toBe('explicit-deny');
  });

  test('GIVEN an anonymous request or another service in the call chain WHEN it reads from outside THEN it is denied', () => {
    expect(verdict({})).toBe('explicit-deny');
    expect(verdict({ principalArn: TRAINING_ROLE, calledVia: ['cloudformation.amazonaws.com'] })).toBe('explicit-deny');
  });

  test('GIVEN the interface endpoint WHEN the request is not over TLS THEN it is denied anyway', () => {
    expect(verdict({ principalArn: TRAINING_ROLE, sourceVpce: INTERFACE, secureTransport: false })).toBe('explicit-deny');
  });

  test('GIVEN bucket management from outside (Terraform) WHEN it changes the policy THEN the endpoint deny does not apply', () => {
    expect(evaluateBucketPolicy(policy, { action: 's3:PutBucketPolicy', resource: BUCKET, principalArn: TRAINING_ROLE })).toBe('no-opinion');
  });
});

describe('the synthesized policy with the data foundation (compliance, streaming, quality): its own service roles', () => {
  const policy = synthesizedRawPolicy({ business: { compliance: ['hipaa'] }, data: { streaming: { source: 'kinesis', mbPerSecond: 5, latencySeconds: 60 } } });
  const deny = (JSON.parse(policy).Statement as { Sid: string; Condition: Record<string, Record<string, string[]>> }[]).find((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoints')!;
  const exempt = deny.Condition.ArnNotEquals['aws:PrincipalArn'];

  test('GIVEN the roles the lakehouse stack exempts (Firehose, the quality checks\' Glue role, Macie) WHEN each reads from its service\'s network THEN none is denied', () => {
    expect(exempt.length).toBeGreaterThanOrEqual(3);
    for (const role of exempt) expect(evaluateBucketPolicy(policy, read({ principalArn: role }))).toBe('no-opinion');
  });

  test('GIVEN the same policy THEN on-prem through the interface endpoint and Athena still get through, and an outsider still does not', () => {
    expect(evaluateBucketPolicy(policy, read({ principalArn: TRAINING_ROLE, sourceVpce: INTERFACE }))).toBe('no-opinion');
    expect(evaluateBucketPolicy(policy, read({ principalArn: TRAINING_ROLE, calledVia: ['athena.amazonaws.com'] }))).toBe('no-opinion');
    expect(evaluateBucketPolicy(policy, read({ principalArn: TRAINING_ROLE }))).toBe('explicit-deny');
  });
});

describe('the exempt service roles (the list the data foundation fills), as S3 evaluates them', () => {
  const exempt = [GLUE_ROLE, FIREHOSE_ROLE, MACIE_ROLE];
  const policy = policyDocument([denyInsecureTransport(BUCKET), denyOutsideVpcEndpoints(BUCKET, [GATEWAY, INTERFACE], exempt)]);
  const verdict = (parts: Partial<S3Request>) => evaluateBucketPolicy(policy, read(parts));

  test.each([
    ['a Glue crawler or job', GLUE_ROLE],
    ['Firehose delivering the stream', FIREHOSE_ROLE],
    ['Macie through its service-linked role', MACIE_ROLE],
  ])('GIVEN %s WHEN it reads from its own network THEN it is not denied', (_name, role) => {
    expect(verdict({ principalArn: role })).toBe('no-opinion');
  });

  test('GIVEN a principal not on the list WHEN it reads from outside THEN it is still denied', () => {
    expect(verdict({ principalArn: TRAINING_ROLE })).toBe('explicit-deny');
  });

  test('GIVEN Lake Formation vending credentials of its registration role WHEN Athena reads with them THEN only a listed registration role gets through', () => {
    // Credential vending: the request is the registration role's own, not a forward access session, so no aws:CalledVia.
    expect(verdict({ principalArn: LAKE_FORMATION_ROLE })).toBe('explicit-deny');
    const withLakeFormation = policyDocument([denyOutsideVpcEndpoints(BUCKET, [GATEWAY, INTERFACE], [...exempt, LAKE_FORMATION_ROLE])]);
    expect(evaluateBucketPolicy(withLakeFormation, read({ principalArn: LAKE_FORMATION_ROLE }))).toBe('no-opinion');
  });
});

describe('the evaluator tells the condition operators apart', () => {
  test('GIVEN ForAnyValue instead of ForAllValues for aws:CalledVia WHEN a direct request comes from outside THEN it would slip through (why the policy uses ForAllValues)', () => {
    const wrong = denyOutsideVpcEndpoints(BUCKET, [GATEWAY]);
    const { 'ForAllValues:StringNotEquals': calledVia, ...rest } = wrong.conditions as Record<string, Record<string, readonly string[]>>;
    const forAny = policyDocument([{ ...wrong, conditions: { ...rest, 'ForAnyValue:StringNotEquals': calledVia } }]);
    expect(evaluateBucketPolicy(forAny, read({ principalArn: TRAINING_ROLE }))).toBe('no-opinion');
    expect(evaluateBucketPolicy(policyDocument([wrong]), read({ principalArn: TRAINING_ROLE }))).toBe('explicit-deny');
  });

  test('GIVEN no exempt callers WHEN Athena reads for its caller THEN it is denied (the exception is the CalledVia condition)', () => {
    const strict = policyDocument([denyOutsideVpcEndpoints(BUCKET, [GATEWAY], [], [])]);
    expect(evaluateBucketPolicy(strict, read({ principalArn: TRAINING_ROLE, calledVia: [...NETWORK_EXEMPT_CALLERS] }))).toBe('explicit-deny');
  });
});
