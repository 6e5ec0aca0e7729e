import { isStateful, statefulChanges, synthDataLossRisks, updatesInPlace } from '../../preview/stateful';
import { diffSynth } from '../../preview/synth-diff';
import type { SynthOutput, TerraformJson } from '../../preview/synth-output';

function stack(resources: Record<string, Record<string, Record<string, unknown>>>): TerraformJson {
  return { resource: resources };
}
const meta = (path: string) => ({ '//': { metadata: { path } } });

describe('isStateful', () => {
  test.each(['aws_s3_bucket', 'aws_s3tables_table_bucket', 'aws_kms_key', 'aws_eks_cluster', 'aws_eks_node_group', 'aws_glue_catalog_database', 'aws_cloudwatch_log_group'])('%s is stateful', (type) => {
    expect(isStateful(type)).toBe(true);
  });
  test.each(['aws_vpc', 'aws_iam_role', 'aws_s3_bucket_policy'])('%s is not', (type) => {
    expect(isStateful(type)).toBe(false);
  });
});

describe('synthDataLossRisks', () => {
  test('removed, renamed and stack-removed stateful resources are risks; prevent_destroy is noted', () => {
    const base: SynthOutput = {
      stacks: {
        lake: stack({
          aws_s3_bucket: { raw_1: { ...meta('lake/raw/bucket'), lifecycle: { prevent_destroy: true } }, old_1: { ...meta('lake/old/bucket') } },
          aws_iam_role: { r_1: { ...meta('lake/role'), name: 'r' } },
        }),
        cluster: stack({ aws_eks_cluster: { c_1: { ...meta('cluster/cluster/cluster'), name: 'c' } } }),
      },
    };
    const head: SynthOutput = { stacks: { lake: stack({ aws_s3_bucket: { new_1: { ...meta('lake/new/bucket') } } }) } };
    const risks = synthDataLossRisks(diffSynth(base, head), base);
    expect(risks.map((r) => [r.stack, r.address, r.kind, r.newAddress, r.preventDestroy])).toEqual([
      ['lake', 'aws_s3_bucket.raw_1', 'removed', undefined, true],
      ['lake', 'aws_s3_bucket.old_1', 'address changed', 'aws_s3_bucket.new_1', false],
      ['cluster', 'aws_eks_cluster.c_1', 'stack removed', undefined, false],
    ]);
    expect(risks[0].loses).toBe('the objects in the bucket');
  });
});

describe('statefulChanges', () => {
  test('changes a plan might turn into a replacement are listed; in-place ones (scaling, tags) are not', () => {
    const base: SynthOutput = { stacks: { c: stack({ aws_eks_node_group: { g_1: { ...meta('c/g'), scaling_config: { max_size: 1 }, instance_types: ['p5.48xlarge'] }, g_2: { ...meta('c/h'), scaling_config: { max_size: 1 } } } }) } };
    const head: SynthOutput = { stacks: { c: stack({ aws_eks_node_group: { g_1: { ...meta('c/g'), scaling_config: { max_size: 2 }, instance_types: ['p5en.48xlarge'] }, g_2: { ...meta('c/h'), scaling_config: { max_size: 2 } } } }) } };
    expect(statefulChanges(diffSynth(base, head))).toEqual([{ stack: 'c', address: 'aws_eks_node_group.g_1', path: 'c/g', attributes: ['instance_types[0]'] }]);
    expect(updatesInPlace('aws_s3_bucket', 'tags.Name')).toBe(true);
    expect(updatesInPlace('aws_s3_bucket', 'bucket')).toBe(false);
  });
});
