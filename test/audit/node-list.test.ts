import { readFileSync } from 'node:fs';
import { AuditInputError } from '../../audit/audit-input-error';
import { parseNodeList } from '../../audit/node-list';

function problems(value: unknown): { path: readonly (string | number)[]; message: string }[] {
  try {
    parseNodeList(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditInputError);
    return (error as AuditInputError).problems.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected an AuditInputError');
}

describe('parseNodeList', () => {
  test('GIVEN kubectl get nodes -o json output (kind List) THEN every node with its labels, resources, Ready and cordon state', () => {
    const nodes = parseNodeList(JSON.parse(readFileSync('test/audit/fixtures/not-ready.json', 'utf8')));
    expect(nodes.map((n) => [n.name, n.ready, n.unschedulable])).toEqual([
      ['gpu-01', true, false],
      ['gpu-02', undefined, false],
      ['gpu-03', false, false],
      ['gpu-04', true, true],
    ]);
    expect(nodes[0].labels['nvidia.com/gpu.product']).toBe('NVIDIA-H100-80GB-HBM3');
    expect(nodes[0].capacity['nvidia.com/gpu']).toBe('8');
  });

  test('GIVEN the API form (kind NodeList, items without kind) THEN it is read the same', () => {
    expect(parseNodeList({ kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'a' }, status: { capacity: { 'nvidia.com/gpu': 8 } } }] })).toEqual([
      { name: 'a', labels: {}, capacity: { 'nvidia.com/gpu': '8' }, allocatable: {}, ready: undefined, unschedulable: false },
    ]);
  });

  test('GIVEN something else THEN it says what it got and what was expected', () => {
    const expected = 'a Kubernetes node list as printed by `kubectl get nodes -o json` (kind List or NodeList, with items)';
    expect(problems('hello')).toEqual([{ path: [], message: `not a node list: expected ${expected}, got "hello"` }]);
    expect(problems([1, 2])).toEqual([{ path: [], message: `not a node list: expected ${expected}, got a list` }]);
    expect(problems({ kind: 'PodList', items: [] })).toEqual([{ path: ['kind'], message: `not a node list: expected ${expected}, got kind "PodList"` }]);
    expect(problems({ kind: 'Node', metadata: { name: 'a' } })).toEqual([
      { path: ['kind'], message: `not a node list: expected ${expected}, got kind "Node" (one node: run kubectl get nodes -o json, without a node name)` },
    ]);
    expect(problems({ name: 'acme' })).toEqual([{ path: [], message: `not a node list: expected ${expected}, got no kind` }]);
    expect(problems({ kind: 'List', items: {} })).toEqual([{ path: ['items'], message: 'items: must be a list of nodes, got a mapping' }]);
  });

  test('GIVEN a list with bad items THEN every problem at once, at its path', () => {
    expect(
      problems({
        kind: 'List',
        items: [
          { kind: 'Pod', metadata: { name: 'web' } },
          { kind: 'Node', metadata: {} },
          'x',
          { kind: 'Node', metadata: { name: 'n', labels: { a: { b: 1 } } }, status: { capacity: [] } },
        ],
      }),
    ).toEqual([
      { path: ['items', 0, 'kind'], message: 'is a "Pod", not a Node: the list must hold nodes only (kubectl get nodes -o json)' },
      { path: ['items', 1, 'metadata', 'name'], message: 'a node needs metadata.name, got nothing' },
      { path: ['items', 2], message: 'must be a Node object, got "x"' },
      { path: ['items', 3, 'metadata', 'labels', 'a'], message: 'must be a string, got a mapping' },
      { path: ['items', 3, 'status', 'capacity'], message: 'must be a mapping, got a list' },
    ]);
  });
});
