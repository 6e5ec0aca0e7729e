import { KubectlError, fetchNodeList, getNodesArgs } from '../../cli/kubectl';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KubectlError);
    return (error as Error).message;
  }
  throw new Error('expected a KubectlError');
}

describe('kubectl', () => {
  test('the context goes as --context=CTX, so a name starting with a dash is never read as a flag', () => {
    expect(getNodesArgs('--kubeconfig=/etc/evil')).toEqual(['get', 'nodes', '--output=json', '--context=--kubeconfig=/etc/evil', '--request-timeout=60s']);
  });

  test('prints what kubectl printed', () => {
    expect(fetchNodeList({ binary: 'kubectl', run: () => ({ status: 0, stdout: '{"kind":"List","items":[]}', stderr: '' }) }, 'dc1')).toBe('{"kind":"List","items":[]}');
  });

  test('GIVEN a run that timed out THEN it says to check the API server', () => {
    const timedOut = Object.assign(new Error('spawnSync kubectl ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(message(() => fetchNodeList({ binary: 'kubectl', run: () => ({ status: null, stdout: '', stderr: '', error: timedOut }) }, 'dc1'))).toBe(
      'audit: kubectl get nodes --output=json --context=dc1 --request-timeout=60s did not finish within 120 s; check that the API server of context dc1 is reachable',
    );
  });

  test('GIVEN a failing kubectl with nothing on stderr THEN its exit status', () => {
    expect(message(() => fetchNodeList({ binary: 'kubectl', run: () => ({ status: 1, stdout: '', stderr: '' }) }, 'dc1'))).toBe('audit: kubectl get nodes --output=json --context=dc1 --request-timeout=60s failed (exit 1)');
  });
});
