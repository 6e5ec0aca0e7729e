import { GpuNodeGroup, type GpuNodeGroupProps } from '../../../constructs/compute/gpu-node-group';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { armNvidiaInstance, instance } from './catalog-instance';

const inference: GpuNodeGroupProps = {
  clusterName: 'acme-ml',
  name: 'acme-ml-serve-g6',
  nodeRoleArn: 'arn:aws:iam::111122223333:role/acme-ml-gpu-nodes',
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  instance: instance('g6.xlarge'),
  minSize: 2,
  maxSize: 2,
  workload: 'inference',
};
const training: GpuNodeGroupProps = {
  ...inference,
  name: 'acme-ml-train-p5',
  subnetIds: ['subnet-a'],
  instance: instance('p5.48xlarge'),
  minSize: 0,
  maxSize: 8,
  workload: 'training',
  efa: { placementGroupName: 'acme-ml-efa', securityGroupId: 'sg-efa' },
  clusterSecurityGroupId: 'sg-cluster',
};
const synth = (props: GpuNodeGroupProps) => synthConstruct((scope) => new GpuNodeGroup(scope, 'group', props));
const nodeGroup = (props: GpuNodeGroupProps) => {
  const groups = resourcesOf(synth(props), 'aws_eks_node_group');
  expect(groups).toHaveLength(1);
  return groups[0];
};

