import { ATHENA_QUERY_ACTIONS, AthenaQueryPolicy, athenaQueryStatements } from '../../../constructs/lakehouse/athena-query-policy';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const props = {
  namePrefix: 'acme-ml',
  region: 'us-east-2',
  accountId: '123456789012',
  partition: 'aws',
  athenaEndpointId: 'vpce-0a1b2c3d4e5f60003',
  glueDatabaseNames: ['acme_ml_raw'],
  dataReadStatements: [{ sid: 'ReadLakehouseObjects', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::raw/*'] }],
};

describe('AthenaQueryPolicy', () => {
  const statements = athenaQueryStatements(props);

  test('GIVEN the VPC\'s Athena endpoint THEN Athena queries are allowed only through it (aws:SourceVpce)', () => {
    expect(statements[0]).toEqual({
      sid: 'QueryThroughTheVpcEndpoint',
      actions: ATHENA_QUERY_ACTIONS,
      resources: ['arn:aws:athena:us-east-2:123456789012:workgroup/*'],
      conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60003' } },
    });
  });

  test('the lakehouse catalog and the raw and curated data, read only', () => {
    expect(statements[1].resources).toEqual([
      'arn:aws:glue:us-east-2:123456789012:catalog',
      'arn:aws:glue:us-east-2:123456789012:database/acme_ml_raw',
      'arn:aws:glue:us-east-2:123456789012:table/acme_ml_raw/*',
    ]);
    expect(statements[1].actions.every((a) => a.startsWith('glue:Get') || a === 'glue:BatchGetPartition')).toBe(true);
    expect(statements.slice(2)).toEqual(props.dataReadStatements);
  });

  test('a managed policy named <name>-lakehouse-athena', () => {
    const json = synthConstruct((scope) => new AthenaQueryPolicy(scope, 'athena', props));
    expect(resourcesOf(json, 'aws_iam_policy')).toEqual([expect.objectContaining({ name: 'acme-ml-lakehouse-athena' })]);
  });
});
