import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, type TerraformJson } from '../support/synth-json';

const clusterOf = (patch: Record<string, unknown>): TerraformJson => synthApp(needsWith(patch))['acme-ml-gpu-cluster'];
const nodeGroup = (json: TerraformJson, workload: string) => resourcesOf(json, 'aws_eks_node_group').find((g) => g.node_group_name === `acme-ml-${workload}`)!;
const secretsKey = (json: TerraformJson) => resourcesOf(json, 'aws_kms_key').find((k) => String(k.description).includes('Kubernetes secrets'))!;
const onPrem = { kubeContext: 'dc1', gpuNodes: 2, networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };
const { kubeContext: _context, ...nodes } = onPrem;

describe('GpuClusterStack: p5 multi-node spot bursty', () => {
  const json = clusterOf({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 64, interruptible: true } } });
  const training = nodeGroup(json, 'training');

  test('p5.48xlarge, SPOT, min 0, max 8, in one subnet', () => {
    expect(training).toMatchObject({ instance_types: ['p5.48xlarge'], capacity_type: 'SPOT', scaling_config: { min_size: 0, max_size: 8, desired_size: 0 }, ami_type: 'AL2023_x86_64_NVIDIA' });
    expect(training.subnet_ids).toHaveLength(1);
    expect(training.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' }]);
  });

  test('32 EFA interfaces in a cluster placement group', () => {
    const template = resourcesOf(json, 'aws_launch_template').find((t) => t.network_interfaces) as { network_interfaces: Record<string, unknown>[]; placement: unknown };
    expect(template.network_interfaces).toHaveLength(32);
    expect(new Set(template.network_interfaces.map((i) => i.network_card_index)).size).toBe(32);
    expect(template.network_interfaces[0]).toMatchObject({ interface_type: 'efa', device_index: 0, network_card_index: 0 });
    expect(resourcesOf(json, 'aws_placement_group')).toEqual([expect.objectContaining({ strategy: 'cluster' })]);
  });

  test('the system group is on-demand across all zones; no inference group without inference', () => {
    expect(nodeGroup(json, 'system')).toMatchObject({ capacity_type: 'ON_DEMAND', ami_type: 'AL2023_x86_64_STANDARD' });
    expect(nodeGroup(json, 'system').subnet_ids).toHaveLength(3);
    expect(nodeGroup(json, 'inference')).toBeUndefined();
  });
});

describe('GpuClusterStack: other accelerators', () => {
  test('single-node g5: no EFA, no placement group, steady min = max', () => {
    const json = clusterOf({ workload: { training: { accelerator: 'a10g', gpus: 1 } } });
    expect(nodeGroup(json, 'training')).toMatchObject({ instance_types: ['g5.xlarge'], capacity_type: 'ON_DEMAND', scaling_config: { min_size: 1, max_size: 1 } });
    expect(resourcesOf(json, 'aws_placement_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_launch_template').some((t) => t.network_interfaces)).toBe(false);
  });

  test('h200 multi-node on p5en with 16 EFA interfaces', () => {
    const json = clusterOf({ workload: { training: { accelerator: 'h200', gpus: 32 } } });
    expect(nodeGroup(json, 'training')).toMatchObject({ instance_types: ['p5en.48xlarge'], scaling_config: { max_size: 4 } });
    const template = resourcesOf(json, 'aws_launch_template').find((t) => t.network_interfaces) as { network_interfaces: unknown[] };
    expect(template.network_interfaces).toHaveLength(16);
  });

  test('trainium on the Neuron AMI with the neuron taint', () => {
    const json = clusterOf({ workload: { training: { accelerator: 'trainium', gpus: 32 } } });
    expect(nodeGroup(json, 'training')).toMatchObject({ ami_type: 'AL2023_x86_64_NEURON', taint: [{ key: 'aws.amazon.com/neuron', value: 'true', effect: 'NO_SCHEDULE' }] });
  });

  test('an inference group spread across zones when replicas > 0', () => {
    const json = clusterOf({ workload: { inference: { accelerator: 'l4', latencyMs: 50, replicas: 3 } } });
    expect(nodeGroup(json, 'inference')).toMatchObject({ instance_types: ['g6.xlarge'], scaling_config: { min_size: 3, max_size: 3 } });
    expect(nodeGroup(json, 'inference').subnet_ids).toHaveLength(3);
  });
});

