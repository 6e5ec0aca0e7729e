import { combinationKey, combinedRootFiles, isCombinable } from '../../cli/combined-root';

const stack = (name: string, config: object = { region: 'eu-west-1', default_tags: [{ tags: { 'tracklayer:stack': name, 'managed-by': 'tracklayer' } }] }) => ({
  '//': { metadata: { stackName: name } },
  terraform: { backend: { local: { path: `../../../terraform.${name}.tfstate` } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  provider: { aws: [config] },
  resource: { aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } } },
  output: { vpc_id: { value: '${aws_vpc.vpc.id}' } },
});

describe('combined-root', () => {
  test('a stack with one AWS provider configuration and the blocks of a module fits', () => {
    expect(isCombinable(stack('net'))).toBe(true);
  });

  test.each([
    ['a second provider', { ...stack('a'), provider: { aws: [{}], kubernetes: [{}] } }],
    ['an aliased AWS provider', { ...stack('a'), provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] } }],
    ['no provider block', { ...stack('a'), provider: undefined }],
    ['input variables', { ...stack('a'), variable: { x: {} } }],
    ['module calls', { ...stack('a'), module: { m: { source: './m' } } }],
    ['a cloud block', { ...stack('a'), terraform: { cloud: {}, required_providers: { aws: {} } } }],
  ])('a stack with %s does not fit (it is verified alone)', (_what, json) => {
    expect(isCombinable(json as never)).toBe(false);
  });

  test('stacks combine when their provider settings match but for the values of the default tags', () => {
    expect(combinationKey(stack('a'))).toBe(combinationKey(stack('b')));
    expect(combinationKey(stack('a'))).not.toBe(combinationKey(stack('b', { region: 'us-east-1', default_tags: [{ tags: { 'tracklayer:stack': 'b', 'managed-by': 'tracklayer' } }] })));
    expect(combinationKey(stack('a'))).not.toBe(combinationKey(stack('b', { region: 'eu-west-1', default_tags: [{ tags: { 'tracklayer:stack': 'b' } }] })));
  });

  test('the root: one provider (the first member’s), one module per stack; each module: the stack without its backend and provider', () => {
    const files = combinedRootFiles([
      { name: 'acme-network', json: stack('acme-network') },
      { name: 'acme-edge-a', json: stack('acme-edge-a') },
    ]);
    expect(Object.keys(files).sort()).toEqual(['acme-edge-a/cdk.tf.json', 'acme-network/cdk.tf.json', 'main.tf.json']);
    expect(JSON.parse(files['main.tf.json'])).toEqual({
      terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
      provider: { aws: [stack('acme-network').provider.aws[0]] },
      module: { 'acme-network': { source: './acme-network' }, 'acme-edge-a': { source: './acme-edge-a' } },
    });
    const member = JSON.parse(files['acme-edge-a/cdk.tf.json']);
    expect(member).toEqual({ '//': { metadata: { stackName: 'acme-edge-a' } }, terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } }, resource: stack('x').resource, output: stack('x').output });
  });
});
