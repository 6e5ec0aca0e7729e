import { verifiablePart } from '../../cli/verifiable-part';

/** An edge-<site> stack in miniature: the site's AWS identity beside the Kubernetes side that uses it. */
const edgeStack = {
  '//': { metadata: { stackName: 'acme-edge-porto' } },
  terraform: {
    backend: { local: { path: '../../../terraform.acme-edge-porto.tfstate' } },
    required_providers: { aws: { source: 'aws', version: '5.100.0' }, kubernetes: { source: 'kubernetes', version: '2.38.0' }, helm: { source: 'helm', version: '3.1.1' } },
  },
  provider: { aws: [{ region: 'eu-west-1' }], kubernetes: [{ config_context: 'porto' }], helm: [{ kubernetes: { config_context: 'porto' } }] },
  data: { terraform_remote_state: { 'cross-stack-reference-input-acme-lakehouse': { backend: 'local' } } },
  resource: {
    aws_iam_role: { credentials_role: { name: 'acme-edge-porto', assume_role_policy: '${data.terraform_remote_state.cross-stack-reference-input-acme-lakehouse.outputs.anchor}' } },
    aws_rolesanywhere_profile: { credentials_profile: { role_arns: ['${aws_iam_role.credentials_role.arn}'] } },
    kubernetes_namespace_v1: { inference: { metadata: { name: 'inference' } } },
    kubernetes_deployment_v1: { server: { metadata: { namespace: '${kubernetes_namespace_v1.inference.metadata[0].name}' }, spec: { role: '${aws_iam_role.credentials_role.arn}' } } },
    helm_release: { plugin: { name: 'nvidia-device-plugin' } },
    // An AWS resource that waits for a Kubernetes one: it cannot be verified without it.
    aws_ssm_parameter: { ready: { name: 'ready', value: 'yes', depends_on: ['kubernetes_deployment_v1.server'] } },
    aws_iam_role_policy: { after_ready: { role: '${aws_iam_role.credentials_role.id}', policy: '${aws_ssm_parameter.ready.arn}' } },
  },
  output: { role_arn: { value: '${aws_iam_role.credentials_role.arn}' }, namespace: { value: '${kubernetes_namespace_v1.inference.id}' } },
};

describe('verifiablePart', () => {
  const part = verifiablePart(edgeStack, ['kubernetes', 'helm'])!;

  test('GIVEN an edge stack and a mirror with only hashicorp/aws THEN the AWS resources that stand on their own are kept', () => {
    expect(part.verified).toEqual(['aws_iam_role.credentials_role', 'aws_rolesanywhere_profile.credentials_profile']);
    expect(Object.keys(part.json.resource!)).toEqual(['aws_iam_role', 'aws_rolesanywhere_profile']);
  });

  test('an AWS resource that refers to a missing provider’s resource (depends_on), and what refers to it, are left out and named', () => {
    expect(part.notVerified).toEqual(['kubernetes_namespace_v1.inference', 'kubernetes_deployment_v1.server', 'helm_release.plugin', 'aws_ssm_parameter.ready', 'aws_iam_role_policy.after_ready']);
  });

  test('the missing providers leave the provider blocks and required_providers; the backend, remote state and outputs that stand stay', () => {
    expect(Object.keys(part.json.provider!)).toEqual(['aws']);
    expect(Object.keys(part.json.terraform!.required_providers!)).toEqual(['aws']);
    expect(part.json.terraform!.backend).toEqual(edgeStack.terraform.backend);
    expect(Object.keys(part.json.data!.terraform_remote_state)).toEqual(['cross-stack-reference-input-acme-lakehouse']);
    expect(Object.keys(part.json.output!)).toEqual(['role_arn']);
    expect(part.json['//']).toEqual(edgeStack['//']);
  });

  test('GIVEN a stack with no resource of an available provider THEN there is nothing to verify', () => {
    expect(verifiablePart({ resource: { helm_release: { a: {} }, kubernetes_namespace_v1: { b: {} } } }, ['kubernetes', 'helm'])).toBeUndefined();
  });

  test('the provider meta-argument decides a resource’s provider', () => {
    const stack = { resource: { aws_iam_role: { r: { name: 'r' } }, kubernetes_manifest: { m: { provider: 'aws.other' } }, aws_s3_bucket: { b: { provider: '${kubernetes.site}' } } } };
    const kept = verifiablePart(stack, ['kubernetes'])!;
    expect(kept.verified).toEqual(['aws_iam_role.r', 'kubernetes_manifest.m']);
    expect(kept.notVerified).toEqual(['aws_s3_bucket.b']);
  });

  test('local values that refer to a missing provider’s resource go, and so does what refers to them', () => {
    const stack = {
      locals: { ns: '${kubernetes_namespace_v1.n.id}', region: 'eu-west-1' },
      resource: { kubernetes_namespace_v1: { n: {} }, aws_iam_role: { r: { name: '${local.region}' }, s: { name: '${local.ns}' } } },
    };
    const kept = verifiablePart(stack, ['kubernetes'])!;
    expect(kept.verified).toEqual(['aws_iam_role.r']);
    expect(kept.json.locals).toEqual({ region: 'eu-west-1' });
  });
});
