import { diffSynth, pairAddressChanges } from '../../preview/synth-diff';
import { resourcesOf, type SynthOutput, type TerraformJson } from '../../preview/synth-output';

/** A stack of resources given as [type, name, construct path, config]. */
function stack(...resources: [string, string, string, Record<string, unknown>][]): TerraformJson {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [type, name, path, config] of resources) resource[type] = { ...resource[type], [name]: { '//': { metadata: { path, uniqueId: name } }, ...config } };
  return { resource, provider: { aws: [{ region: 'eu-central-1' }] } };
}
const output = (stacks: Record<string, TerraformJson>): SynthOutput => ({ stacks });

describe('diffSynth', () => {
  test('without a base, every stack is new and every resource an addition', () => {
    const diff = diffSynth(undefined, output({ s: stack(['aws_vpc', 'vpc_1', 's/vpc/vpc', { cidr_block: '10.0.0.0/16' }]) }));
    expect(diff.hasBase).toBe(false);
    expect(diff.stacks).toEqual([expect.objectContaining({ stack: 's', status: 'new', added: [{ address: 'aws_vpc.vpc_1', type: 'aws_vpc', path: 's/vpc/vpc' }], changed: [], removed: [] })]);
  });

  test('added, changed (attribute level, references as written) and removed resources; removed stacks last', () => {
    const base = output({
      s: stack(['aws_vpc', 'vpc_1', 's/vpc/vpc', { cidr_block: '10.0.0.0/16' }], ['aws_subnet', 'a_1', 's/vpc/a', { vpc_id: '${aws_vpc.vpc_1.id}', cidr_block: '10.0.0.0/20' }]),
      gone: stack(['aws_s3_bucket', 'b_1', 'gone/b/bucket', {}]),
    });
    const head = output({
      s: stack(['aws_vpc', 'vpc_1', 's/vpc/vpc', { cidr_block: '10.1.0.0/16' }], ['aws_internet_gateway', 'igw_1', 's/vpc/igw', { vpc_id: '${aws_vpc.vpc_1.id}' }]),
    });
    const diff = diffSynth(base, head);
    expect(diff.stacks.map((s) => [s.stack, s.status])).toEqual([['s', 'changed'], ['gone', 'removed']]);
    const [s, gone] = diff.stacks;
    expect(s.added.map((r) => r.address)).toEqual(['aws_internet_gateway.igw_1']);
    expect(s.changed).toEqual([{ address: 'aws_vpc.vpc_1', type: 'aws_vpc', path: 's/vpc/vpc', changes: [{ path: 'cidr_block', before: '10.0.0.0/16', after: '10.1.0.0/16' }] }]);
    expect(s.removed.map((r) => r.address)).toEqual(['aws_subnet.a_1']);
    expect(gone.removed.map((r) => r.address)).toEqual(['aws_s3_bucket.b_1']);
  });

  test('a renamed construct id is one address change per resource, not a removal and an addition', () => {
    const base = output({ s: stack(['aws_s3_bucket', 'lake_raw_bucket_AAAA', 's/lake/raw/bucket', { bucket: 'x' }], ['aws_s3_bucket_versioning', 'lake_raw_versioning_BBBB', 's/lake/raw/versioning', { bucket: '${aws_s3_bucket.lake_raw_bucket_AAAA.id}' }]) });
    const head = output({ s: stack(['aws_s3_bucket', 'lake_landing_bucket_CCCC', 's/lake/landing/bucket', { bucket: 'x' }], ['aws_s3_bucket_versioning', 'lake_landing_versioning_DDDD', 's/lake/landing/versioning', { bucket: '${aws_s3_bucket.lake_landing_bucket_CCCC.id}' }]) });
    const [s] = diffSynth(base, head).stacks;
    expect(s.added).toEqual([]);
    expect(s.removed).toEqual([]);
    expect(s.addressChanged.map((c) => [c.before.address, c.after.address])).toEqual([
      ['aws_s3_bucket.lake_raw_bucket_AAAA', 'aws_s3_bucket.lake_landing_bucket_CCCC'],
      ['aws_s3_bucket_versioning.lake_raw_versioning_BBBB', 'aws_s3_bucket_versioning.lake_landing_versioning_DDDD'],
    ]);
  });

  test('stack settings changes (backend, provider) are reported apart from resources', () => {
    const base = output({ s: { ...stack(), terraform: { backend: { local: { path: 'a' } } } } });
    const head = output({ s: { ...stack(), terraform: { backend: { s3: { bucket: 'b' } } } } });
    const [s] = diffSynth(base, head).stacks;
    expect(s.status).toBe('changed');
    expect(s.settings.map((c) => c.path)).toEqual(['terraform.backend.local', 'terraform.backend.s3']);
  });
});

describe('pairAddressChanges', () => {
  const entries = (json: TerraformJson) => [...resourcesOf(json).values()];

  test('a construct moved to a new parent pairs by identical configuration (references aside)', () => {
    const removed = entries(stack(['aws_kms_key', 'old_key_1', 's/old/key', { description: 'k', policy: '${data.aws_iam_policy_document.p_1.json}' }]));
    const added = entries(stack(['aws_kms_key', 'new_parent_key_2', 's/new/parent/key', { description: 'k', policy: '${data.aws_iam_policy_document.p_2.json}' }]));
    expect(pairAddressChanges(removed, added).map(([r, a]) => [r.address, a.address])).toEqual([['aws_kms_key.old_key_1', 'aws_kms_key.new_parent_key_2']]);
  });

  test('ambiguous candidates stay a removal and an addition', () => {
    const removed = entries(stack(['aws_s3_bucket', 'a_raw_1', 's/a/raw', {}]));
    const added = entries(stack(['aws_s3_bucket', 'a_x_1', 's/a/x', {}], ['aws_s3_bucket', 'a_y_1', 's/a/y', {}]));
    expect(pairAddressChanges(removed, added)).toEqual([]);
  });

  test('different types never pair', () => {
    const removed = entries(stack(['aws_s3_bucket', 'a_raw_1', 's/a/raw', {}]));
    const added = entries(stack(['aws_sqs_queue', 'a_x_1', 's/a/x', {}]));
    expect(pairAddressChanges(removed, added)).toEqual([]);
  });
});
