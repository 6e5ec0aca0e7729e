import { parse, stringify } from 'yaml';
import { runRules, type StackFinding } from '../../../guardrails/evaluate';
import type { SynthesizedStack, TerraformDocument } from '../../../guardrails/rule';
import { SCHEDULABILITY_RULES } from '../../../guardrails/rules/schedulability-rules';
import { impliedDemands } from '../../../guardrails/schedulability/implied-workloads';
import { readNeedsFile } from '../../../cli/read-needs-file';
import type { Needs } from '../../../needs/schema';
import { merge } from '../fixtures/builders';
import { daemonSet } from '../fixtures/platform-fixtures';
import { RESEARCH_NEEDS, autoscaler, efaGroup, efaJob, eksStack, gpuDeployment, gpuGroup, gpuJob, namespace } from '../fixtures/schedulability-fixtures';
import { needsWith } from '../../support/needs-fixtures';
import { synthApp } from '../../support/synth-app';

/** The schedulability findings of stacks (built from `needs`). */
function findings(stacks: SynthesizedStack[], needs?: Needs): StackFinding[] {
  return runRules(stacks, SCHEDULABILITY_RULES, needs);
}

/** Every stack a needs file builds, as the rules read them. */
function synthesized(needs: Needs): SynthesizedStack[] {
  return Object.entries(synthApp(needs)).map(([name, json]) => ({ name, json: json as TerraformDocument }));
}

describe('SCHED_PLACEMENT', () => {
  test('GIVEN a group at zero and no autoscaler THEN the finding names the workload, the reason and the fix', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training'), namespace('research'), gpuJob('research', { parallelism: 2, gpus: 8, memory: '512Gi' })))]);
    expect(finding).toMatchObject({ ruleId: 'SCHED_PLACEMENT', level: 'error', address: 'kubernetes_job_v1.train' });
    expect(finding.message).toContain('Job research/train');
    expect(finding.message).toContain('it keeps 0 (it can be at zero), and no autoscaler in these stacks adds nodes to it');
    expect(finding.message).toContain('install a cluster autoscaler that discovers the group, or raise its minimum size');
  });

  test('GIVEN an EFA group at zero WHEN its ASG has the EFA node-template tag THEN the job fits; WHEN it lacks the tag THEN the autoscaler could never scale it up', () => {
    expect(findings([eksStack(merge(efaGroup(true), autoscaler(), namespace('research'), efaJob()))])).toEqual([]);
    const [finding] = findings([eksStack(merge(efaGroup(false), autoscaler(), namespace('research'), efaJob()))]);
    expect(finding.message).toContain("the autoscaler's template of a new node lacks 4 vpc.amazonaws.com/efa (the template has 0)");
    expect(finding.message).toContain('k8s.io/cluster-autoscaler/node-template/resources/<resource>');
  });

  test('GIVEN a node selector no node carries THEN the finding says which label is missing', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 2 }), namespace('research'), gpuJob('research', { parallelism: 1, gpus: 8, memory: '64Gi', nodeSelector: { 'tracklayer.dev/workload': 'trainning' } })))]);
    expect(finding.message).toContain('no node source admits its pods');
    expect(finding.message).toContain('its nodes do not carry tracklayer.dev/workload=trainning');
  });

  test('GIVEN a job of more GPUs than the group can ever hold THEN it is flagged with the node count', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), namespace('research'), gpuJob('research', { parallelism: 3, gpus: 8, memory: '64Gi' })))]);
    expect(finding.message).toContain('3 pods need 3 nodes (1 per node), and it has at most 1');
  });

  test('GIVEN a DaemonSet whose selector no node carries THEN it is flagged; one that targets the GPU nodes is not', () => {
    const gpuAgent = daemonSet('agent', { podSpec: { node_selector: { 'tracklayer.dev/workload': 'training' }, toleration: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), gpuAgent))])).toEqual([]);
    const lost = daemonSet('agent', { podSpec: { node_selector: { 'feature.node.kubernetes.io/rdma': 'true' } } });
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), lost))]);
    expect(finding.message).toContain('DaemonSet kube-system/agent targets no node of the cluster');
    expect(finding.message).toContain('its nodes do not carry feature.node.kubernetes.io/rdma=true');
  });

  test('GIVEN the Cluster Autoscaler chart without a system node group THEN its own Deployment finds no node (its values are modelled)', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), { helm_release: autoscaler().helm_release }))]);
    expect(finding.message).toContain('Deployment kube-system/cluster-autoscaler (chart cluster-autoscaler)');
    expect(finding.message).toContain('its nodes do not carry tracklayer.dev/workload=system');
  });

  test('a Helm release of a chart the check does not know is not modelled (neither checked nor counted)', () => {
    const unknown = { helm_release: { agent: { name: 'agent', namespace: 'gpu-system', chart: 'some-device-plugin', version: '1.0.0', repository: 'https://example.com', values: ['nodeSelector: {nothing: here}\n'] } } };
    expect(findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), unknown))])).toEqual([]);
  });
});

