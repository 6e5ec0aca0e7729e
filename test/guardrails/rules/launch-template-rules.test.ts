import { ltEbsEncrypted, ltImdsv2, ltLaunchedTags } from '../../../guardrails/rules/launch-template-rules';
import { stack } from '../fixtures/builders';
import { launchTemplate, launchedTags } from '../fixtures/compute-fixtures';

describe('LT_IMDSV2', () => {
  test('GIVEN a hop limit of 2 THEN it passes; 3 THEN it is reported', () => {
    const hops = (limit: number) => stack(launchTemplate('nodes', { metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: limit } }));
    expect(ltImdsv2.check(hops(2))).toEqual([]);
    expect(ltImdsv2.check(hops(3))[0].message).toBe('lets IMDS responses travel 3 hops, so containers can reach the node role; set http_put_response_hop_limit to 2 or less');
  });

  test('GIVEN no metadata_options THEN IMDSv1 is allowed and reported', () => {
    expect(ltImdsv2.check(stack(launchTemplate('nodes', { metadata_options: undefined })))[0].message).toMatch(/^allows IMDSv1 \(http_tokens is "unset"\)/);
  });

  test('GIVEN IMDS turned off THEN there is nothing to protect', () => {
    expect(ltImdsv2.check(stack(launchTemplate('nodes', { metadata_options: { http_endpoint: 'disabled' } })))).toEqual([]);
  });

  test('GIVEN a managed node group without a launch template THEN it is reported', () => {
    const group = { aws_eks_node_group: { bare: { cluster_name: 'demo', node_group_name: 'bare', subnet_ids: ['subnet-a'] } } };
    expect(ltImdsv2.check(stack(group)).map((f) => f.address)).toEqual(['aws_eks_node_group.bare']);
  });
});

describe('LT_EBS_ENCRYPTED', () => {
  test('GIVEN no block device mappings THEN the account default is not trusted', () => {
    expect(ltEbsEncrypted.check(stack(launchTemplate('nodes', { block_device_mappings: undefined })))[0].message).toMatch(/^declares no EBS volume/);
  });

  test('GIVEN one encrypted and one unencrypted volume THEN the unencrypted one is named', () => {
    const mappings = [
      { device_name: '/dev/xvda', ebs: { encrypted: true } },
      { device_name: '/dev/xvdb', ebs: { volume_size: 1000 } },
    ];
    expect(ltEbsEncrypted.check(stack(launchTemplate('nodes', { block_device_mappings: mappings }))).map((f) => f.message)).toEqual(['volume /dev/xvdb is not encrypted; set ebs.encrypted to true']);
  });
});

describe('LT_LAUNCHED_TAGS', () => {
  test('GIVEN only the Name tag on instances and volumes (default_tags do not reach them) THEN every untagged type is named', () => {
    const nameOnly = [{ resource_type: 'instance', tags: { Name: 'demo' } }, { resource_type: 'volume', tags: { Name: 'demo' } }];
    expect(ltLaunchedTags.check(stack(launchTemplate('nodes', { tag_specifications: nameOnly })))[0].message).toBe(
      "does not tag the instance, volume, network-interface it launches with tracklayer:project; add tag_specifications for them with the stack's tags, or the budget never sees their cost",
    );
  });

  test('GIVEN the project tag on all three THEN it passes', () => {
    expect(ltLaunchedTags.check(stack(launchTemplate('nodes', { tag_specifications: launchedTags() })))).toEqual([]);
  });
});
