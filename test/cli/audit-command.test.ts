import { chmodSync, copyFileSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAudit } from '../../cli/audit-command';
import { cli } from '../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-audit-'));
const IB = 'test/audit/fixtures/gpu-operator-h100-infiniband.json';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A stand-in kubectl that records its arguments and prints `output` (or fails with `stderr` and `status`). */
function fakeKubectl(name: string, output: string, status = 0, stderr = ''): { binary: string; argsFile: string } {
  const argsFile = join(dir, `${name}.args`);
  const outFile = file(`${name}.out`, output);
  const binary = file(name, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\ncat '${outFile}'\nprintf '%s' '${stderr}' >&2\nexit ${status}\n`);
  chmodSync(binary, 0o755);
  return { binary, argsFile };
}

describe('tracklayer audit --nodes', () => {
  test('--json prints exactly one object: onPrem, score, gaps, nodes (NEEDS-v1.1)', () => {
    const run = cli(['audit', '--nodes', IB, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['onPrem', 'score', 'gaps', 'nodes']);
    expect(json.onPrem).toEqual({ gpuNodes: 16, gpusPerNode: 8, accelerator: 'h100', interconnect: 'infiniband' });
    expect(json.score).toBe(100);
  });

  test('for people: the onPrem section as YAML, the score, the gaps with their weight, the nodes', () => {
    const run = cli(['audit', '--nodes', 'test/audit/fixtures/mixed-cluster.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('audit of 9 node(s) from test/audit/fixtures/mixed-cluster.json\nonPrem:\n  gpuNodes: 4\n  gpusPerNode: 8\n  accelerator: a100\n  interconnect: roce\nreadiness: 50/100\ngaps:\n  - nodes-not-ready (-20): 1 node not Ready (a100-03)');
    expect(run.stdout).toContain('  a100-01  8 GPUs  NVIDIA-A100-SXM4-80GB\n');
    expect(run.stdout).toContain('  cpu-01   0 GPUs\n');
  });

  test('GIVEN neither or both sources THEN exit 2 and what to give', () => {
    expect(cli(['audit'])).toEqual({ code: 2, stdout: '', stderr: 'audit: give the nodes with --nodes FILE (kubectl get nodes -o json > FILE) or --kube-context CTX\n' });
    const both = cli(['audit', '--nodes', IB, '--kube-context', 'dc1']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--nodes <file>' cannot be used with option '--kube-context <ctx>'");
  });

  test('GIVEN a file that is not JSON THEN exit 2, located, naming what was expected', () => {
    const path = file('nodes.txt', 'NAME      STATUS   ROLES    AGE   VERSION\ngpu-01    Ready    <none>   12d   v1.30.6\n');
    const run = cli(['audit', '--nodes', path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: \\(root\\): `));
    expect(run.stderr).toContain('expected a Kubernetes node list as printed by `kubectl get nodes -o json` (kind List or NodeList, with items)');
  });

  test('GIVEN JSON that is not a node list THEN exit 2 at the line and column of the culprit', () => {
    const pods = file('pods.json', '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n    { "kind": "Pod", "metadata": { "name": "web" } }\n  ]\n}\n');
    expect(cli(['audit', '--nodes', pods])).toEqual({ code: 2, stdout: '', stderr: `${pods}:5:15: items[0].kind: is a "Pod", not a Node: the list must hold nodes only (kubectl get nodes -o json)\n` });
    const empty = file('empty.json', '\n');
    expect(cli(['audit', '--nodes', empty]).stderr).toBe(`${empty}:1:1: (root): the file is empty; expected a Kubernetes node list as printed by \`kubectl get nodes -o json\` (kind List or NodeList, with items)\n`);
    expect(cli(['audit', '--nodes', join(dir, 'nope.json')]).stderr).toBe(`${join(dir, 'nope.json')}:1:1: (root): cannot read it: no such file; expected a Kubernetes node list as printed by \`kubectl get nodes -o json\` (kind List or NodeList, with items)\n`);
  });
});

