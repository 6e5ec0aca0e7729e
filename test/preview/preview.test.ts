/**
 * The whole comment, scenario by scenario, against golden Markdown (test/preview/golden/;
 * UPDATE_GOLDEN=1 rewrites them), plus the properties each scenario exists to show, so a
 * broken section fails with a message and not only as a golden diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNeeds } from '../../needs/load-needs';
import type { TerraformPlanJson } from '../../preview/plan-json';
import { readPlanDir } from '../../preview/plan-json';
import { renderPreview } from '../../preview/preview';
import { MAX_COMMENT_CHARS, PREVIEW_MARKER } from '../../preview/render-markdown';
import { needsWith } from '../support/needs-fixtures';
import { expectGolden } from './support/golden';
import { renameConstruct } from './support/rename-construct';
import { synthesized } from './support/synth-output';

const example = (file: string) => loadNeeds(readFileSync(join('examples', file), 'utf8'), file).needs;

/** The section of the comment that starts with `heading` (up to the next `### `). */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n### ', start + heading.length);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('renderPreview', () => {
  test('a new deployment: everything is an addition, and it says it is a synth diff', () => {
    // GIVEN the cloud-first example and no base
    const head = synthesized(example('cloud-first.yaml'));
    // WHEN
    const comment = renderPreview({ head });
    // THEN
    expect(comment.split('\n')[0]).toBe(PREVIEW_MARKER);
    expect(comment).toContain('Strategy **cloud-first** (chosen by the selection rules)');
    expect(comment).toContain('- elasticity: workload.pattern is bursty');
    expect(comment).toContain('it is not a Terraform plan');
    expect(comment).toContain('**Data-loss risk: none.**');
    expect(comment).toMatch(/\| `lumen-research-network` \(new stack\) \| \d+ \| 0 \| 0 \| 0 \|/);
    expect(comment).not.toContain('[!CAUTION]');
    expect(section(comment, '### Capacity')).toContain('| training | NVIDIA A100 | `p4d.24xlarge` × 8 | 0–4 | 0 | 32 | spot | 0 / 1,600 Gbps |');
    expect(section(comment, '### Capacity')).toContain('STANDARD_IA after 30 days → GLACIER_IR after 120 → DEEP_ARCHIVE after 400');
    expect(section(comment, '### Monthly cost estimate')).toContain('Within `business.monthlyBudgetUsd` ($60,000)');
    expectGolden('new-deployment.md', comment);
  });

  test('training GPUs 64 → 128: the node group grows, the cost delta shows and the budget warns', () => {
    // GIVEN steady H100 training with a budget the base fits and the head does not
    const patch = (gpus: number) => needsWith({ name: 'atlas-llm', business: { monthlyBudgetUsd: 400000 }, workload: { training: { accelerator: 'h100', gpus } } });
    const base = synthesized(patch(64));
    const head = synthesized(patch(128));
    // WHEN
    const comment = renderPreview({ head, base });
    // THEN the node group's sizes change attribute by attribute
    expect(comment).toMatch(/! aws_eks_node_group\.training-nodes_node-group_\w+ {2}\(atlas-llm-gpu-cluster\/training-nodes\/node-group\)/);
    expect(comment).toContain('!     scaling_config.max_size: 8 → 16');
    expect(section(comment, '### Capacity')).toContain('training nodes: 8–8 × p5.48xlarge (64 NVIDIA H100 at max) → 16–16 × p5.48xlarge (128 NVIDIA H100 at max)');
    expect(section(comment, '### Capacity')).toContain('51,200 / 51,200 Gbps');
    const cost = section(comment, '### Monthly cost estimate');
    expect(cost).toContain('| **change** | **+$321,434** | **+$321,434** |');
    expect(cost).toContain('[!WARNING]');
    expect(cost).toContain('exceeds `business.monthlyBudgetUsd` ($400,000)');
    expectGolden('training-64-to-128.md', comment);
  });

  test('a construct id rename is flagged as destroy and re-create, with the data-loss risk first', () => {
    // GIVEN the cloud-first output, and the same with the lakehouse's raw zone renamed raw → landing
    const base = synthesized(example('cloud-first.yaml'));
    const head = { ...base, output: renameConstruct(base.output, 'lumen-research-lakehouse/lakehouse/raw', 'landing') };
    // WHEN
    const comment = renderPreview({ head, base });
    // THEN the bucket is a data-loss risk, before the changes, and the pair is one address change
    const caution = comment.indexOf('[!CAUTION]');
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(comment.indexOf('### Changes'));
    expect(comment).toMatch(/`aws_s3_bucket\.lakehouse_raw_bucket_FA64A3CA` in `lumen-research-lakehouse` \(`lumen-research-lakehouse\/lakehouse\/raw\/bucket`\): \*\*address changed → destroy and re-create\*\* as `aws_s3_bucket\.lakehouse_landing_bucket_\w+`/);
    expect(comment).toContain('# address changed → destroy and re-create');
    expect(comment).toContain('cdktf `moveFromId`');
    expect(comment).toMatch(/\| `lumen-research-lakehouse` \| 0 \| \d+ \| 8 \| 0 \|/);
    expectGolden('construct-rename.md', comment);
  });

  test('a strategy change that removes the GPU cluster: called out, and the cluster is a data-loss risk', () => {
    // GIVEN cloud-first with a data centre on the side, then the data becomes highly sensitive (hybrid, no burst)
    const patch = (dataSensitivity: string) =>
      needsWith({
        name: 'medica-ai',
        business: { dataSensitivity },
        workload: { training: { accelerator: 'h100', gpus: 64 } },
        onPrem: { kubeContext: 'dc1', gpuNodes: 16, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' },
      });
    const base = synthesized(patch('moderate'));
    const head = synthesized(patch('high'));
    // WHEN
    const comment = renderPreview({ head, base });
    // THEN
    expect(comment).toContain('**The strategy changes from cloud-first to hybrid.**');
    expect(comment).toContain('Stacks removed: `medica-ai-gpu-cluster`, `medica-ai-gpu-platform`, `medica-ai-gpu-queues`.');
    expect(comment).toContain('[!CAUTION]');
    expect(comment).toMatch(/`aws_eks_cluster\.cluster_\w+` in `medica-ai-gpu-cluster` \(`medica-ai-gpu-cluster\/cluster\/cluster`\): \*\*stack removed\*\*/);
    expect(comment).toContain('| `medica-ai-gpu-cluster` (stack removed) |');
    expect(section(comment, '### Monthly cost estimate')).toContain('No cloud GPU cluster in the `hybrid` strategy: no compute cost.');
    expect(section(comment, '### Capacity')).toContain('the cloud GPU cluster is removed');
    expectGolden('strategy-change.md', comment);
  });

  test('200 edge sites: the comment stays under the limit and says what it left out', () => {
    // GIVEN edge-centric needs with 200 sites, a new deployment, and a URL for the full log
    const sites = Array.from({ length: 200 }, (_, i) => ({ name: `plant-${String(i + 1).padStart(3, '0')}`, hardware: i % 4 === 0 ? 'x86-l4' : 'jetson-orin', nodes: 2 }));
    const head = synthesized(needsWith({ name: 'forge-vision', workload: { training: { accelerator: 'l40s', gpus: 8 }, inference: { accelerator: 'l4', latencyMs: 12, replicas: 0, sites } } }));
    // WHEN
    const comment = renderPreview({ head, fullLogUrl: 'https://github.com/acme/infra/actions/runs/1234' });
    // THEN
    expect(comment.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(comment.split('\n')[0]).toBe(PREVIEW_MARKER);
    expect(comment).toMatch(/left out the details of \d+ stacks \(`forge-vision-edge-plant-\d+`/);
    expect(comment).toContain('The full output is at https://github.com/acme/infra/actions/runs/1234.');
    // every stack is still counted in the table, and the sections after the details survive
    expect(comment.match(/^\| `forge-vision-edge-plant-\d{3}` \(new stack\)/gm)).toHaveLength(200);
    expect(comment).toContain('| jetson-orin | 150 | 300 | 300 |');
    expect(comment).toContain('### Monthly cost estimate (compute)');
    expectGolden('edge-200-sites.md', comment);
  }, 60_000);

  describe('with a Terraform plan', () => {
    const plansDir = join(__dirname, 'fixtures', 'plans');
    const base = () => synthesized(example('cloud-first.yaml'));
    // Through the loader, so the zones (cloud.zoneIds, NEEDS-v1.1) follow the new count.
    const head = () => synthesized(loadNeeds(readFileSync(join('examples', 'cloud-first.yaml'), 'utf8').replace('availabilityZones: 2', 'availabilityZones: 3'), 'cloud-first.yaml').needs);

    test('a real plan of the network stack: counts, replacement reasons, data-loss risk from its actions', () => {
      // GIVEN the fixture plan (2 → 3 zones against a made-up applied state; see fixtures/README.md)
      const plans = readPlanDir(plansDir);
      // WHEN
      const comment = renderPreview({ head: head(), base: base(), plans });
      // THEN the network row comes from the plan: 6 create, 7 update, 2 replace, 1 delete (Terraform's "8 to add" counts the replacements' creates)
      expect(comment).toContain('| `lumen-research-network` · plan | 6 | 7 | 2 | 1 |');
      expect(comment).toContain('-/+ aws_cloudwatch_log_group.flow-logs_log-group_BD9661F8  (lumen-research-network/flow-logs/log-group)  because an attribute that cannot change in place changes');
      expect(comment).toContain('!     name: "/tracklayer/lumen-research/flow-logs" → "/tracklayer/lumen-research/vpc-flow-logs"  # forces replacement');
      expect(comment).toContain('- aws_cloudwatch_log_group.dns-query-logs_log-group_5B1C0F3E  because no longer in the configuration');
      expect(comment).toMatch(/`aws_cloudwatch_log_group\.flow-logs_log-group_BD9661F8` in `lumen-research-network` \(`lumen-research-network\/flow-logs\/log-group`\): \*\*replaced\*\* \(destroyed and created again\); because `name` cannot be updated in place/);
      expect(comment).toContain('!     subnet_ids: ["subnet-');
      expect(comment).toContain('(known after apply)');
      expectGolden('plan-network.md', comment);
    });

    test('drift in its own section, and sensitive values masked', () => {
      // GIVEN the fixture plan with one drifted resource and a sensitive attribute, as a refreshed plan would have them
      const plan = readPlanDir(plansDir)['lumen-research-network'];
      const policy = plan.resource_changes!.find((c) => c.address.startsWith('aws_iam_role_policy.'))!;
      const endpoint = plan.resource_changes!.find((c) => c.address === 'aws_vpc_endpoint.endpoints_s3_6279BB42')!;
      const drifted: TerraformPlanJson = {
        ...plan,
        resource_changes: plan.resource_changes!.map((c) => (c === policy ? { ...c, change: { ...c.change, before_sensitive: { policy: true }, after_sensitive: { policy: true } } } : c)),
        resource_drift: [
          { ...endpoint, change: { ...endpoint.change, actions: ['update'], before: { ...(endpoint.change.before as object), tags: { Name: 'lumen-research-s3', owner: 'someone' } }, after: endpoint.change.before, after_unknown: {} } },
        ],
      };
      // WHEN
      const comment = renderPreview({ head: head(), base: base(), plans: { 'lumen-research-network': drifted } });
      // THEN
      const drift = section(comment, '### Changed outside Terraform (drift)');
      expect(drift).toContain('<code>lumen-research-network</code>: 1 changed outside Terraform');
      expect(drift).toContain('!     tags.owner: "someone" → (absent)');
      expect(comment).toContain('policy: (sensitive value) → (sensitive value)');
      expect(comment).not.toContain('logs:CreateLogStream');
      expectGolden('plan-drift-sensitive.md', comment);
    });
  });

  test('guardrail findings, when given, get their own section', () => {
    const head = synthesized(example('cloud-first.yaml'));
    const comment = renderPreview({
      head,
      findings: [
        { level: 'warning', ruleId: 'STATE_BACKEND', stack: 'lumen-research-network', path: 'lumen-research-network', message: 'state is local | use a bucket' },
        { level: 'error', ruleId: 'EKS_ENDPOINT', stack: 'lumen-research-gpu-cluster', path: 'lumen-research-gpu-cluster/cluster/cluster', message: 'public endpoint' },
      ],
    });
    const findings = section(comment, '### Guardrail findings');
    expect(findings).toContain('1 error, 1 warning.');
    expect(findings.indexOf('EKS_ENDPOINT')).toBeLessThan(findings.indexOf('STATE_BACKEND'));
    expect(findings).toContain('state is local \\| use a bucket');
    expect(renderPreview({ head })).not.toContain('### Guardrail findings');
    expect(section(renderPreview({ head, findings: [] }), '### Guardrail findings')).toContain('No findings.');
  });
});
