import { CA_KEY_ALGORITHM, CA_RESTORE_WINDOW_DAYS, CA_SIGNING_ALGORITHM, EdgeTrustAnchor } from '../../../constructs/edge/edge-trust-anchor';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct((scope) => new EdgeTrustAnchor(scope, 'edge-trust', { project: 'acme-ml' }));
const [ca] = resourcesOf(json, 'aws_acmpca_certificate_authority') as any[];
const [root] = resourcesOf(json, 'aws_acmpca_certificate') as any[];
const [installed] = resourcesOf(json, 'aws_acmpca_certificate_authority_certificate') as any[];
const [anchor] = resourcesOf(json, 'aws_rolesanywhere_trust_anchor') as any[];
const address = (type: string) => `${type}.${Object.keys(json.resource![type])[0]}`;

describe('EdgeTrustAnchor', () => {
  test('a general-purpose root CA with an EC P-256 key kept by Private CA, restorable for 30 days', () => {
    expect(ca).toMatchObject({
      type: 'ROOT',
      usage_mode: 'GENERAL_PURPOSE',
      permanent_deletion_time_in_days: CA_RESTORE_WINDOW_DAYS,
      certificate_authority_configuration: { key_algorithm: CA_KEY_ALGORITHM, signing_algorithm: CA_SIGNING_ALGORITHM, subject: { common_name: 'acme-ml edge devices', organization: 'acme-ml' } },
    });
    // No private key anywhere in the configuration: Private CA generates and keeps it.
    expect(JSON.stringify(json)).not.toMatch(/PRIVATE KEY|private_key/);
  });

  test('the CA signs its own CSR with the root template and installs the result', () => {
    expect(root).toMatchObject({
      certificate_authority_arn: `\${${address('aws_acmpca_certificate_authority')}.arn}`,
      certificate_signing_request: `\${${address('aws_acmpca_certificate_authority')}.certificate_signing_request}`,
      template_arn: 'arn:aws:acm-pca:::template/RootCACertificate/V1',
      validity: { type: 'YEARS', value: '10' },
    });
    expect(installed).toMatchObject({ certificate: `\${${address('aws_acmpca_certificate')}.certificate}`, certificate_chain: `\${${address('aws_acmpca_certificate')}.certificate_chain}` });
  });

  test('the trust anchor points at the CA and waits for its certificate', () => {
    expect(anchor).toMatchObject({ name: 'acme-ml-edge', enabled: true, source: { source_type: 'AWS_ACM_PCA', source_data: { acm_pca_arn: `\${${address('aws_acmpca_certificate_authority')}.arn}` } } });
    expect(anchor.depends_on).toEqual([address('aws_acmpca_certificate_authority_certificate')]);
  });

  test('preventDestroy protects the CA', () => {
    const prod = synthConstruct((scope) => new EdgeTrustAnchor(scope, 'edge-trust', { project: 'acme-ml', preventDestroy: true }));
    expect((resourcesOf(prod, 'aws_acmpca_certificate_authority')[0] as any).lifecycle).toEqual({ prevent_destroy: true });
    expect(ca.lifecycle).toBeUndefined();
  });
});