describe('tracklayer audit --kube-context', () => {
  test('runs kubectl get nodes against the context and puts the context into onPrem', () => {
    const kubectl = fakeKubectl('kubectl-ok', readFileSync(IB, 'utf8'));
    const run = cli(['audit', '--kube-context', 'dc1-admin', '--json'], { TRACKLAYER_KUBECTL: kubectl.binary, PATH: process.env.PATH });
    expect(run.code).toBe(0);
    expect(readFileSync(kubectl.argsFile, 'utf8').trim().split('\n')).toEqual(['get', 'nodes', '--output=json', '--context=dc1-admin', '--request-timeout=60s']);
    expect(JSON.parse(run.stdout).onPrem).toEqual({ kubeContext: 'dc1-admin', gpuNodes: 16, gpusPerNode: 8, accelerator: 'h100', interconnect: 'infiniband' });
  });

  test('GIVEN no kubectl THEN exit 2 with what to do, not a stack trace', () => {
    const run = cli(['audit', '--kube-context', 'dc1'], { TRACKLAYER_KUBECTL: join(dir, 'no-such-kubectl') });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `audit: cannot run ${join(dir, 'no-such-kubectl')}: not found on the PATH. Install kubectl (https://kubernetes.io/docs/tasks/tools/), or export the nodes where kubectl works (kubectl get nodes -o json > nodes.json) and run tracklayer audit --nodes nodes.json\n`,
    });
  });

  test('GIVEN kubectl failing THEN exit 2 with its message', () => {
    const kubectl = fakeKubectl('kubectl-fails', '', 1, 'error: context "dc9" does not exist');
    const run = cli(['audit', '--kube-context', 'dc9'], { TRACKLAYER_KUBECTL: kubectl.binary, PATH: process.env.PATH });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`audit: ${kubectl.binary} get nodes --output=json --context=dc9 --request-timeout=60s failed (exit 1):\n  error: context "dc9" does not exist\n`);
  });

  test('the runner is injectable: kubectl printing a non-list is a located problem in "kubectl get nodes"', () => {
    let stderr = '';
    const code = runAudit({ kubeContext: 'dc1' }, { stdout: () => undefined, stderr: (t) => (stderr += t), env: {} }, { binary: 'kubectl', run: () => ({ status: 0, stdout: '{"kind":"Status"}', stderr: '' }) });
    expect(code).toBe(2);
    expect(stderr).toBe('kubectl get nodes --context=dc1:1:9: kind: not a node list: expected a Kubernetes node list as printed by `kubectl get nodes -o json` (kind List or NodeList, with items), got kind "Status"\n');
  });
});

