import { EfaNotSupportedError } from '../../../constructs/compute/compute-error';
import { DEFAULT_ROOT_VOLUME_GIB, NodeLaunchTemplate, type NodeLaunchTemplateProps } from '../../../constructs/compute/node-launch-template';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { instance } from './catalog-instance';

const efa = { placementGroupName: 'acme-ml-efa', securityGroupId: 'sg-efa' };
const synth = (overrides: Partial<NodeLaunchTemplateProps> = {}) =>
  synthConstruct((scope) => new NodeLaunchTemplate(scope, 'lt', { name: 'acme-ml-serve', instance: instance('g6.xlarge'), ...overrides }));
const template = (json: ReturnType<typeof synth>) => {
  const templates = resourcesOf(json, 'aws_launch_template');
  expect(templates).toHaveLength(1);
  return templates[0];
};

describe('NodeLaunchTemplate', () => {
  test('GIVEN defaults THEN IMDSv2 required with hop limit 1 and the endpoint on', () => {
    expect(template(synth()).metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
  });

  test('GIVEN defaults THEN an encrypted gp3 root volume on /dev/xvda of the default size, deleted with the node', () => {
    expect(template(synth()).block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { volume_type: 'gp3', volume_size: DEFAULT_ROOT_VOLUME_GIB, iops: 3000, throughput: 250, encrypted: 'true', delete_on_termination: 'true' },
      },
    ]);
    expect(DEFAULT_ROOT_VOLUME_GIB).toBe(200);
  });

  test('GIVEN defaults THEN no AMI, no instance type, no security groups, no interfaces, no placement, no key pair', () => {
    const lt = template(synth());
    for (const key of ['image_id', 'instance_type', 'vpc_security_group_ids', 'security_group_names', 'network_interfaces', 'placement', 'key_name', 'iam_instance_profile']) {
      expect(lt).not.toHaveProperty(key);
    }
  });

  test('GIVEN defaults THEN the default version follows updates and instances, volumes and interfaces get a Name tag', () => {
    const lt = template(synth());
    expect(lt.update_default_version).toBe(true);
    expect(lt.tag_specifications).toEqual([
      { resource_type: 'instance', tags: { Name: 'acme-ml-serve' } },
      { resource_type: 'volume', tags: { Name: 'acme-ml-serve' } },
      { resource_type: 'network-interface', tags: { Name: 'acme-ml-serve' } },
    ]);
  });

  test('GIVEN efa on p5.48xlarge THEN 32 interfaces without public IPs carry the EFA and cluster groups, in the placement group', () => {
    const lt = template(synth({ instance: instance('p5.48xlarge'), efa, clusterSecurityGroupId: 'sg-cluster' }));
    const interfaces = lt.network_interfaces as Record<string, unknown>[];
    expect(interfaces).toHaveLength(32);
    expect(interfaces[0]).toMatchObject({ network_card_index: 0, device_index: 0, interface_type: 'efa' });
    for (const entry of interfaces) {
      expect(entry).toMatchObject({ associate_public_ip_address: 'false', delete_on_termination: 'true', security_groups: ['sg-efa', 'sg-cluster'] });
      expect(entry).not.toHaveProperty('subnet_id');
    }
    expect(lt.placement).toEqual({ group_name: 'acme-ml-efa' });
    // security groups only on the interfaces, never also at instance level (EKS rejects both)
    expect(lt).not.toHaveProperty('vpc_security_group_ids');
  });

  test('GIVEN custom size, key and hop limit 2 THEN they are used', () => {
    const lt = template(synth({ rootVolumeSizeGiB: 500, volumeKmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', metadataHopLimit: 2 }));
    expect(lt.metadata_options).toMatchObject({ http_put_response_hop_limit: 2 });
    expect((lt.block_device_mappings as { ebs: Record<string, unknown> }[])[0].ebs).toMatchObject({
      volume_size: 500,
      kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k',
    });
  });

  test.each([0, 3, 1.5])('throws for metadataHopLimit %p, naming the prop and the allowed values', (hops) => {
    expect(() => synth({ metadataHopLimit: hops })).toThrow(`metadataHopLimit must be 1 or 2, got ${hops}`);
  });

  test('throws for a root volume below 20 GiB', () => {
    expect(() => synth({ rootVolumeSizeGiB: 8 })).toThrow('rootVolumeSizeGiB must be a whole number of at least 20, got 8');
  });

  test('throws for efa without the cluster security group, saying why it is needed', () => {
    expect(() => synth({ instance: instance('p5.48xlarge'), efa })).toThrow(/clusterSecurityGroupId is required with efa: .* pass the cluster's cluster_security_group_id/);
  });

  test('throws for a cluster security group without efa', () => {
    expect(() => synth({ clusterSecurityGroupId: 'sg-cluster' })).toThrow(/clusterSecurityGroupId is only used with efa/);
  });

  test('throws EfaNotSupportedError for efa on an instance type without EFA', () => {
    const attempt = () => synth({ instance: instance('g5.xlarge'), efa, clusterSecurityGroupId: 'sg-cluster' });
    expect(attempt).toThrow(EfaNotSupportedError);
    expect(attempt).toThrow(/instance type g5\.xlarge has no EFA-capable network card/);
  });

  test('GIVEN a reservation with a placement group THEN throws: reserved capacity is placed where it was reserved', () => {
    expect(() =>
      synth({ instance: instance('p5.48xlarge'), efa, clusterSecurityGroupId: 'sg-cluster', capacity: { kind: 'capacity-block', reservationId: 'cr-0123456789abcdef0' } }),
    ).toThrow('efa.placementGroupName is set with a capacity-block');
  });

  test('GIVEN a malformed reservation id THEN throws quoting it', () => {
    expect(() => synth({ capacity: { kind: 'reservation', reservationId: 'cr-1' } })).toThrow('capacity.reservationId must be a capacity reservation id such as cr-0123456789abcdef0, got "cr-1"');
  });
});
