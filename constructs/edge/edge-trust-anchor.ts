/**
 * The root of trust of the edge fleet: an AWS Private CA root CA that signs the sites'
 * certificates, and the IAM Roles Anywhere trust anchor that accepts what it signs.
 *
 * Why a Private CA (https://aws.amazon.com/private-ca/pricing/: {@link PRIVATE_CA_MONTHLY_USD}
 * a month in general-purpose mode, the first 30 days free) rather than a self-managed CA
 * uploaded as a certificate bundle: the CA's private key is generated and kept in AWS's HSMs,
 * so it is in no Terraform state, laptop or repository; every issuance is an API call in
 * CloudTrail; and Terraform builds the whole chain (CA, its self-signed certificate, the trust
 * anchor) with nothing pasted in. Short-lived-certificate mode ($50 a month) would cap device
 * certificates at 7 days and need an on-device renewal agent; general-purpose mode lets the
 * operator issue a certificate for a year (README, "Onboard an edge site").
 *
 * Runtime path: `terraform apply` creates the CA (PENDING_CERTIFICATE), signs its own CSR with
 * the RootCACertificate/V1 template, installs the certificate (ACTIVE), then creates the trust
 * anchor on it (the order the provider's own example uses). Devices never talk to the CA: the
 * operator sends each site's CSR to `aws acm-pca issue-certificate`.
 * https://docs.aws.amazon.com/privateca/latest/userguide/PcaCreateCa.html
 * https://docs.aws.amazon.com/rolesanywhere/latest/userguide/getting-started.html
 *
 * Revocation: Roles Anywhere does not read the Private CA's CRL by itself. To cut a lost
 * device off, disable its site's profile (`aws rolesanywhere disable-profile`), or revoke the
 * certificate and import the CRL into Roles Anywhere (`aws rolesanywhere import-crl`).
 */
import { AcmpcaCertificate } from '@cdktf/provider-aws/lib/acmpca-certificate';
import { AcmpcaCertificateAuthority } from '@cdktf/provider-aws/lib/acmpca-certificate-authority';
import { AcmpcaCertificateAuthorityCertificate } from '@cdktf/provider-aws/lib/acmpca-certificate-authority-certificate';
import { RolesanywhereTrustAnchor } from '@cdktf/provider-aws/lib/rolesanywhere-trust-anchor';
import { Construct } from 'constructs';

/** Private CA general-purpose mode, per CA per month (https://aws.amazon.com/private-ca/pricing/, as of 2026-11). */
export const PRIVATE_CA_MONTHLY_USD = 400;

/** Elliptic-curve P-256 keys and ECDSA-SHA256 signatures: accepted by Roles Anywhere, small enough for any device. */
export const CA_KEY_ALGORITHM = 'EC_prime256v1';
/** The signing algorithm of the CA, and the one the operator names when issuing device certificates. */
export const CA_SIGNING_ALGORITHM = 'SHA256WITHECDSA';

/** The root certificate's lifetime: ten years, the typical root lifetime (https://docs.aws.amazon.com/privateca/latest/userguide/ca-lifecycle.html). */
export const ROOT_CERTIFICATE_YEARS = 10;

/**
 * Days a deleted CA can still be restored: the most Private CA allows, so a mistaken destroy is
 * recoverable for a month (https://docs.aws.amazon.com/privateca/latest/userguide/PCADeleteCA.html).
 */
export const CA_RESTORE_WINDOW_DAYS = 30;

/** The template a CA signs its own root certificate with. */
const ROOT_TEMPLATE_ARN = 'arn:aws:acm-pca:::template/RootCACertificate/V1';

/** The template device certificates are issued with (client authentication, no CA rights). */
export const DEVICE_CERTIFICATE_TEMPLATE_ARN = 'arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1';

/** Props of {@link EdgeTrustAnchor}. */
export interface EdgeTrustAnchorProps {
  /** The project name (`needs.name`): the CA's subject and the trust anchor's name. */
  readonly project: string;
  /**
   * `lifecycle.prevent_destroy` on the CA: destroying it invalidates every site's certificate.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The project's private root CA and the Roles Anywhere trust anchor on it. */
export class EdgeTrustAnchor extends Construct {
  /** The CA that signs device certificates. */
  readonly certificateAuthority: AcmpcaCertificateAuthority;
  /** The trust anchor sites authenticate against. */
  readonly trustAnchor: RolesanywhereTrustAnchor;

  constructor(scope: Construct, id: string, props: EdgeTrustAnchorProps) {
    super(scope, id);
    this.certificateAuthority = new AcmpcaCertificateAuthority(this, 'ca', {
      type: 'ROOT',
      usageMode: 'GENERAL_PURPOSE',
      permanentDeletionTimeInDays: CA_RESTORE_WINDOW_DAYS,
      certificateAuthorityConfiguration: {
        keyAlgorithm: CA_KEY_ALGORITHM,
        signingAlgorithm: CA_SIGNING_ALGORITHM,
        subject: { commonName: `${props.project} edge devices`, organization: props.project },
      },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    const rootCertificate = new AcmpcaCertificate(this, 'root-certificate', {
      certificateAuthorityArn: this.certificateAuthority.arn,
      certificateSigningRequest: this.certificateAuthority.certificateSigningRequest,
      signingAlgorithm: CA_SIGNING_ALGORITHM,
      templateArn: ROOT_TEMPLATE_ARN,
      validity: { type: 'YEARS', value: String(ROOT_CERTIFICATE_YEARS) },
    });
    const installed = new AcmpcaCertificateAuthorityCertificate(this, 'root-certificate-installed', {
      certificateAuthorityArn: this.certificateAuthority.arn,
      certificate: rootCertificate.certificate,
      certificateChain: rootCertificate.certificateChain,
    });
    this.trustAnchor = new RolesanywhereTrustAnchor(this, 'trust-anchor', {
      name: `${props.project}-edge`,
      enabled: true,
      source: { sourceType: 'AWS_ACM_PCA', sourceData: { acmPcaArn: this.certificateAuthority.arn } },
      // A trust anchor on a CA that has no certificate yet is rejected.
      dependsOn: [installed],
    });
  }
}
