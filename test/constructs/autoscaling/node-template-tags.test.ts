import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { NodeTemplateTags, nodeTemplateTags } from '../../../constructs/autoscaling/node-template-tags';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const template = {
  labels: { 'tracklayer.dev/workload': 'training', 'tracklayer.dev/efa': 'true' },
  taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' as const }],
  resources: { 'nvidia.com/gpu': '8', 'vpc.amazonaws.com/efa': '32' },
};

describe('nodeTemplateTags', () => {
  test('labels, taints (Kubernetes spelling) and resources become the autoscaler node-template tags, sorted', () => {
    expect(nodeTemplateTags(template)).toEqual({
      'k8s.io/cluster-autoscaler/node-template/label/tracklayer.dev/efa': 'true',
      'k8s.io/cluster-autoscaler/node-template/label/tracklayer.dev/workload': 'training',
      'k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu': '8',
      'k8s.io/cluster-autoscaler/node-template/resources/vpc.amazonaws.com/efa': '32',
      'k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu': 'true:NoSchedule',
    });
  });
});

describe('NodeTemplateTags', () => {
  test("GIVEN a node group THEN one aws_autoscaling_group_tag per tag on the group's ASG, not propagated to instances", () => {
    const json = synthConstruct((scope) => {
      const group = new EksNodeGroup(scope, 'group', { clusterName: 'acme-ml', nodeGroupName: 'acme-ml-training', nodeRoleArn: 'arn:aws:iam::111122223333:role/node', subnetIds: ['subnet-a'], scalingConfig: { minSize: 0, maxSize: 4, desiredSize: 0 } });
      new NodeTemplateTags(scope, 'tags', { nodeGroup: group, template });
    });
    const tags = resourcesOf(json, 'aws_autoscaling_group_tag');
    expect(tags).toHaveLength(5);
    for (const tag of tags) {
      expect(tag.autoscaling_group_name).toMatch(/^\$\{aws_eks_node_group\.group\.resources\[0\]\.autoscaling_groups\[0\]\.name\}$/);
      expect(tag.tag).toMatchObject({ propagate_at_launch: false });
    }
    expect(tags.map((t) => (t.tag as { key: string }).key)).toContain('k8s.io/cluster-autoscaler/node-template/resources/vpc.amazonaws.com/efa');
  });
});