describe('tracklayer audit --write', () => {
  const HYBRID = readFileSync('examples/hybrid.yaml', 'utf8');

  test('GIVEN an onPrem section out of date THEN the derived fields change in place: comments, key order and the other fields stay', () => {
    const stale = HYBRID.replace('  gpuNodes: 16\n', '  gpuNodes: 12\n').replace('  interconnect: infiniband\n', '  interconnect: ethernet      # before the HDR fabric\n');
    const needs = file('stale.yaml', stale);
    const run = cli(['audit', '--nodes', IB, '--needs', needs, '--write']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${needs}: onPrem.gpuNodes 12 → 16, onPrem.interconnect ethernet → infiniband\n`);
    const written = readFileSync(needs, 'utf8');
    expect(written).toBe(stale.replace('  gpuNodes: 12\n', '  gpuNodes: 16\n').replace('  interconnect: ethernet      # before', '  interconnect: infiniband      # before'));
    expect(written.split('\n').filter((l) => l.includes('#'))).toEqual(stale.split('\n').filter((l) => l.includes('#')).map((l) => l.replace('ethernet', 'infiniband')));
  });

  test('GIVEN the file already says it THEN nothing is written', () => {
    const needs = file('current.yaml', HYBRID);
    const before = lstatSync(needs).mtimeMs;
    const run = cli(['audit', '--nodes', IB, '--needs', needs, '--json', '--write']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).score).toBe(100);
    expect(run.stderr).toBe(`${needs}: already up to date; nothing written\n`);
    expect(readFileSync(needs, 'utf8')).toBe(HYBRID);
    expect(lstatSync(needs).mtimeMs).toBe(before);
  });

  test('GIVEN a file without onPrem and nodes from a file THEN refused, located, with what to add; the file is byte-identical', () => {
    const original = readFileSync('needs.yaml');
    const needs = join(dir, 'no-onprem.yaml');
    writeFileSync(needs, original);
    const run = cli(['audit', '--nodes', IB, '--needs', needs, '--write']);
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n').slice(-6)).toEqual([
      `${needs}:5:1: onPrem.networkCidr: is required: an IPv4 CIDR block such as 10.0.0.0/16`,
      `${needs}:5:1: onPrem.vpnPeerIp: is required: a public IPv4 address such as 203.0.113.10`,
      `${needs}:5:1: onPrem.kubeContext: is required in mode cluster: the kubeconfig context of the on-prem cluster (or set mode: hybrid-nodes to join the servers to EKS)`,
      'audit: a node list does not tell onPrem.networkCidr, onPrem.vpnPeerIp, onPrem.kubeContext; add them to the needs file, then run audit --write again',
      `${needs}: --write refused: the needs file would not be valid after the change; it is unchanged`,
      '',
    ]);
    expect(readFileSync(needs).equals(original)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tracklayer-'))).toEqual([]);
  });

  test('GIVEN the hand-written fields first THEN audit --write completes the section', () => {
    const needs = file('partial.yaml', `${readFileSync('needs.yaml', 'utf8')}\nonPrem:\n  kubeContext: dc1   # the Frankfurt DC\n  networkCidr: 10.50.0.0/16\n  vpnPeerIp: 203.0.113.10\n`);
    const run = cli(['audit', '--nodes', IB, '--needs', needs, '--write']);
    expect(run.code).toBe(0);
    expect(readFileSync(needs, 'utf8').endsWith('\nonPrem:\n  kubeContext: dc1   # the Frankfurt DC\n  gpuNodes: 16\n  gpusPerNode: 8\n  accelerator: h100\n  interconnect: infiniband\n  networkCidr: 10.50.0.0/16\n  vpnPeerIp: 203.0.113.10\n')).toBe(true);
  });

  test('GIVEN a CPU-only cluster THEN refused: nothing to write; the file is byte-identical', () => {
    const needs = file('cpu.yaml', HYBRID);
    const run = cli(['audit', '--nodes', 'test/audit/fixtures/cpu-only.json', '--needs', needs, '--write']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${needs}: --write refused: the cluster has no GPU node of an accelerator the catalog knows, so there is no onPrem section to write; it is unchanged\n`);
    expect(readFileSync(needs, 'utf8')).toBe(HYBRID);
  });

  test('GIVEN --needs a symbolic link THEN refused; the link and its target are unchanged', () => {
    const target = file('target.yaml', HYBRID.replace('  gpuNodes: 16\n', '  gpuNodes: 12\n'));
    const link = join(dir, 'link.yaml');
    symlinkSync(target, link);
    const run = cli(['audit', '--nodes', IB, '--needs', link, '--write']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${link}: is a symbolic link; tracklayer replaces files atomically and would replace the link, not its target: pass the target file with --needs\n`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(HYBRID.replace('  gpuNodes: 16\n', '  gpuNodes: 12\n'));
    expect(cli(['audit', '--nodes', IB, '--needs', resolve(target), '--write']).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(HYBRID);
  });

  test('GIVEN --json --write THEN stdout is still one JSON object; the write report goes to stderr', () => {
    const needs = file('json-write.yaml', HYBRID.replace('  gpusPerNode: 8\n', '  gpusPerNode: 4\n'));
    copyFileSync(needs, `${needs}.orig`);
    const run = cli(['audit', '--nodes', IB, '--needs', needs, '--json', '--write']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).onPrem.gpusPerNode).toBe(8);
    expect(run.stderr).toBe(`wrote ${needs}: onPrem.gpusPerNode 4 → 8\n`);
  });
});
