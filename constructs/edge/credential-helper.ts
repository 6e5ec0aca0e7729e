/**
 * The sidecar that gives an edge inference pod AWS credentials: the IAM Roles Anywhere
 * credential helper (`aws_signing_helper serve`, https://github.com/aws/rolesanywhere-credential-helper),
 * AWS's own maintained helper, in AWS's own image. It reads the site's X.509 certificate and
 * private key from a Kubernetes Secret made on the site (never by Terraform), signs
 * `CreateSession` with the key, and serves the resulting credentials on 127.0.0.1:9911 in the
 * shape of the EC2 instance metadata service (IMDSv2: token PUT, then the role's credentials).
 *
 * Runtime path (who does what):
 * 1. The operator makes the key and a CSR on the site, has the project CA sign it with
 *    CN = <site>, and creates the Secret {@link DEVICE_CERTIFICATE_SECRET} (README, "Onboard an
 *    edge site"). Terraform only names the Secret; the key never enters state or the repo.
 * 2. The kubelet mounts the Secret into this container only (mode 0440, group = the helper's).
 * 3. On start, the helper calls Roles Anywhere `CreateSession` with the certificate, the trust
 *    anchor, the site's profile and role; Roles Anywhere checks the chain against the trust
 *    anchor (the project's private CA) and STS assumes the role, whose trust policy admits only
 *    a certificate with CN = <site> (EdgeSiteCredentials). Sessions last one hour; the helper
 *    fetches new ones five minutes before they expire (`RefreshTime` in aws_signing_helper/serve.go).
 * 4. Triton's S3 client (AWS SDK for C++) walks the default chain to the IMDS provider, which
 *    honours AWS_EC2_METADATA_SERVICE_ENDPOINT (`InitEC2MetadataClient` in aws-sdk-cpp
 *    src/aws-cpp-sdk-core/source/internal/AWSHttpResourceClient.cpp); {@link sdkEnvironment}
 *    points it at the helper. Triton uses the default chain when AWS_ACCESS_KEY_ID and
 *    AWS_PROFILE are unset (`S3FileSystem` in triton-inference-server/core
 *    src/filesystem/implementations/s3.h), and takes the region from AWS_DEFAULT_REGION.
 *
 * Differences from upstream (docker_image_resources/tests/pod_configurations/serve.yaml and
 * docker_image_resources/README.md of the helper's repository): the key and certificate come
 * from a Secret, not a ConfigMap (upstream calls its ConfigMap test-only); `--debug` is off; the
 * container runs read-only with every capability dropped (Pod Security `restricted`); the image
 * is pinned to a release tag, not `latest`. Requests and limits are upstream's.
 *
 * The helper listens on 127.0.0.1 only (`LocalHostAddress` in serve.go), so the kubelet cannot
 * probe it, and its distroless image has no shell for an exec probe. Triton's
 * `--strict-readiness` stands in: without credentials no model loads and the pod never turns
 * Ready. The helper reads the certificate once at start, so a renewed certificate takes effect
 * with `kubectl rollout restart` (README).
 */
import { MODEL_CREDENTIAL_SECONDS } from './edge-site-credentials';

/**
 * AWS's image of the helper, multi-arch (amd64 for x86 sites, arm64 for Jetson): the
 * `<version>-<build timestamp>` manifest list that `publish_docker_image.yml` pushes to
 * public.ecr.aws/rolesanywhere/credential-helper for each release. Pinned by tag; record the
 * digest (`docker buildx imagetools inspect <image>`) in your registry mirror when you need
 * byte-for-byte pinning.
 */
export const CREDENTIAL_HELPER_IMAGE = 'public.ecr.aws/rolesanywhere/credential-helper:1.8.1-2026.04.09.16.01';

/** The helper's default port (`DefaultPort` in aws_signing_helper/serve.go). */
export const CREDENTIAL_HELPER_PORT = 9911;

/** The non-root user the image runs as (`USER 65532:65532` in docker_image_resources/Dockerfile). */
export const CREDENTIAL_HELPER_UID = 65532;

/** The Secret, in the inference namespace, holding the site's certificate and key (`kubectl create secret tls`). */
export const DEVICE_CERTIFICATE_SECRET = 'edge-device-certificate';

/** Where the Secret is mounted in the helper. */
export const DEVICE_CERTIFICATE_MOUNT = '/var/run/secrets/edge-device';

/** Requests and limits of upstream's serve test pod. */
export const CREDENTIAL_HELPER_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } } as const;

/** The volume name of the certificate Secret in the pod. */
export const DEVICE_CERTIFICATE_VOLUME = 'device-certificate';

/** The endpoint the SDK asks for credentials: the helper, over loopback (no trailing slash: the SDK appends `/latest/...`). */
export const CREDENTIAL_ENDPOINT = `http://127.0.0.1:${CREDENTIAL_HELPER_PORT}`;

/** What the helper needs to know: the Roles Anywhere trust anchor, profile and role of the site. */
export interface CredentialHelperProps {
  /** ARN of the project's trust anchor. */
  readonly trustAnchorArn: string;
  /** ARN of the site's Roles Anywhere profile. */
  readonly profileArn: string;
  /** ARN of the site's role. */
  readonly roleArn: string;
}

/** The `serve` arguments of the helper. */
export function credentialHelperArgs(props: CredentialHelperProps): string[] {
  return [
    'serve',
    '--certificate',
    `${DEVICE_CERTIFICATE_MOUNT}/tls.crt`,
    '--private-key',
    `${DEVICE_CERTIFICATE_MOUNT}/tls.key`,
    '--trust-anchor-arn',
    props.trustAnchorArn,
    '--profile-arn',
    props.profileArn,
    '--role-arn',
    props.roleArn,
    '--session-duration',
    String(MODEL_CREDENTIAL_SECONDS),
    '--port',
    String(CREDENTIAL_HELPER_PORT),
  ];
}

/** The sidecar container (a `container` block of the kubernetes provider's pod spec). */
export function credentialHelperContainer(props: CredentialHelperProps) {
  return {
    name: 'credential-helper',
    image: CREDENTIAL_HELPER_IMAGE,
    args: credentialHelperArgs(props),
    resources: { requests: { ...CREDENTIAL_HELPER_RESOURCES.requests }, limits: { ...CREDENTIAL_HELPER_RESOURCES.limits } },
    volumeMount: [{ name: DEVICE_CERTIFICATE_VOLUME, mountPath: DEVICE_CERTIFICATE_MOUNT, readOnly: true }],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: String(CREDENTIAL_HELPER_UID),
      runAsGroup: String(CREDENTIAL_HELPER_UID),
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/**
 * The pod volume of the certificate Secret: readable by the helper's group only. A missing
 * Secret keeps the pod in ContainerCreating, which `kubectl rollout status` reports.
 */
export function deviceCertificateVolume() {
  return { name: DEVICE_CERTIFICATE_VOLUME, secret: { secretName: DEVICE_CERTIFICATE_SECRET, defaultMode: '0440' } };
}

/**
 * The environment that points an AWS SDK in the same pod at the helper: the IMDS endpoint,
 * and the region both ways (AWS_REGION for the SDK, AWS_DEFAULT_REGION for Triton's S3 code),
 * so the SDK never asks the helper for a region it does not serve.
 */
export function sdkEnvironment(region: string): Record<string, string> {
  return { AWS_EC2_METADATA_SERVICE_ENDPOINT: CREDENTIAL_ENDPOINT, AWS_REGION: region, AWS_DEFAULT_REGION: region };
}
