import { parse } from 'yaml';
import { hybridNodeKubeletFlags } from '../../constructs/connectivity/hybrid-node-labels';
import { nodeadmConfig, NVIDIA_CONTAINERD_CONFIG } from '../../constructs/connectivity/nodeadm-config';
import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf } from '../support/synth-json';

const onPrem = { kubeContext: 'dc1', gpuNodes: 4, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
const nodes = { mode: 'hybrid-nodes', gpuNodes: 4, networkCidr: '10.50.0.0/16', podCidr: '10.60.0.0/16', vpnPeerIp: '203.0.113.10' };
const HYBRID_NODE_TYPES = ['aws_ssm_activation', 'aws_eks_access_entry', 'aws_iam_role', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

describe('ConnectivityStack: onPrem.mode cluster (default)', () => {
  test('GIVEN burst THEN the VPN only: the servers run their own cluster and never join EKS', () => {
    const stacks = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { pattern: 'bursty' } }));
    expect(stacks['acme-ml-gpu-cluster']).toBeDefined();
    const json = stacks['acme-ml-connectivity'];
    expect(resourcesOf(json, 'aws_vpn_connection')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_vpn_gateway_route_propagation')).toHaveLength(3);
    for (const type of HYBRID_NODE_TYPES) expect(resourcesOf(json, type)).toEqual([]);
    expect(Object.keys(json.output ?? {}).filter((k) => k.startsWith('hybrid_nodes'))).toEqual([]);
    expect(json.data?.terraform_remote_state ?? {}).not.toHaveProperty(['cross-stack-reference-input-acme-ml-gpu-cluster']);
  });

  test('GIVEN no burst THEN the VPN only, with routes to the on-prem networks', () => {
    const stacks = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem }));
    expect(stacks['acme-ml-gpu-cluster']).toBeUndefined();
    const json = stacks['acme-ml-connectivity'];
    expect(resourcesOf(json, 'aws_eks_access_entry')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_vpn_connection_route').map((r) => r.destination_cidr_block)).toEqual(['10.50.0.0/16']);
  });
});

describe('ConnectivityStack: onPrem.mode hybrid-nodes', () => {
  const stacks = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: nodes }));
  const json = stacks['acme-ml-connectivity'];

  test('GIVEN nothing to burst THEN the cluster still exists (the servers join it) and there is no onprem-platform stack', () => {
    expect(Object.keys(stacks).sort()).toEqual(['acme-ml-connectivity', 'acme-ml-gpu-cluster', 'acme-ml-gpu-platform', 'acme-ml-lakehouse', 'acme-ml-network']);
  });

  test('the VPN routes the node and pod networks; the servers get a role, an activation for gpuNodes servers and a HYBRID_LINUX access entry', () => {
    expect(resourcesOf(json, 'aws_vpn_connection_route').map((r) => r.destination_cidr_block)).toEqual(['10.50.0.0/16', '10.60.0.0/16']);
    expect(resourcesOf(json, 'aws_ssm_activation')).toEqual([expect.objectContaining({ registration_limit: 4 })]);
    expect(resourcesOf(json, 'aws_eks_access_entry')).toEqual([expect.objectContaining({ type: 'HYBRID_LINUX' })]);
    const trust = JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string).Statement[0];
    expect(Object.keys(trust.Condition).sort()).toEqual(['ArnEquals', 'StringEquals']);
  });

  test('outputs: activation id, the code and the nodeadm configuration as sensitive values, and the address to replace for a new activation', () => {
    expect(json.output?.hybrid_nodes_activation_code).toMatchObject({ sensitive: true });
    expect(json.output?.hybrid_nodes_nodeadm_config).toMatchObject({ sensitive: true });
    expect(json.output?.hybrid_nodes_activation_address?.value).toMatch(/^aws_ssm_activation\.hybrid-nodes_activation_[0-9A-F]{8}$/);
    expect(Object.keys(json.resource?.aws_ssm_activation ?? {})).toEqual([String(json.output?.hybrid_nodes_activation_address?.value).split('.')[1]]);
    const config = String(json.output?.hybrid_nodes_nodeadm_config?.value);
    expect(config).toMatch(/activationId: "\$\{aws_ssm_activation\.hybrid-nodes_activation_[0-9A-F]{8}\.id\}"/);
    expect(config).toMatch(/activationCode: "\$\{aws_ssm_activation\.hybrid-nodes_activation_[0-9A-F]{8}\.activation_code\}"/);
    expect(config).toMatch(/name: "\$\{data\.terraform_remote_state\.cross-stack-reference-input-acme-ml-gpu-cluster\./);
    // With the references standing in for their values, the text is the NodeConfig.
    expect(parse(config).spec).toMatchObject({ hybrid: { enableCredentialsFile: true }, containerd: { config: NVIDIA_CONTAINERD_CONFIG } });
  });

  test('GIVEN more servers THEN the registration limit changes, which replaces the activation (a new id and code for the new servers)', () => {
    const more = synthApp(needsWith({ business: { dataSensitivity: 'high' }, onPrem: { ...nodes, gpuNodes: 6 } }))['acme-ml-connectivity'];
    expect(resourcesOf(more, 'aws_ssm_activation')).toEqual([expect.objectContaining({ registration_limit: 6 })]);
  });
});

describe('nodeadm configuration', () => {
  const config = nodeadmConfig({ clusterName: 'acme-ml', region: 'us-east-2', activationId: 'act-1', activationCode: 'code-1', accelerator: 'h100', project: 'acme-ml' });

  test('the NodeConfig the hybrid nodes guide documents, with SSM credentials and the credentials file for Pod Identity', () => {
    expect(config).toMatchObject({
      apiVersion: 'node.eks.aws/v1alpha1',
      kind: 'NodeConfig',
      spec: { cluster: { name: 'acme-ml', region: 'us-east-2' }, hybrid: { ssm: { activationCode: 'code-1', activationId: 'act-1' }, enableCredentialsFile: true } },
    });
  });

  test('the kubelet registers the labels the device plugins select and the GPU taint', () => {
    expect((config.spec as { kubelet: { flags: string[] } }).kubelet.flags).toEqual([
      '--node-labels=nvidia.com/gpu.present=true,tracklayer.dev/accelerator=h100,tracklayer.dev/node-group=acme-ml-onprem,tracklayer.dev/workload=training',
      '--register-with-taints=nvidia.com/gpu=true:NoSchedule',
    ]);
    expect(hybridNodeKubeletFlags('a100', 'acme-ml')[0]).toContain('tracklayer.dev/accelerator=a100');
    expect(hybridNodeKubeletFlags('a100', 'acme-ml')[0]).toContain('tracklayer.dev/node-group=acme-ml-onprem');
  });

  test('containerd makes the NVIDIA runtime its default, in valid TOML-ish sections the guide uses', () => {
    expect(NVIDIA_CONTAINERD_CONFIG).toContain('default_runtime_name = "nvidia"');
    expect(NVIDIA_CONTAINERD_CONFIG).toContain('BinaryName = "/usr/bin/nvidia-container-runtime"');
    expect(NVIDIA_CONTAINERD_CONFIG.split('\n').filter((line) => line.startsWith('[')).every((line) => line.startsWith('[plugins."io.containerd.grpc.v1.cri"'))).toBe(true);
    // The object renders to YAML a server can read (Terraform's yamlencode does the same at apply).
    expect(parse(JSON.stringify(config))).toEqual(config);
  });
});