describe('SCHED_ROLLOUT', () => {
  const group = (nodes: number) => gpuGroup('inference', { instance: 'g6.xlarge', min: nodes, max: nodes, labels: { 'tracklayer.dev/workload': 'inference' } });

  test('GIVEN 2 single-GPU replicas on 2 single-GPU nodes with the default 25%/25% THEN the rollout stalls: no free GPU and above quota', () => {
    const [finding] = findings([eksStack(merge(group(2), namespace('inference', { gpuQuota: 2 }), gpuDeployment('inference', { replicas: 2, gpus: 1 })))]);
    expect(finding).toMatchObject({ ruleId: 'SCHED_ROLLOUT', address: 'kubernetes_deployment_v1.server' });
    expect(finding.message).toContain('with 2 replicas, maxSurge 1 and maxUnavailable 0');
    expect(finding.message).toContain('its first surge pod finds no free capacity');
    expect(finding.message).toContain('above the namespace quota of 2');
    expect(finding.message).toContain('set strategy.rollingUpdate to maxSurge 0 and maxUnavailable 1 (or strategy Recreate)');
  });

  test.each([
    ['maxSurge 0 / maxUnavailable 1', { type: 'RollingUpdate', rolling_update: { max_surge: '0', max_unavailable: '1' } }],
    ['Recreate', { type: 'Recreate' }],
  ])('GIVEN the same Deployment with %s THEN nothing is found', (_, strategy) => {
    expect(findings([eksStack(merge(group(2), namespace('inference', { gpuQuota: 2 }), gpuDeployment('inference', { replicas: 2, gpus: 1, strategy })))])).toEqual([]);
  });

  test('GIVEN 4 replicas (25% = maxUnavailable 1) THEN the default rollout can progress', () => {
    expect(findings([eksStack(merge(group(4), namespace('inference', { gpuQuota: 4 }), gpuDeployment('inference', { replicas: 4, gpus: 1 })))])).toEqual([]);
  });
});