describe('GpuClusterStack: cluster and access', () => {
  const json = clusterOf({});

  test('the cluster uses the network stack subnets and a rotating KMS key for secrets', () => {
    const [cluster] = resourcesOf(json, 'aws_eks_cluster');
    expect((cluster.vpc_config as { subnet_ids: string[] }).subnet_ids).toHaveLength(3);
    expect((cluster.vpc_config as { subnet_ids: string[] }).subnet_ids[0]).toMatch(/terraform_remote_state/);
    expect(secretsKey(json)).toMatchObject({ enable_key_rotation: true });
  });

  test('pod identity for the training and inference service accounts with lakehouse access and no permanent delete', () => {
    const associations = resourcesOf(json, 'aws_eks_pod_identity_association');
    expect(associations.map((a) => `${a.namespace}/${a.service_account}`).sort()).toEqual(['inference/inference', 'kube-system/cluster-autoscaler', 'training/training']);
    const policies = resourcesOf(json, 'aws_iam_role_policy').map((p) => p.policy as string);
    const workload = policies.filter((p) => p.includes('WriteLakehouseObjects'));
    expect(workload.length).toBeGreaterThanOrEqual(3); // training, inference, mountpoint
    for (const policy of workload) expect(policy).not.toMatch(/DeleteObjectVersion|s3:\*|"\*"/);
  });

  test('GIVEN onPrem.mode hybrid-nodes THEN the on-prem networks are remote networks, the service range is the one EKS picks, and the Pod Identity agent runs on hybrid nodes', () => {
    const hybrid = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: { ...nodes, mode: 'hybrid-nodes' }, workload: { pattern: 'bursty' } }))['acme-ml-gpu-cluster'];
    const [cluster] = resourcesOf(hybrid, 'aws_eks_cluster');
    expect(cluster.remote_network_config).toEqual({ remote_node_networks: { cidrs: ['10.50.0.0/16'] }, remote_pod_networks: { cidrs: ['10.60.0.0/16'] } });
    // VPC 10.0.0.0/16 lies in 10/8, so EKS picks 172.20.0.0/16 (needs/eks-service-cidr).
    expect(cluster.kubernetes_network_config).toEqual({ service_ipv4_cidr: '172.20.0.0/16' });
    expect(cluster.lifecycle).toBeUndefined();
    const agent = resourcesOf(hybrid, 'aws_eks_addon').find((a) => a.addon_name === 'eks-pod-identity-agent')!;
    expect(JSON.parse(agent.configuration_values as string)).toEqual({ daemonsets: { hybrid: { create: true } } });
  });

  test('GIVEN onPrem.mode cluster THEN no remote networks, and remote networks an earlier build set are left alone (ForceNew in hashicorp/aws 5.100)', () => {
    const hybrid = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty' } }))['acme-ml-gpu-cluster'];
    const [cluster] = resourcesOf(hybrid, 'aws_eks_cluster');
    expect(cluster).not.toHaveProperty('remote_network_config');
    expect(cluster).not.toHaveProperty('kubernetes_network_config');
    expect(cluster.lifecycle).toEqual({ ignore_changes: ['remote_network_config'] });
    const agent = resourcesOf(hybrid, 'aws_eks_addon').find((a) => a.addon_name === 'eks-pod-identity-agent')!;
    expect(agent).not.toHaveProperty('configuration_values');
  });

  test('GIVEN mode cluster in prod THEN both lifecycle settings', () => {
    const prod = synthApp(needsWith({ environment: 'prod', business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty' } }))['acme-ml-gpu-cluster'];
    expect(resourcesOf(prod, 'aws_eks_cluster')[0].lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['remote_network_config'] });
  });

  test('prod protects the cluster and the key from destroy', () => {
    const prod = clusterOf({ environment: 'prod' });
    expect(resourcesOf(prod, 'aws_eks_cluster')[0].lifecycle).toEqual({ prevent_destroy: true });
    expect(secretsKey(prod).lifecycle).toEqual({ prevent_destroy: true });
    expect(resourcesOf(json, 'aws_eks_cluster')[0].lifecycle).toBeUndefined();
  });

  test('outputs for the gpu-platform stack and the cost estimate', () => {
    // cdktf adds cross-stack-output-* entries for the stacks that consume this one.
    expect(Object.keys(json.output ?? {}).filter((k) => !k.startsWith('cross-stack-output-')).sort()).toEqual(['alerts_topic_arn', 'cluster_certificate_authority_data', 'cluster_endpoint', 'cluster_name', 'estimated_monthly_cost_usd']);
  });
});

describe('GpuClusterStack: alerts', () => {
  test('a GPU idle alarm when GPU groups exist, and a budget from monthlyBudgetUsd', () => {
    const json = clusterOf({ business: { monthlyBudgetUsd: 90000 }, workload: { training: { accelerator: 'l4', gpus: 4 } } });
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_budgets_budget')[0]).toMatchObject({ limit_amount: '90000.00' });
    expect(resourcesOf(json, 'aws_sns_topic')[0]).toMatchObject({ name: 'acme-ml-alerts' });
  });

  test('no alarm without GPU groups; no budget without monthlyBudgetUsd', () => {
    const json = clusterOf({});
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_budgets_budget')).toHaveLength(0);
  });
});

