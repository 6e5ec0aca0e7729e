import { needsWith } from '../support/needs-fixtures';
import { synthApp } from '../support/synth-app';
import { resourcesOf, type TerraformJson } from '../support/synth-json';

const sites = [
  { name: 'plant-berlin', hardware: 'jetson-orin', nodes: 3 },
  { name: 'plant-lyon', hardware: 'x86-l4', nodes: 2, kubeContext: 'lyon-edge' },
  { name: 'depot-porto', hardware: 'x86-cpu', nodes: 1 },
];
const stacks = synthApp(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 12, replicas: 0, sites } } }));
const edge = (site: string): TerraformJson => stacks[`acme-ml-edge-${site}`];
const pod = (json: TerraformJson) => (resourcesOf(json, 'kubernetes_deployment_v1')[0] as any).spec.template.spec;
const container = (json: TerraformJson, name: string) => pod(json).container.find((c: { name: string }) => c.name === name);
const server = (json: TerraformJson) => container(json, 'server');

describe('EdgeSiteStack', () => {
  test('one stack per site, on the site kubeconfig context', () => {
    expect(Object.keys(stacks).filter((s) => s.includes('-edge-')).sort()).toEqual(['acme-ml-edge-depot-porto', 'acme-ml-edge-plant-berlin', 'acme-ml-edge-plant-lyon']);
    expect(edge('plant-lyon').provider?.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'lyon-edge' }]);
    expect(edge('plant-berlin').provider?.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'plant-berlin' }]);
  });

  test('a site never references another site: only the lakehouse state is read', () => {
    for (const site of sites) {
      const remote = Object.values(edge(site.name).data?.terraform_remote_state ?? {}) as { config: { path?: string; key?: string } }[];
      const sources = remote.map((r) => r.config.path ?? r.config.key);
      expect(sources).toEqual([expect.stringContaining('acme-ml-lakehouse')]);
    }
  });

  test('replicas = nodes; hardware-specific scheduling', () => {
    expect((resourcesOf(edge('plant-berlin'), 'kubernetes_deployment_v1')[0] as any).spec.replicas).toBe('3');
    expect(pod(edge('plant-berlin'))).toMatchObject({ runtime_class_name: 'nvidia', node_selector: { 'kubernetes.io/arch': 'arm64' } });
    expect(server(edge('plant-lyon')).resources.limits['nvidia.com/gpu']).toBe('1');
    expect(JSON.stringify(server(edge('depot-porto')).resources)).not.toContain('nvidia.com/gpu');
  });

  test('GIVEN plant-lyon (2 replicas, 2 single-GPU nodes) THEN its update replaces one pod at a time and never needs a third GPU', () => {
    const deployment = resourcesOf(edge('plant-lyon'), 'kubernetes_deployment_v1')[0] as any;
    expect(deployment.spec.replicas).toBe('2');
    expect(server(edge('plant-lyon')).resources.requests['nvidia.com/gpu']).toBe('1');
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_surge: '0', max_unavailable: '1' } });
  });

  test('the config map points at the site prefix of the models bucket and carries the latency budget', () => {
    const data = resourcesOf(edge('plant-lyon'), 'kubernetes_config_map_v1').find((c) => (c.data as Record<string, string>)?.MODEL_REPOSITORY)!.data as Record<string, string>;
    expect(data.MODEL_REPOSITORY).toMatch(/^s3:\/\/\$\{data\.terraform_remote_state\..*\}\/sites\/plant-lyon\/$/);
    expect(data.LATENCY_BUDGET_MS).toBe('12');
  });

  test('no IoT leftovers: the credential path is IAM Roles Anywhere', () => {
    for (const site of sites) expect(Object.keys(edge(site.name).resource ?? {}).filter((type) => type.startsWith('aws_iot_'))).toEqual([]);
  });

  test('the jetson site runs no DCGM exporter; the L4 site does', () => {
    expect(JSON.stringify(edge('plant-berlin'))).not.toContain('dcgm-exporter');
    expect(JSON.stringify(edge('plant-lyon'))).toContain('dcgm-exporter');
  });
});

/** `${type.name.attribute}` (or a remote-state output) → its parts. */
function reference(value: unknown): { type: string; name: string; attribute: string } {
  const match = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([^.]+)\.(.+)\}$/.exec(value) : null;
  if (!match) throw new Error(`not a single reference: ${String(value)}`);
  return { type: match[1], name: match[2], attribute: match[3] };
}