describe('SCHED_NAMESPACE_LIMITS', () => {
  test("GIVEN the needs' team job (GPUs only) and a 4Gi default memory limit THEN a warning says it would be OOM-killed, with the fix", () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), namespace('research', { defaultMemory: '4Gi' })))], RESEARCH_NEEDS);
    expect(finding).toMatchObject({ ruleId: 'SCHED_NAMESPACE_LIMITS', level: 'warning', address: 'kubernetes_namespace_v1.research_ns' });
    expect(finding.message).toContain("team research's 8-GPU training job");
    expect(finding.message).toContain('gives it 4Gi, less than the 640Gi of memory on its 8 accelerators');
    expect(finding.message).toContain('set a memory limit on the container, or give GPU namespaces no default memory limit');
  });

  test('GIVEN a LimitRange maximum below what a job states THEN admission rejects it (error)', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), namespace('research', { maxMemory: '64Gi' }), gpuJob('research', { parallelism: 1, gpus: 8, memory: '512Gi' })))]);
    expect(finding).toMatchObject({ ruleId: 'SCHED_NAMESPACE_LIMITS', level: 'error' });
    expect(finding.message).toContain('has limit 512Gi memory, above the LimitRange maximum 64Gi');
  });

  test('GIVEN a GPU quota below what the pods need THEN the quota is named', () => {
    const [finding] = findings([eksStack(merge(gpuGroup('training', { min: 2, max: 2 }), namespace('research', { gpuQuota: 8 }), gpuJob('research', { parallelism: 2, gpus: 8, memory: '64Gi' })))]);
    expect(finding.message).toContain('its 2 pods need 16 of requests.nvidia.com/gpu, and the ResourceQuota of namespace research allows 8');
  });
});

describe('the schedulability of the real stacks', () => {
  test('GIVEN the bursty example THEN its training group starts at zero, and the autoscaler and the ASG tags admit the implied job (EFA included)', () => {
    const { needs } = readNeedsFile('examples/cloud-first.yaml');
    const stacks = synthesized(needs);
    const cluster = stacks.find((s) => s.name === 'lumen-research-gpu-cluster')!;
    const group = Object.values(cluster.json.resource!.aws_eks_node_group).find((g) => (g.node_group_name as string) === 'lumen-research-training')!;
    expect(group.scaling_config).toMatchObject({ min_size: 0 });
    expect(findings(stacks, needs).filter((f) => f.ruleId === 'SCHED_PLACEMENT')).toEqual([]);

    // WHEN the EFA node-template tag is removed THEN the same job can no longer scale the group up from zero.
    const tags = cluster.json.resource!.aws_autoscaling_group_tag;
    const withoutEfa = Object.fromEntries(Object.entries(tags).filter(([, tag]) => !JSON.stringify(tag).includes('resources/vpc.amazonaws.com/efa')));
    expect(Object.keys(withoutEfa).length).toBe(Object.keys(tags).length - 1);
    const edited = stacks.map((s) => (s === cluster ? { ...s, json: { ...s.json, resource: { ...s.json.resource!, aws_autoscaling_group_tag: withoutEfa } } } : s));
    const placement = findings(edited, needs).filter((f) => f.ruleId === 'SCHED_PLACEMENT');
    expect(placement).toHaveLength(1);
    expect(placement[0].message).toContain("team training's 32-GPU training job");
    expect(placement[0].message).toContain('lacks 4 vpc.amazonaws.com/efa');
  });

  test("GIVEN the edge example THEN no rollout stalls (GPU sites update with maxSurge 0); WHEN a Deployment takes Kubernetes' default 25%/25% THEN the full 2-GPU site is flagged", () => {
    const { needs } = readNeedsFile('examples/edge-centric.yaml');
    const stacks = synthesized(needs);
    expect(findings(stacks, needs).filter((f) => f.ruleId === 'SCHED_ROLLOUT')).toEqual([]);

    const defaulted = stacks.map((s) => {
      const deployments = s.json.resource?.kubernetes_deployment_v1;
      if (!deployments) return s;
      const withoutStrategy = Object.fromEntries(Object.entries(deployments).map(([name, d]) => [name, { ...d, spec: { ...(d.spec as object), strategy: undefined } }]));
      return { ...s, json: { ...s.json, resource: { ...s.json.resource!, kubernetes_deployment_v1: withoutStrategy } } };
    });
    const rollout = findings(defaulted, needs).filter((f) => f.ruleId === 'SCHED_ROLLOUT');
    expect(rollout.map((f) => [f.stack, f.path])).toEqual([['forge-vision-edge-plant-lyon', 'forge-vision-edge-plant-lyon/inference/deployment']]);
  });

  test('GIVEN a hybrid needs file THEN the on-prem cluster takes what its GPUs hold and the cloud the rest', () => {
    const { needs } = readNeedsFile('examples/hybrid.yaml');
    const jobs = impliedDemands(needs, synthesized(needs)).filter((d) => d.kind === 'training job').map((d) => d.description);
    expect(jobs).toEqual(["team training's 128-GPU training job on premises", "team training's 128-GPU training job in the cloud (what on-prem cannot hold)"]);
  });

  test('GIVEN hybrid without a cloud cluster and a team share beyond the on-prem GPUs THEN the cloud share has nowhere to run', () => {
    const onPrem = { kubeContext: 'dc1', gpuNodes: 4, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
    const needs = needsWith({ business: { dataSensitivity: 'high' }, onPrem, workload: { training: { accelerator: 'h100', gpus: 16 }, teams: [{ name: 'vision', gpus: 40 }] } });
    const placement = findings(synthesized(needs), needs).filter((f) => f.ruleId === 'SCHED_PLACEMENT');
    expect(placement.map((f) => f.message)).toEqual([
      "team vision's 8-GPU training job in the cloud (what on-prem cannot hold): the on-prem GPUs cannot hold it and this strategy builds no cloud cluster; lower the team's gpus to what on-prem holds, or raise workload.training.gpus so the cloud bursts",
    ]);
  });

  test('GIVEN two reservations in two zones and one team of all the GPUs THEN the job fits no single node group and says so', () => {
    const needs = needsWith({
      cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] },
      workload: { training: { accelerator: 'h100', gpus: 32, capacity: 'reservation', reservations: [{ id: 'cr-0123456789abcdef0', zoneId: 'use1-az4' }, { id: 'cr-0fedcba9876543210', zoneId: 'use1-az6' }] } },
    });
    const placement = findings(synthesized(needs), needs).filter((f) => f.ruleId === 'SCHED_PLACEMENT');
    expect(placement).toHaveLength(1);
    expect(placement[0].message).toContain("team training's 32-GPU training job: no node source can run it (a job runs in one node group: one Kueue flavor, one zone)");
    expect(placement[0].message).toContain('4 pods need 4 nodes (1 per node), and it has at most 2');
    expect(placement[0].message).toContain('the 32 GPUs are split over 2 node groups and a job runs in one: give teams shares that fit one group (workload.teams)');
  });

  test('without the needs, the implied workloads are not checked (only what the JSON holds)', () => {
    expect(findings([eksStack(merge(gpuGroup('training', { min: 1, max: 1 }), namespace('research', { defaultMemory: '4Gi' })))])).toEqual([]);
  });
});

