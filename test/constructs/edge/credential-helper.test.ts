import { imageReference } from '../../../guardrails/rules/kubernetes-rules';
import {
  CREDENTIAL_ENDPOINT,
  CREDENTIAL_HELPER_IMAGE,
  CREDENTIAL_HELPER_PORT,
  DEVICE_CERTIFICATE_MOUNT,
  DEVICE_CERTIFICATE_SECRET,
  credentialHelperArgs,
  credentialHelperContainer,
  deviceCertificateVolume,
  sdkEnvironment,
} from '../../../constructs/edge/credential-helper';

const props = { trustAnchorArn: 'arn:ta', profileArn: 'arn:profile', roleArn: 'arn:role' };
const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

describe('credential helper', () => {
  test('AWS image, pinned to a release tag (not latest)', () => {
    expect(CREDENTIAL_HELPER_IMAGE.startsWith('public.ecr.aws/rolesanywhere/credential-helper:')).toBe(true);
    expect(imageReference(CREDENTIAL_HELPER_IMAGE).tag).toMatch(/^\d+\.\d+\.\d+-\d{4}(\.\d{2}){4}$/);
  });

  test('serve with the mounted certificate and key, the trust anchor, profile and role, one-hour sessions on the SDK port', () => {
    const args = credentialHelperArgs(props);
    expect(args[0]).toBe('serve');
    expect(flag(args, '--certificate')).toBe(`${DEVICE_CERTIFICATE_MOUNT}/tls.crt`);
    expect(flag(args, '--private-key')).toBe(`${DEVICE_CERTIFICATE_MOUNT}/tls.key`);
    expect([flag(args, '--trust-anchor-arn'), flag(args, '--profile-arn'), flag(args, '--role-arn')]).toEqual(['arn:ta', 'arn:profile', 'arn:role']);
    expect(flag(args, '--session-duration')).toBe('3600');
    expect(flag(args, '--port')).toBe(String(CREDENTIAL_HELPER_PORT));
    expect(args).not.toContain('--debug');
  });

  test('the SDK environment points at the helper on loopback, without a trailing slash, and names the region both ways', () => {
    expect(sdkEnvironment('eu-west-1')).toEqual({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${CREDENTIAL_HELPER_PORT}`, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(CREDENTIAL_ENDPOINT.endsWith('/')).toBe(false);
  });

  test('the container runs non-root, read-only, without capabilities, and mounts the Secret read-only; the volume is group-readable only', () => {
    const container = credentialHelperContainer(props);
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: '65532', readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.volumeMount).toEqual([{ name: 'device-certificate', mountPath: DEVICE_CERTIFICATE_MOUNT, readOnly: true }]);
    expect(deviceCertificateVolume()).toEqual({ name: 'device-certificate', secret: { secretName: DEVICE_CERTIFICATE_SECRET, defaultMode: '0440' } });
  });
});
