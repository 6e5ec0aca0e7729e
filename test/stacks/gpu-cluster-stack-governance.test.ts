/** The gpu-cluster stack's Lake Formation grants for the workload roles (with business.compliance). */
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf } from '../support/synth-json';

describe('GpuClusterStack: catalog grants of the workloads', () => {
  test('GIVEN compliance WHEN synthesized THEN training and inference may DESCRIBE the raw database and SELECT its tables, nothing more', () => {
    const json = synthApp(needsWith({ business: { compliance: ['gdpr'] }, workload: { training: { accelerator: 'a10g', gpus: 1 }, inference: { accelerator: 'l4', latencyMs: 100 } } }))['acme-ml-gpu-cluster'];
    const grants = resourcesOf(json, 'aws_lakeformation_permissions');
    expect(grants).toHaveLength(4);
    for (const role of ['training', 'inference']) {
      const mine = grants.filter((g) => String(g.principal).includes(`${role}-identity_role`));
      expect(mine).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ permissions: ['DESCRIBE'], database: { name: 'acme_ml_raw' } }),
          expect.objectContaining({ permissions: ['DESCRIBE', 'SELECT'], table: { database_name: 'acme_ml_raw', wildcard: true } }),
        ]),
      );
    }
    for (const grant of grants) expect(grant.permissions_with_grant_option).toBeUndefined();
    // the database name is a plain string: no cross-stack reference to the lakehouse for it
    expect(JSON.stringify(grants)).not.toContain('terraform_remote_state');
  });

  test('GIVEN no compliance WHEN synthesized THEN no grants', () => {
    expect(resourcesOf(synthApp(needsWith({}))['acme-ml-gpu-cluster'], 'aws_lakeformation_permissions')).toHaveLength(0);
  });
});
