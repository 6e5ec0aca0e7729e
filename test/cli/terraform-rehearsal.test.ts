import { MOCK_ACCOUNT, combinedRehearsalTest, distinctMockId, mockValue, rehearsalTest, rehearsalVerdict, teardownBegins } from '../../cli/terraform-rehearsal';

describe('terraform-rehearsal', () => {
  test('mock values in the shapes AWS validators expect', () => {
    expect(mockValue('aws_launch_template', 'id')).toBe('lt-0123456789abcdef0');
    expect(mockValue('aws_iam_role', 'arn')).toBe(`arn:aws:iam::${MOCK_ACCOUNT}:role/mock`);
    expect(mockValue('aws_iam_policy', 'arn')).toBe(`arn:aws:iam::${MOCK_ACCOUNT}:policy/mock`);
    expect(mockValue('aws_cloudwatch_log_group', 'arn')).toMatch(/^arn:aws:logs:/);
    expect(mockValue('aws_glue_catalog_database', 'name')).toBe('mock-aws_glue_catalog_database-name');
  });

  test('a test file with per-type defaults, data mocks, remote-state overrides and an apply run', () => {
    const producer = { output: { 'cross-stack-output-aws_vpcvpc_1id': { value: '${aws_vpc.vpc_1.id}' } } };
    const consumer = {
      resource: { aws_iam_role: {}, aws_eks_cluster: {} },
      data: { terraform_remote_state: { 'cross-stack-reference-input-acme-network': {} } },
    };
    const text = rehearsalTest(consumer, { 'acme-network': producer });
    expect(text).toContain('mock_resource "aws_iam_role" {\n    defaults = { id = "mock-aws_iam_role-id", arn = ');
    expect(text).toContain('certificate_authority = [{ data = "bW9jaw==" }]');
    expect(text).toContain('mock_data "aws_caller_identity"');
    expect(text).toContain('target = data.terraform_remote_state.cross-stack-reference-input-acme-network');
    expect(text).toContain('"cross-stack-output-aws_vpcvpc_1id" = "vpc-0123456789abcdef0"');
    expect(text).toMatch(/run "rehearse_apply" \{\n  command = apply\n\}/);
  });

  test("a node group's mock has an Auto Scaling group, which the autoscaler's node-template tags index into", () => {
    const text = rehearsalTest({ resource: { aws_eks_node_group: {} } }, {});
    expect(text).toContain('resources = [{ autoscaling_groups = [{ name = "eks-mock-asg" }], remote_access_security_group_id = "" }]');
  });

  test('GIVEN several subnets THEN each gets a distinct mock id (a set of them, such as a resolver endpoint\'s ip_address, must not collapse)', () => {
    const text = rehearsalTest({ resource: { aws_subnet: { b: {}, a: {} }, aws_vpc_endpoint: {} } }, {});
    expect(text).toContain('override_resource {\n  target = aws_subnet.a\n  values = { id = "subnet-00000000000000000" }\n}');
    expect(text).toContain('override_resource {\n  target = aws_subnet.b\n  values = { id = "subnet-00000000000000001" }\n}');
    expect(distinctMockId('aws_subnet', 17)).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(text).toContain('dns_entry = [{ dns_name = "*.vpce-');
  });

  test('a combined root: one mock provider with the types of every member, overrides inside the module of each', () => {
    const producer = { output: { 'cross-stack-output-aws_vpcvpc_1id': { value: '${aws_vpc.vpc_1.id}' } } };
    const consumer = { resource: { aws_iam_role: {} }, data: { terraform_remote_state: { 'cross-stack-reference-input-acme-network': {} } } };
    const text = combinedRehearsalTest(
      [
        { name: 'acme-network', json: { resource: { aws_vpc: {} } } },
        { name: 'acme-edge-a', json: consumer },
      ],
      { 'acme-network': producer },
    );
    expect(text.match(/mock_provider "aws" \{/g)).toHaveLength(1);
    expect(text).toContain('mock_resource "aws_vpc" {\n    defaults = { id = "vpc-0123456789abcdef0"');
    expect(text).toContain('mock_resource "aws_iam_role"');
    expect(text).toContain('target = module.acme-edge-a.data.terraform_remote_state.cross-stack-reference-input-acme-network');
    expect(combinedRehearsalTest([{ name: 'acme-network', json: { resource: { aws_subnet: { a: {} } } } }], {})).toContain('override_resource {\n  target = module.acme-network.aws_subnet.a\n');
    expect(text).toMatch(/run "rehearse_apply" \{\n  command = apply\n\}/);
  });

  test('the verdict is the run line of terraform test -json, not the teardown', () => {
    const run = (status: string) => JSON.stringify({ type: 'test_run', test_run: { run: 'rehearse_apply', progress: 'complete', status } });
    expect(rehearsalVerdict(run('pass'))).toBe('pass');
    expect(rehearsalVerdict(run('fail'))).toBe('fail');
    expect(rehearsalVerdict(run('error'))).toBe('fail');
    expect(rehearsalVerdict(JSON.stringify({ type: 'test_run', test_run: { run: 'rehearse_apply', progress: 'running' } }))).toBeUndefined();
    expect(rehearsalVerdict(JSON.stringify({ type: 'test_run', test_run: { run: 'other', progress: 'complete', status: 'pass' } }))).toBeUndefined();
    expect(rehearsalVerdict('run "rehearse_apply"... pass')).toBeUndefined();
    expect(teardownBegins(JSON.stringify({ type: 'test_file', test_file: { path: 'tests/rehearsal.tftest.hcl', progress: 'teardown' } }))).toBe(true);
    expect(teardownBegins(run('pass'))).toBe(false);
  });
});