describe('GpuNodeGroup', () => {
  test('GIVEN an inference group THEN one node group on all subnets, instance type on the group, sizes as given', () => {
    expect(nodeGroup(inference)).toMatchObject({
      cluster_name: 'acme-ml',
      node_group_name: 'acme-ml-serve-g6',
      node_role_arn: 'arn:aws:iam::111122223333:role/acme-ml-gpu-nodes',
      subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'],
      instance_types: ['g6.xlarge'],
      scaling_config: { min_size: 2, desired_size: 2, max_size: 2 },
      update_config: { max_unavailable: 1 },
    });
  });

  test('the group boots from its own launch template at the latest version, and sets no disk size or remote access', () => {
    const json = synth(inference);
    const group = resourcesOf(json, 'aws_eks_node_group')[0];
    expect(resourcesOf(json, 'aws_launch_template')).toHaveLength(1);
    expect(group.launch_template).toEqual({
      id: expect.stringMatching(/^\$\{aws_launch_template\.[^}]+\.id\}$/),
      version: expect.stringMatching(/^\$\{aws_launch_template\.[^}]+\.latest_version\}$/),
    });
    expect(group).not.toHaveProperty('disk_size');
    expect(group).not.toHaveProperty('remote_access');
  });

  test('desired size is left to autoscalers after creation', () => {
    expect(nodeGroup(inference).lifecycle).toEqual({ ignore_changes: ['scaling_config[0].desired_size'] });
  });

  test('GIVEN no capacityType THEN ON_DEMAND; GIVEN SPOT THEN SPOT', () => {
    expect(nodeGroup(inference).capacity_type).toBe('ON_DEMAND');
    expect(nodeGroup({ ...training, capacityType: 'SPOT' }).capacity_type).toBe('SPOT');
  });

  test('GIVEN desiredSize THEN it is used; otherwise minSize', () => {
    expect(nodeGroup({ ...training, desiredSize: 4 }).scaling_config).toEqual({ min_size: 0, desired_size: 4, max_size: 8 });
    expect(nodeGroup(training).scaling_config).toEqual({ min_size: 0, desired_size: 0, max_size: 8 });
  });

  test.each([
    ['g6.xlarge', 'AL2023_x86_64_NVIDIA', 'nvidia.com/gpu'],
    ['trn1.2xlarge', 'AL2023_x86_64_NEURON', 'aws.amazon.com/neuron'],
  ])('GIVEN %s THEN ami type %s and taint %s=true:NO_SCHEDULE', (name, amiType, taintKey) => {
    const group = nodeGroup({ ...inference, instance: instance(name) });
    expect(group.ami_type).toBe(amiType);
    expect(group.taint).toEqual([{ key: taintKey, value: 'true', effect: 'NO_SCHEDULE' }]);
  });

  test('GIVEN an NVIDIA type on arm64 THEN AL2023_ARM_64_NVIDIA', () => {
    expect(nodeGroup({ ...inference, instance: armNvidiaInstance() }).ami_type).toBe('AL2023_ARM_64_NVIDIA');
  });

  test('GIVEN labels THEN they are merged with the inferred ones', () => {
    expect(nodeGroup({ ...training, labels: { team: 'research' } }).labels).toEqual({
      team: 'research',
      'tracklayer.dev/accelerator': 'h100',
      'tracklayer.dev/workload': 'training',
      'tracklayer.dev/instance-type': 'p5.48xlarge',
      'tracklayer.dev/efa': 'true',
      'tracklayer.dev/node-group': 'acme-ml-train-p5',
      'k8s.amazonaws.com/accelerator': 'nvidia-h100',
    });
  });

  test('Trainium nodes do not carry the autoscaler GPU label (their chips are not GPUs to it)', () => {
    expect(nodeGroup({ ...training, instance: instance('trn1.32xlarge'), efa: undefined, clusterSecurityGroupId: undefined }).labels).not.toHaveProperty('k8s.amazonaws.com/accelerator');
  });

  test('GIVEN a reserved label key THEN throws with the construct path', () => {
    expect(() => synth({ ...inference, labels: { 'tracklayer.dev/accelerator': 'h100' } })).toThrow(/group: labels: tracklayer\.dev\/accelerator: keys under tracklayer\.dev\/ are set/);
  });

  test('GIVEN efa THEN the launch template has 32 EFA interfaces and the placement group', () => {
    const [template] = resourcesOf(synth(training), 'aws_launch_template');
    expect(template.network_interfaces).toHaveLength(32);
    expect(template.placement).toEqual({ group_name: 'acme-ml-efa' });
  });

  test('GIVEN efa with three subnets THEN throws saying one subnet and why', () => {
    expect(() => synth({ ...training, subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'] })).toThrow(
      'subnetIds must hold exactly one subnet with efa, got 3 (subnet-a, subnet-b, subnet-c): a cluster placement group and EFA traffic stay inside one Availability Zone',
    );
  });

  test('GIVEN no subnets THEN throws', () => {
    expect(() => synth({ ...inference, subnetIds: [] })).toThrow("subnetIds is empty; pass the cluster's private subnets");
  });

  test.each([
    [{ minSize: 3, maxSize: 2 }, 'sizes must satisfy minSize <= desiredSize <= maxSize, got minSize 3, desiredSize 3, maxSize 2'],
    [{ minSize: 1, maxSize: 4, desiredSize: 5 }, 'got minSize 1, desiredSize 5, maxSize 4'],
    [{ minSize: 2, maxSize: 4, desiredSize: 1 }, 'got minSize 2, desiredSize 1, maxSize 4'],
    [{ minSize: 0, maxSize: 0 }, 'maxSize must be a whole number of at least 1 (EKS rejects 0; leave the node group out instead), got 0'],
    [{ minSize: -1, maxSize: 2 }, 'minSize must be a whole number of at least 0, got -1'],
    [{ minSize: 1.5, maxSize: 2 }, 'minSize must be a whole number of at least 0, got 1.5'],
  ])('GIVEN sizes %p THEN throws %p', (sizes, message) => {
    expect(() => synth({ ...inference, ...sizes })).toThrow(message);
  });

  test('GIVEN a node group name EKS would reject THEN throws quoting it', () => {
    expect(() => synth({ ...inference, name: 'bad.name' })).toThrow('name must be 1 to 63 letters, digits, hyphens or underscores, starting with a letter or digit, got "bad.name"');
  });

  test('GIVEN launchOptions THEN they reach the launch template', () => {
    const [template] = resourcesOf(synth({ ...inference, launchOptions: { rootVolumeSizeGiB: 400, metadataHopLimit: 2 } }), 'aws_launch_template');
    expect(template.metadata_options).toMatchObject({ http_put_response_hop_limit: 2 });
    expect(JSON.stringify(template.block_device_mappings)).toContain('"volume_size":400');
  });

  test('GIVEN CAPACITY_BLOCK THEN the group names no instance type, and its launch template sets it, the capacity-block market and the reservation', () => {
    const json = synth({ ...training, efa: { securityGroupId: 'sg-efa' }, capacityType: 'CAPACITY_BLOCK', capacityReservationId: 'cr-0123456789abcdef0' });
    const [group] = resourcesOf(json, 'aws_eks_node_group');
    const [template] = resourcesOf(json, 'aws_launch_template');
    expect(group.capacity_type).toBe('CAPACITY_BLOCK');
    expect(group).not.toHaveProperty('instance_types');
    expect(template).toMatchObject({
      instance_type: 'p5.48xlarge',
      instance_market_options: { market_type: 'capacity-block' },
      capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: 'cr-0123456789abcdef0' } },
    });
    expect(template).not.toHaveProperty('placement');
  });

  test('GIVEN an On-Demand Capacity Reservation THEN the template targets it and the group stays ON_DEMAND with its instance type', () => {
    const json = synth({ ...inference, subnetIds: ['subnet-a'], capacityReservationId: 'cr-0123456789abcdef0' });
    const [group] = resourcesOf(json, 'aws_eks_node_group');
    const [template] = resourcesOf(json, 'aws_launch_template');
    expect(group).toMatchObject({ capacity_type: 'ON_DEMAND', instance_types: ['g6.xlarge'] });
    expect(template.capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_id: 'cr-0123456789abcdef0' } });
    expect(template).not.toHaveProperty('instance_market_options');
  });

  test.each([
    [{ capacityType: 'CAPACITY_BLOCK' as const }, 'capacityReservationId is required with capacityType CAPACITY_BLOCK'],
    [{ capacityType: 'SPOT' as const, capacityReservationId: 'cr-0123456789abcdef0' }, 'capacityReservationId cr-0123456789abcdef0 is set with capacityType SPOT'],
    [{ capacityReservationId: 'cr-0123456789abcdef0' }, "subnetIds must hold exactly the one subnet in the reservation's zone with capacityReservationId, got 3"],
  ])('GIVEN %p THEN throws %p', (props, message) => {
    expect(() => synth({ ...inference, ...props })).toThrow(message);
  });

  test('its node template: the labels and taint it sets, its chips, EFA interfaces and the ephemeral storage pods may use', () => {
    let template: GpuNodeGroup['template'] | undefined;
    synthConstruct((scope) => {
      template = new GpuNodeGroup(scope, 'group', training).template;
    });
    expect(template).toEqual({
      labels: expect.objectContaining({ 'tracklayer.dev/workload': 'training', 'tracklayer.dev/node-group': 'acme-ml-train-p5', 'tracklayer.dev/efa': 'true' }),
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' }],
      resources: { 'nvidia.com/gpu': '8', 'vpc.amazonaws.com/efa': '32', 'ephemeral-storage': '180Gi' },
    });
  });
});