describe('GpuClusterStack: teams and the Cluster Autoscaler', () => {
  const json = clusterOf({ workload: { pattern: 'bursty', training: { accelerator: 'h100', gpus: 32 }, teams: [{ name: 'vision', gpus: 16 }, { name: 'nlp', gpus: 16 }] } });

  test("every team's service account gets the workloads' lakehouse access, under the same role name scheme", () => {
    const associations = resourcesOf(json, 'aws_eks_pod_identity_association').map((a) => `${a.namespace}/${a.service_account}`);
    expect(associations).toEqual(expect.arrayContaining(['vision/vision', 'nlp/nlp', 'inference/inference']));
    expect(associations).not.toContain('training/training');
    expect(resourcesOf(json, 'aws_iam_role').map((r) => r.name)).toEqual(expect.arrayContaining(['acme-ml-vision', 'acme-ml-nlp']));
  });

  test('the autoscaler role may scale only the groups EKS tagged as owned by this cluster', () => {
    const role = resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'acme-ml-cluster-autoscaler')!;
    expect(role.assume_role_policy).toContain('pods.eks.amazonaws.com');
    const policy = resourcesOf(json, 'aws_iam_role_policy').map((p) => String(p.policy)).find((p) => p.includes('autoscaling:SetDesiredCapacity'))!;
    expect(policy).toContain('aws:ResourceTag/k8s.io/cluster-autoscaler/${aws_eks_cluster.');
    expect(policy).toContain('"owned"');
  });

  test('the training group at zero carries node-template tags for its labels, taint, GPUs and EFA; groups that cannot scale carry none', () => {
    const keys = resourcesOf(json, 'aws_autoscaling_group_tag').map((t) => (t.tag as { key: string }).key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'k8s.io/cluster-autoscaler/node-template/label/tracklayer.dev/workload',
        'k8s.io/cluster-autoscaler/node-template/label/tracklayer.dev/node-group',
        'k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu',
        'k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu',
        'k8s.io/cluster-autoscaler/node-template/resources/vpc.amazonaws.com/efa',
      ]),
    );
    const steady = clusterOf({ workload: { training: { accelerator: 'h100', gpus: 32 } } });
    expect(resourcesOf(steady, 'aws_autoscaling_group_tag')).toEqual([]);
  });
});

describe('GpuClusterStack: reserved capacity', () => {
  const reservations = [
    { id: 'cr-0123456789abcdef0', zoneId: 'use1-az6' },
    { id: 'cr-0fedcba9876543210', zoneId: 'use1-az4' },
  ];
  const groupsOf = (json: TerraformJson) => resourcesOf(json, 'aws_eks_node_group').filter((g) => String(g.node_group_name).startsWith('acme-ml-training'));

  test('capacity-block: one CAPACITY_BLOCK group per reservation, min 0, in its zone subnet, no placement group', () => {
    const json = clusterOf({ cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] }, workload: { pattern: 'scheduled', training: { accelerator: 'h100', gpus: 24, capacity: 'capacity-block', reservations } } });
    const groups = groupsOf(json);
    expect(groups.map((g) => [g.node_group_name, g.capacity_type, (g.scaling_config as { min_size: number; max_size: number }).max_size])).toEqual([
      ['acme-ml-training-cr-0123456789abcdef0', 'CAPACITY_BLOCK', 2],
      ['acme-ml-training-cr-0fedcba9876543210', 'CAPACITY_BLOCK', 1],
    ]);
    // Each group uses the private subnet of its reservation's zone, and only that one.
    expect(groups[0].subnet_ids).toEqual([expect.stringContaining('private-use1-az6')]);
    expect(groups[1].subnet_ids).toEqual([expect.stringContaining('private-use1-az4')]);
    expect(resourcesOf(json, 'aws_placement_group')).toEqual([]);
    expect(resourcesOf(json, 'aws_security_group').map((g) => g.name).sort()).toEqual(['acme-ml-training-efa-use1-az4', 'acme-ml-training-efa-use1-az6']);
  });

  test('reservation: warm groups (min = max), ON_DEMAND, each launch template targeting its reservation', () => {
    const json = clusterOf({ cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] }, workload: { training: { accelerator: 'h100', gpus: 32, capacity: 'reservation', reservations } } });
    expect(groupsOf(json).map((g) => [g.capacity_type, g.scaling_config])).toEqual([
      ['ON_DEMAND', { min_size: 2, max_size: 2, desired_size: 2 }],
      ['ON_DEMAND', { min_size: 2, max_size: 2, desired_size: 2 }],
    ]);
    const targets = resourcesOf(json, 'aws_launch_template').map((t) => JSON.stringify(t.capacity_reservation_specification ?? null));
    expect(targets.filter((t) => t.includes('cr-0123456789abcdef0'))).toHaveLength(1);
    expect(targets.filter((t) => t.includes('cr-0fedcba9876543210'))).toHaveLength(1);
  });

  test('the EFA group of on-demand training sits in the first zone of cloud.zoneIds', () => {
    const json = clusterOf({ cloud: { region: 'us-east-1', zoneIds: ['use1-az6', 'use1-az4'] }, workload: { training: { accelerator: 'h100', gpus: 16 } } });
    expect(nodeGroup(json, 'training').subnet_ids).toEqual([expect.stringContaining('private-use1-az6')]);
  });
});
