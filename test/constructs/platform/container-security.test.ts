import { NON_ROOT_UID, containerResources, containerSecurityContext } from '../../../constructs/platform/container-security';

describe('containerSecurityContext', () => {
  test('GIVEN no privileges THEN non-root, no escalation, no capabilities, RuntimeDefault seccomp', () => {
    expect(containerSecurityContext('x')).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
      runAsNonRoot: true,
      runAsUser: String(NON_ROOT_UID),
    });
  });

  test('GIVEN root and a capability with reasons THEN uid 0 and the capability added back after dropping all', () => {
    const context = containerSecurityContext('x', { root: { value: true, reason: 'kubelet socket' }, capabilities: { value: ['SYS_ADMIN'], reason: 'profiling' } });
    expect(context).toMatchObject({ runAsNonRoot: false, runAsUser: '0', allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } });
  });

  test('throws for a grant without a reason', () => {
    expect(() => containerSecurityContext('stack/agent', { capabilities: { value: ['NET_ADMIN'], reason: ' ' } })).toThrow(
      'stack/agent: capabilities is granted without a reason; say which need it meets',
    );
  });
});

describe('containerResources', () => {
  test('GIVEN quantities THEN requests and limits as given', () => {
    expect(containerResources('x', { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '2', memory: '1.5Gi' } })).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '2', memory: '1.5Gi' },
    });
  });

  test('throws for a value that is not a quantity', () => {
    expect(() => containerResources('stack/agent', { requests: { cpu: 'a lot', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } })).toThrow(
      'stack/agent: resources.requests.cpu must be a Kubernetes quantity such as 100m or 128Mi, got "a lot"',
    );
  });
});
