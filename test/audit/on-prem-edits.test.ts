import { auditNodes } from '../../audit/audit';
import { onPremEdits } from '../../audit/on-prem-edits';
import { NFD_INFINIBAND, gpuNode } from '../support/cluster-nodes';

const certain = auditNodes([gpuNode('a', undefined, 8, { labels: NFD_INFINIBAND }), gpuNode('b', undefined, 8, { labels: NFD_INFINIBAND })], { kubeContext: 'dc1' });
const unsure = auditNodes([gpuNode('a'), gpuNode('b')], { kubeContext: 'dc1' });

describe('onPremEdits', () => {
  test('sets what audit derives, in the contract order, and nothing a node list cannot know', () => {
    expect(onPremEdits(certain, { networkCidr: '10.50.0.0/16' })).toEqual({
      edits: [
        { path: ['onPrem', 'kubeContext'], value: 'dc1' },
        { path: ['onPrem', 'gpuNodes'], value: 2 },
        { path: ['onPrem', 'gpusPerNode'], value: 8 },
        { path: ['onPrem', 'accelerator'], value: 'h100' },
        { path: ['onPrem', 'interconnect'], value: 'infiniband' },
      ],
      kept: [],
    });
  });

  test('GIVEN an interconnect the nodes cannot tell and a file that states infiniband or roce THEN the file\'s value stays', () => {
    expect(unsure.interconnectCertain).toBe(false);
    const merge = onPremEdits(unsure, { interconnect: 'roce' });
    expect(merge.edits.map((e) => e.path[1])).toEqual(['kubeContext', 'gpuNodes', 'gpusPerNode', 'accelerator']);
    expect(merge.kept).toEqual(['onPrem.interconnect: kept roce from the needs file; the node list cannot tell (audit would say ethernet)']);
    expect(onPremEdits(unsure, { interconnect: 'ethernet' }).edits.at(-1)).toEqual({ path: ['onPrem', 'interconnect'], value: 'ethernet' });
    expect(onPremEdits(unsure, undefined).edits.at(-1)).toEqual({ path: ['onPrem', 'interconnect'], value: 'ethernet' });
  });

  test('GIVEN a file in mode hybrid-nodes THEN no kubeContext is set', () => {
    const merge = onPremEdits(certain, { mode: 'hybrid-nodes' });
    expect(merge.edits.map((e) => e.path[1])).not.toContain('kubeContext');
    expect(merge.kept).toEqual(['onPrem.kubeContext: not set, because onPrem.mode is hybrid-nodes (the servers join the EKS cluster)']);
  });

  test('GIVEN nothing derived THEN no edit', () => {
    expect(onPremEdits(auditNodes([]), undefined)).toEqual({ edits: [], kept: [] });
  });
});
