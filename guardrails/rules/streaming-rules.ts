/**
 * Streaming rules: Kafka clusters reachable only privately, with authentication and TLS;
 * streamed data at rest under a customer-managed key (MSK, Kinesis) and delivered into S3
 * encrypted with one (Firehose).
 */
import type { Finding, Rule } from '../rule';
import { blockList, findingAt, isTrue, resourcesOf, singleBlock, stringList } from '../terraform-json';

/** Transit encryption settings of MSK that send data in plaintext. */
const PLAINTEXT_CLIENT_BROKER = ['PLAINTEXT', 'TLS_PLAINTEXT'];

/** MSK_ACCESS: MSK clusters authenticate every client, use TLS, and have no public endpoint. */
export const mskAccess: Rule = {
  id: 'MSK_ACCESS',
  level: 'error',
  rationale: 'MSK clusters authenticate every client (IAM, TLS or SCRAM, never unauthenticated), encrypt traffic with TLS between clients and brokers and between brokers, and expose no public endpoint.',
  references: { checkov: ['CKV_AWS_81', 'CKV_AWS_291'], trivy: ['AVD-AWS-0073'], cdkNag: ['AwsSolutions-MSK2'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_msk_cluster').flatMap((cluster): Finding[] => {
      const findings: Finding[] = [];
      const auth = singleBlock(cluster.config.client_authentication);
      const sasl = singleBlock(auth?.sasl);
      const authenticated = isTrue(sasl?.iam) || isTrue(sasl?.scram) || stringList(singleBlock(auth?.tls)?.certificate_authority_arns).length > 0;
      if (!auth || !authenticated || isTrue(auth.unauthenticated)) findings.push(findingAt(cluster, 'lets clients in without authentication; set client_authentication.sasl.iam (or TLS or SCRAM) and unauthenticated false'));
      const transit = singleBlock(singleBlock(cluster.config.encryption_info)?.encryption_in_transit);
      if (PLAINTEXT_CLIENT_BROKER.includes(String(transit?.client_broker ?? 'TLS'))) findings.push(findingAt(cluster, `lets clients talk to brokers in plaintext (client_broker ${String(transit?.client_broker)}); set it to TLS`));
      if (transit?.in_cluster === false || transit?.in_cluster === 'false') findings.push(findingAt(cluster, 'replicates between brokers in plaintext; set encryption_in_transit.in_cluster to true'));
      const publicAccess = singleBlock(singleBlock(singleBlock(cluster.config.broker_node_group_info)?.connectivity_info)?.public_access);
      if (publicAccess?.type !== undefined && publicAccess.type !== 'DISABLED') findings.push(findingAt(cluster, `has public broker endpoints (public_access.type ${String(publicAccess.type)}); keep brokers private (DISABLED)`));
      return findings;
    }),
};

/** MSK_CMK: MSK data at rest is encrypted with a customer-managed key. */
export const mskCmk: Rule = {
  id: 'MSK_CMK',
  level: 'error',
  rationale: 'Records at rest in MSK are encrypted with a customer-managed KMS key the project controls; MSK Serverless cannot use one, so choosing it is an explicit, written exception.',
  references: { checkov: ['CKV_AWS_81'], trivy: ['AVD-AWS-0179'], cdkNag: 'none' },
  check: (stack) => [
    ...resourcesOf(stack, 'aws_msk_cluster').flatMap((cluster): Finding[] =>
      singleBlock(cluster.config.encryption_info)?.encryption_at_rest_kms_key_arn
        ? []
        : [findingAt(cluster, 'encrypts broker storage with an AWS-managed key; set encryption_info.encryption_at_rest_kms_key_arn to a customer-managed key')],
    ),
    ...resourcesOf(stack, 'aws_msk_serverless_cluster').map((cluster) =>
      findingAt(cluster, 'is MSK Serverless, which encrypts at rest with an AWS-owned key and cannot use a customer-managed one; use provisioned MSK, or accept it with a guardrails.suppress entry for MSK_CMK and its reason'),
    ),
  ],
};

/** The AWS managed key of Kinesis, which the account does not control. */
const KINESIS_AWS_MANAGED_KEY = 'alias/aws/kinesis';

/** KINESIS_CMK: Kinesis data streams are encrypted with a customer-managed key. */
export const kinesisCmk: Rule = {
  id: 'KINESIS_CMK',
  level: 'error',
  rationale: 'Kinesis data streams encrypt records with a customer-managed KMS key, not unencrypted and not the AWS managed alias/aws/kinesis.',
  references: { checkov: ['CKV_AWS_43', 'CKV_AWS_185'], trivy: ['AVD-AWS-0064'], cdkNag: ['AwsSolutions-KDS1', 'AwsSolutions-KDS3'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_kinesis_stream').flatMap((stream): Finding[] => {
      if (stream.config.encryption_type !== 'KMS') return [findingAt(stream, 'stores records unencrypted; set encryption_type KMS with a customer-managed kms_key_id')];
      const key = stream.config.kms_key_id;
      return !key || key === KINESIS_AWS_MANAGED_KEY ? [findingAt(stream, `encrypts with ${String(key ?? 'no key')}; set kms_key_id to a customer-managed key`)] : [];
    }),
};

/** Destination blocks of a delivery stream that write objects to S3 (and whose kms_key_arn encrypts them). */
const S3_DESTINATION_BLOCKS = ['extended_s3_configuration', 's3_configuration'];

/** FIREHOSE_SSE_KMS: Firehose writes objects to S3 encrypted with a customer-managed key. */
export const firehoseSseKms: Rule = {
  id: 'FIREHOSE_SSE_KMS',
  level: 'error',
  rationale: 'Firehose delivery streams encrypt the objects they write to S3 with a customer-managed KMS key (kms_key_arn), so delivered data never depends on the bucket default alone.',
  references: { checkov: ['CKV_AWS_240', 'CKV_AWS_241'], trivy: 'none', cdkNag: ['AwsSolutions-KDF1'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_kinesis_firehose_delivery_stream').flatMap((stream): Finding[] => {
      const destinations = [
        ...S3_DESTINATION_BLOCKS.flatMap((name) => blockList(stream.config[name]).map((block) => [name, block] as const)),
        ...blockList(stream.config.extended_s3_configuration).flatMap((block) => blockList(block.s3_backup_configuration).map((backup) => ['extended_s3_configuration.s3_backup_configuration', backup] as const)),
        ...Object.entries(stream.config)
          .filter(([name]) => name.endsWith('_configuration') && !S3_DESTINATION_BLOCKS.includes(name))
          .flatMap(([name, value]) => blockList(value).flatMap((block) => blockList(block.s3_configuration).map((s3) => [`${name}.s3_configuration`, s3] as const))),
      ];
      return destinations.filter(([, block]) => !block.kms_key_arn).map(([name]) => findingAt(stream, `${name} writes objects to S3 without kms_key_arn; set it to a customer-managed key`));
    }),
};

/** The streaming rules, in registry order. */
export const STREAMING_RULES: readonly Rule[] = [mskAccess, mskCmk, kinesisCmk, firehoseSseKms];
