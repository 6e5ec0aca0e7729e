import { firehoseSseKms, kinesisCmk, mskAccess, mskCmk } from '../../../guardrails/rules/streaming-rules';
import { stack } from '../fixtures/builders';
import { mskCluster } from '../fixtures/data-fixtures';

const messages = (findings: { message: string }[]) => findings.map((f) => f.message);

describe('MSK_ACCESS', () => {
  test('GIVEN a private IAM cluster with TLS THEN nothing', () => {
    expect(mskAccess.check(stack(mskCluster()))).toEqual([]);
  });

  test('GIVEN an unauthenticated, plaintext, public cluster THEN one finding per weakness, naming the fix', () => {
    const findings = mskAccess.check(
      stack(
        mskCluster({
          client_authentication: { unauthenticated: true },
          encryption_info: { encryption_in_transit: { client_broker: 'PLAINTEXT', in_cluster: false } },
          broker_node_group_info: { connectivity_info: { public_access: { type: 'SERVICE_PROVIDED_EIPS' } } },
        }),
      ),
    );
    expect(messages(findings)).toEqual([
      'lets clients in without authentication; set client_authentication.sasl.iam (or TLS or SCRAM) and unauthenticated false',
      'lets clients talk to brokers in plaintext (client_broker PLAINTEXT); set it to TLS',
      'replicates between brokers in plaintext; set encryption_in_transit.in_cluster to true',
      'has public broker endpoints (public_access.type SERVICE_PROVIDED_EIPS); keep brokers private (DISABLED)',
    ]);
    expect(findings[0].address).toBe('aws_msk_cluster.ingest');
  });

  test('GIVEN no transit block THEN the MSK defaults (TLS, in-cluster TLS) pass', () => {
    expect(mskAccess.check(stack(mskCluster({ encryption_info: { encryption_at_rest_kms_key_arn: 'k' } })))).toEqual([]);
  });
});

describe('MSK_CMK', () => {
  test('GIVEN a provisioned cluster without a key THEN a finding asking for one', () => {
    expect(messages(mskCmk.check(stack(mskCluster({ encryption_info: {} }))))).toEqual([
      'encrypts broker storage with an AWS-managed key; set encryption_info.encryption_at_rest_kms_key_arn to a customer-managed key',
    ]);
  });

  test('GIVEN MSK Serverless THEN always a finding that names the written exception', () => {
    expect(messages(mskCmk.check(stack({ aws_msk_serverless_cluster: { s: { cluster_name: 'x' } } })))[0]).toMatch(/accept it with a guardrails\.suppress entry for MSK_CMK and its reason$/);
  });
});

describe('KINESIS_CMK', () => {
  test.each([
    [{}, 'stores records unencrypted; set encryption_type KMS with a customer-managed kms_key_id'],
    [{ encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' }, 'encrypts with alias/aws/kinesis; set kms_key_id to a customer-managed key'],
  ])('GIVEN %j THEN %s', (config, message) => {
    expect(messages(kinesisCmk.check(stack({ aws_kinesis_stream: { s: { name: 's', ...config } } })))).toEqual([message]);
  });
});

describe('FIREHOSE_SSE_KMS', () => {
  test('GIVEN an extended S3 destination and a backup without a key THEN a finding for each', () => {
    const findings = firehoseSseKms.check(
      stack({ aws_kinesis_firehose_delivery_stream: { f: { name: 'f', extended_s3_configuration: { bucket_arn: 'b', s3_backup_configuration: { bucket_arn: 'b' } } } } }),
    );
    expect(messages(findings)).toEqual([
      'extended_s3_configuration writes objects to S3 without kms_key_arn; set it to a customer-managed key',
      'extended_s3_configuration.s3_backup_configuration writes objects to S3 without kms_key_arn; set it to a customer-managed key',
    ]);
  });

  test("GIVEN another destination's S3 configuration without a key THEN a finding for it", () => {
    const findings = firehoseSseKms.check(stack({ aws_kinesis_firehose_delivery_stream: { f: { name: 'f', iceberg_configuration: { s3_configuration: { bucket_arn: 'b' } } } } }));
    expect(messages(findings)).toEqual(['iceberg_configuration.s3_configuration writes objects to S3 without kms_key_arn; set it to a customer-managed key']);
  });
});
