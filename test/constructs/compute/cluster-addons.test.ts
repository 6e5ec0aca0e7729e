import { CLOUDWATCH_ADDON_CONFIGURATION_VALUES, cloudwatchAddonRunsDcgmExporter } from '../../../constructs/compute/cluster-addons';
import { ClusterAddons } from '../../../constructs/compute/cluster-addons';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { TerraformLocal } from 'cdktf';

const json = synthConstruct((scope) => {
  const nodes = new TerraformLocal(scope, 'nodes', 'ready');
  new ClusterAddons(scope, 'addons', {
    clusterName: 'acme-ml',
    namePrefix: 'acme-ml',
    mountpointStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::raw/*'] }],
    nodesReady: [nodes],
  });
});
const addons = resourcesOf(json, 'aws_eks_addon');
const addon = (name: string) => addons.find((a) => a.addon_name === name)!;

describe('ClusterAddons', () => {
  test('installs the seven managed add-ons', () => {
    expect(addons.map((a) => a.addon_name).sort()).toEqual(
      ['amazon-cloudwatch-observability', 'aws-ebs-csi-driver', 'aws-mountpoint-s3-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni'].sort(),
    );
  });

  test('add-ons with pods wait for nodes; networking add-ons do not', () => {
    expect(addon('coredns').depends_on).toEqual(['local.nodes']);
    expect(addon('aws-ebs-csi-driver').depends_on).toEqual(['local.nodes']);
    expect(addon('vpc-cni').depends_on).toBeUndefined();
  });

  test('EBS CSI, CloudWatch and Mountpoint get pod identity roles on their service accounts', () => {
    expect(addon('aws-ebs-csi-driver').pod_identity_association).toEqual([expect.objectContaining({ service_account: 'ebs-csi-controller-sa' })]);
    expect(addon('amazon-cloudwatch-observability').pod_identity_association).toEqual([expect.objectContaining({ service_account: 'cloudwatch-agent' })]);
    expect(addon('aws-mountpoint-s3-csi-driver').pod_identity_association).toEqual([expect.objectContaining({ service_account: 's3-csi-driver-sa' })]);
  });

  test('pod identity roles trust only the pod identity agent; policies are least privilege', () => {
    for (const role of resourcesOf(json, 'aws_iam_role')) {
      expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
      ]);
    }
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
    const inline = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    expect(inline.Statement).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::raw/*' }]);
  });

  test('conflicts: overwrite on create, preserve operator changes on update', () => {
    for (const a of addons) expect(a).toMatchObject({ resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'PRESERVE' });
  });
});

describe('cloudwatchAddonRunsDcgmExporter', () => {
  test('the add-on runs its DCGM exporter unless its configuration turns it off', () => {
    expect(cloudwatchAddonRunsDcgmExporter(undefined)).toBe(true);
    expect(cloudwatchAddonRunsDcgmExporter('{"containerLogs":{"enabled":false}}')).toBe(true);
    expect(cloudwatchAddonRunsDcgmExporter('{"dcgmExporter":{"enabled":true}}')).toBe(true);
    expect(cloudwatchAddonRunsDcgmExporter('{"dcgmExporter":{"enabled":false}}')).toBe(false);
  });

  test('tracklayer sends no configuration, so the add-on\'s exporter is the one on every EKS GPU node', () => {
    expect(CLOUDWATCH_ADDON_CONFIGURATION_VALUES).toBeUndefined();
  });
});