describe('the node agents installed from charts are modelled (device plugins, DCGM)', () => {
  test('GIVEN the NVIDIA device plugin release without its tolerations THEN it runs on none of the GPU nodes it selects, and the check says so', () => {
    const needs = needsWith({ workload: { training: { accelerator: 'h100', gpus: 16 } } });
    const stacks = synthesized(needs);
    expect(findings(stacks, needs).filter((f) => f.message.includes('nvidia-device-plugin'))).toEqual([]);
    const edited = stacks.map((s) => {
      const releases = s.json.resource?.helm_release;
      if (!releases) return s;
      const stripped = Object.fromEntries(
        Object.entries(releases).map(([name, r]) => {
          if (r.chart !== 'nvidia-device-plugin') return [name, r];
          const values = parse((r.values as string[])[0]) as Record<string, unknown>;
          return [name, { ...r, values: [stringify({ ...values, tolerations: [] })] }];
        }),
      );
      return { ...s, json: { ...s.json, resource: { ...s.json.resource!, helm_release: stripped } } };
    });
    const agent = findings(edited, needs).filter((f) => f.message.includes('nvidia-device-plugin'));
    expect(agent.length).toBeGreaterThan(0);
    expect(agent[0].ruleId).toBe('SCHED_PLACEMENT');
  });
});