/** The resource a reference names in a stack. */
function target(json: TerraformJson, value: unknown): Record<string, any> {
  const { type, name } = reference(value);
  const found = json.resource?.[type]?.[name];
  if (!found) throw new Error(`${String(value)} names no resource`);
  return found;
}

/** Follows a remote-state output of the lakehouse stack to the expression the lakehouse exports. */
function lakehouseExport(value: string): string {
  const match = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-acme-ml-lakehouse\.outputs\.([^}]+)\}(.*)$/.exec(value);
  if (!match) throw new Error(`not a lakehouse output: ${value}`);
  return `${String(stacks['acme-ml-lakehouse'].output?.[match[1]]?.value)}${match[2]}`;
}

describe('EdgeSiteStack: the credential chain pod → sidecar → trust → role → policy', () => {
  test.each(sites.map((s) => s.name))('%s: each link of the chain is in the synthesized stacks, and it ends at sites/<site>/', (siteName) => {
    const json = edge(siteName);
    const lakehouse = stacks['acme-ml-lakehouse'];
    const podSpec = pod(json);
    const server = container(json, 'server');
    const helper = container(json, 'credential-helper');

    // pod: the server's SDK is pointed (through its ConfigMap) at the helper's port on loopback.
    const config = target(json, server.env_from[0].config_map_ref.name.replace(/\.metadata\[0\]\.name\}$/, '.id}'));
    const flag = (name: string) => helper.args[helper.args.indexOf(name) + 1] as string;
    expect(config.data.AWS_EC2_METADATA_SERVICE_ENDPOINT).toBe(`http://127.0.0.1:${flag('--port')}`);
    expect(config.data.AWS_DEFAULT_REGION).toBe('us-east-1');

    // sidecar: AWS's helper serving the site certificate from the Secret made on the site.
    expect(helper.image).toMatch(/^public\.ecr\.aws\/rolesanywhere\/credential-helper:\d/);
    expect(helper.args[0]).toBe('serve');
    const mount = helper.volume_mount[0];
    expect(flag('--certificate').startsWith(`${mount.mount_path}/`)).toBe(true);
    expect(flag('--private-key').startsWith(`${mount.mount_path}/`)).toBe(true);
    expect(podSpec.volume.find((v: { name: string }) => v.name === mount.name).secret.secret_name).toBe('edge-device-certificate');
    expect(JSON.stringify(json)).not.toMatch(/PRIVATE KEY/);

    // trust: the anchor the helper names is the lakehouse's, on the project's private CA.
    const anchorRef = lakehouseExport(flag('--trust-anchor-arn'));
    const anchor = target(lakehouse, anchorRef);
    expect(reference(anchorRef).type).toBe('aws_rolesanywhere_trust_anchor');
    expect(anchor.source.source_type).toBe('AWS_ACM_PCA');
    expect(target(lakehouse, anchor.source.source_data.acm_pca_arn).type).toBe('ROOT');

    // profile and role: the helper's profile lists exactly the helper's role.
    const profile = target(json, flag('--profile-arn'));
    expect(profile.role_arns).toEqual([flag('--role-arn')]);
    expect(profile.duration_seconds).toBeLessThanOrEqual(3600);
    const roleAddress = reference(flag('--role-arn'));
    const role = target(json, flag('--role-arn'));
    expect(role.max_session_duration).toBeLessThanOrEqual(3600);
    const trust = JSON.parse(role.assume_role_policy).Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0].Principal).toEqual({ Service: 'rolesanywhere.amazonaws.com' });
    expect(trust[0].Condition.StringEquals).toEqual({ 'aws:PrincipalTag/x509Subject/CN': siteName });
    expect(lakehouseExport(trust[0].Condition.ArnEquals['aws:SourceArn'])).toBe(anchorRef);

    // policy: every policy on the role reads objects of the models bucket under sites/<site>/ only.
    const policies = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleAddress.name}.id}`);
    expect(policies).toHaveLength(1);
    const statements = JSON.parse(policies[0].policy as string).Statement as { Action: string | string[]; Resource: string }[];
    const reads = statements.filter((st) => [st.Action].flat().includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    const readResource = lakehouseExport(reads[0].Resource);
    const models = Object.entries(lakehouse.resource!.aws_s3_bucket).find(([, b]) => String((b as any).bucket_prefix ?? (b as any).bucket).includes('models'))![0];
    expect(readResource).toBe(`\${aws_s3_bucket.${models}.arn}/sites/${siteName}/*`);
  });
});
