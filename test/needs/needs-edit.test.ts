import { readFileSync } from 'node:fs';
import { editNeeds } from '../../needs/needs-edit';
import { NeedsFileError, formatProblem } from '../../needs/problem';

const HYBRID = readFileSync('examples/hybrid.yaml', 'utf8');
const DEFAULT = readFileSync('needs.yaml', 'utf8');

/** The lines of `after` that differ from `before`, as [line number, text]. */
function changedLines(before: string, after: string): [number, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.flatMap((line, i) => (line === a[i] ? [] : [[i + 1, line] as [number, string]]));
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NeedsFileError);
    return (error as NeedsFileError).problems.map(formatProblem);
  }
  throw new Error('expected a NeedsFileError');
}

describe('editNeeds', () => {
  test('GIVEN an existing scalar WHEN it changes THEN only its characters change: the aligned comment, flow lists and blank lines stay', () => {
    const edited = editNeeds(DEFAULT, 'needs.yaml', [{ path: ['workload', 'training', 'gpus'], value: 16 }]);
    expect(changedLines(DEFAULT, edited.text)).toEqual([[25, '    gpus: 16               # 8 × p5.48xlarge over EFA']]);
    expect(edited.text.length).toBe(DEFAULT.length);
    expect(edited.changes).toEqual([{ path: 'workload.training.gpus', from: 64, to: 16 }]);
    expect(edited.loaded.needs.workload.training?.gpus).toBe(16);
  });

  test('GIVEN a key the file lacks THEN it is inserted after the sibling before it in the schema order, at the siblings\' indentation', () => {
    const edited = editNeeds(DEFAULT, 'needs.yaml', [{ path: ['workload', 'training', 'capacity'], value: 'on-demand' }]);
    const lines = edited.text.split('\n');
    expect(lines.slice(22, 28)).toEqual(['  training:', '    accelerator: h100', '    gpus: 64               # 8 × p5.48xlarge over EFA', '    interruptible: false', '    capacity: on-demand', '  inference:']);
    expect(edited.text.replace('    capacity: on-demand\n', '')).toBe(DEFAULT);
  });

  test('GIVEN no onPrem section THEN it is added as a block after its schema predecessor (state), separated by a blank line', () => {
    const edited = editNeeds(DEFAULT, 'needs.yaml', [
      { path: ['onPrem', 'kubeContext'], value: 'dc1' },
      { path: ['onPrem', 'gpuNodes'], value: 16 },
      { path: ['onPrem', 'networkCidr'], value: '10.50.0.0/16' },
      { path: ['onPrem', 'vpnPeerIp'], value: '203.0.113.10' },
    ]);
    expect(edited.text.startsWith(DEFAULT)).toBe(true);
    expect(edited.text.slice(DEFAULT.length)).toBe('\nonPrem:\n  kubeContext: dc1\n  gpuNodes: 16\n  networkCidr: 10.50.0.0/16\n  vpnPeerIp: 203.0.113.10\n');
    expect(edited.loaded.needs.onPrem).toMatchObject({ kubeContext: 'dc1', gpuNodes: 16, gpusPerNode: 8 });
  });

  test('every comment of the file survives, and the keys keep their order', () => {
    const edited = editNeeds(HYBRID, 'hybrid.yaml', [
      { path: ['onPrem', 'gpuNodes'], value: 20 },
      { path: ['onPrem', 'interconnect'], value: 'roce' },
      { path: ['onPrem', 'mode'], value: 'cluster' },
    ]);
    const comments = (text: string) => text.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));
    expect(comments(edited.text)).toEqual(comments(HYBRID));
    const keys = (text: string) => text.split('\n').filter((l) => /^\s*[A-Za-z]+:/.test(l)).map((l) => l.trim().split(':')[0]);
    expect(keys(edited.text).filter((k) => k !== 'mode')).toEqual(keys(HYBRID));
    expect(edited.text).toContain('onPrem:\n  mode: cluster\n  kubeContext: dc1-admin\n  gpuNodes: 20\n');
    expect(edited.text.replace('  mode: cluster\n', '')).toBe(HYBRID.replace('gpuNodes: 16', 'gpuNodes: 20').replace('interconnect: infiniband', 'interconnect: roce'));
  });

  test('a quoted scalar keeps its quotes; a plain value that would read as another type is quoted', () => {
    const text = 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: "us-east-1"\nonPrem:\n  kubeContext: \'dc1\'\n  gpuNodes: 2\n  networkCidr: 10.50.0.0/16\n  vpnPeerIp: 203.0.113.10\nstate:\n  bucket: acme-state\n';
    const edited = editNeeds(text, 'n.yaml', [
      { path: ['cloud', 'region'], value: 'eu-central-1' },
      { path: ['onPrem', 'kubeContext'], value: 'dc2' },
      { path: ['state', 'bucket'], value: 'true' },
    ]);
    expect(edited.text).toContain('  region: "eu-central-1"\n');
    expect(edited.text).toContain("  kubeContext: 'dc2'\n");
    expect(edited.text).toContain('  bucket: "true"\n');
    expect(edited.loaded.needs.state?.bucket).toBe('true');
  });

  test('GIVEN a key first in schema order THEN it goes before the first key and the comments above it', () => {
    const text = 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: us-east-1\nonPrem:\n  # the data centre in Frankfurt\n  kubeContext: dc1\n  gpuNodes: 2\n  networkCidr: 10.50.0.0/16\n  vpnPeerIp: 203.0.113.10\n';
    const edited = editNeeds(text, 'n.yaml', [{ path: ['onPrem', 'mode'], value: 'cluster' }]);
    expect(edited.text).toBe(text.replace('onPrem:\n', 'onPrem:\n  mode: cluster\n'));
  });

  test('a JSON needs file stays JSON at its indentation: a new key re-renders it (JSON has no comments to lose)', () => {
    const json = JSON.stringify({ apiVersion: 'tracklayer/v1', name: 'acme-ml', cloud: { region: 'us-east-1' }, workload: { training: { accelerator: 'h100', gpus: 64 } } }, null, 2);
    const edited = editNeeds(json, 'needs.json', [
      { path: ['workload', 'training', 'gpus'], value: 16 },
      { path: ['workload', 'training', 'interruptible'], value: true },
    ]);
    expect(edited.loaded.needs.workload.training).toMatchObject({ gpus: 16, interruptible: true, capacity: 'spot' });
    expect(JSON.parse(edited.text).workload.training).toEqual({ accelerator: 'h100', gpus: 16, interruptible: true });
    expect(edited.text).toBe(`${JSON.stringify(JSON.parse(edited.text), null, 2)}`);
    const inPlace = editNeeds(json, 'needs.json', [{ path: ['workload', 'training', 'gpus'], value: 8 }]);
    expect(inPlace.text).toBe(json.replace('"gpus": 64', '"gpus": 8'));
  });

  test('GIVEN values the file already holds THEN nothing changes, byte for byte', () => {
    const edited = editNeeds(HYBRID, 'hybrid.yaml', [{ path: ['onPrem', 'gpuNodes'], value: 16 }]);
    expect(edited.changes).toEqual([]);
    expect(edited.text).toBe(HYBRID);
  });

  test('GIVEN a result that would be invalid THEN every problem is placed in the file as it is', () => {
    expect(problems(() => editNeeds(DEFAULT, 'needs.yaml', [{ path: ['onPrem', 'gpuNodes'], value: 16 }]))).toEqual([
      'needs.yaml:5:1: onPrem.networkCidr: is required: an IPv4 CIDR block such as 10.0.0.0/16',
      'needs.yaml:5:1: onPrem.vpnPeerIp: is required: a public IPv4 address such as 203.0.113.10',
      'needs.yaml:5:1: onPrem.kubeContext: is required in mode cluster: the kubeconfig context of the on-prem cluster (or set mode: hybrid-nodes to join the servers to EKS)',
    ]);
    expect(problems(() => editNeeds(HYBRID, 'hybrid.yaml', [{ path: ['onPrem', 'gpusPerNode'], value: 64 }]))).toEqual(['hybrid.yaml:42:16: onPrem.gpusPerNode: must be an integer from 1 to 16, got 64']);
  });

  test('GIVEN text that is not YAML THEN the syntax problem is reported, located', () => {
    expect(problems(() => editNeeds('apiVersion: [tracklayer/v1\n', 'bad.yaml', [{ path: ['name'], value: 'x' }]))[0]).toMatch(/^bad\.yaml:\d+:\d+: .*YAML syntax/);
  });
});
