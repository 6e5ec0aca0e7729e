import { stateBackend } from '../../../guardrails/rules/state-rules';
import { stack } from '../fixtures/builders';

describe('STATE_BACKEND', () => {
  test('GIVEN a local backend or none THEN a warning at the stack', () => {
    expect(stateBackend.check(stack({}, { backend: { local: { path: '../../../terraform.demo-app.tfstate' } } }))).toEqual([
      {
        address: 'terraform.backend.local',
        path: 'demo-app',
        level: 'warning',
        message: 'keeps state in a local file, unencrypted and unshared; set state.bucket in the needs file for an encrypted, locked S3 backend',
      },
    ]);
    expect(stateBackend.check(stack({}, { backend: null }))[0]).toMatchObject({ address: 'terraform', level: 'warning' });
  });

  test('GIVEN an S3 backend without locking THEN an error names use_lockfile', () => {
    const [finding] = stateBackend.check(stack({}, { backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true } } }));
    expect(finding).toEqual({ address: 'terraform.backend.s3', path: 'demo-app', message: 'S3 backend does not set use_lockfile to true; state must be encrypted and locked' });
  });

  test('GIVEN the remote backend THEN it passes; an unknown backend is a warning', () => {
    expect(stateBackend.check(stack({}, { backend: { remote: { organization: 'acme' } } }))).toEqual([]);
    expect(stateBackend.check(stack({}, { backend: { gcs: { bucket: 'b' } } }))[0].level).toBe('warning');
  });
});
