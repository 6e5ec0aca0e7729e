import { CatalogGrants } from '../../../constructs/governance/catalog-grants';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const principalArn = 'arn:aws:iam::1:role/reader';

describe('CatalogGrants', () => {
  test('GIVEN all tables WHEN granted THEN DESCRIBE on the database and the permissions on every table, no grant option', () => {
    const json = synthConstruct((scope) => new CatalogGrants(scope, 'grants', { principalArn, databaseName: 'acme_ml_raw', tables: '*', tablePermissions: ['SELECT', 'DESCRIBE'] }));
    expect(resourcesOf(json, 'aws_lakeformation_permissions')).toHaveLength(2);
    expect(resourcesOf(json, 'aws_lakeformation_permissions')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ principal: principalArn, permissions: ['DESCRIBE'], database: { name: 'acme_ml_raw' } }),
        expect.objectContaining({ principal: principalArn, permissions: ['DESCRIBE', 'SELECT'], table: { database_name: 'acme_ml_raw', wildcard: true } }),
      ]),
    );
    for (const grant of resourcesOf(json, 'aws_lakeformation_permissions')) expect(grant.permissions_with_grant_option).toBeUndefined();
  });

  test('GIVEN named tables and a data location WHEN granted THEN one grant per table and DATA_LOCATION_ACCESS on the location', () => {
    const json = synthConstruct((scope) =>
      new CatalogGrants(scope, 'grants', { principalArn, databaseName: 'db', tables: ['ingest'], tablePermissions: ['SELECT', 'ALTER'], dataLocations: ['arn:aws:s3:::raw-b'] }),
    );
    const grants = resourcesOf(json, 'aws_lakeformation_permissions');
    expect(grants).toHaveLength(3);
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ permissions: ['ALTER', 'SELECT'], table: { database_name: 'db', name: 'ingest' } }),
        expect.objectContaining({ permissions: ['DATA_LOCATION_ACCESS'], data_location: { arn: 'arn:aws:s3:::raw-b' } }),
      ]),
    );
  });

  test('throws when there is nothing to grant on the tables', () => {
    expect(() => synthConstruct((scope) => new CatalogGrants(scope, 'grants', { principalArn, databaseName: 'db', tables: '*', tablePermissions: [] }))).toThrow(
      'grants: tablePermissions is empty; grant at least DESCRIBE, or leave the tables out',
    );
  });
});
