import type { CapacityModel } from '../../preview/capacity';
import type { CostModel } from '../../stacks/cost-estimate';
import type { PreviewModel, StackChanges } from '../../preview/model';
import { MAX_COMMENT_CHARS, PREVIEW_MARKER, renderMarkdown } from '../../preview/render-markdown';
import type { DataLossRisk } from '../../preview/stateful';

const capacity: CapacityModel = { cloudCluster: false, groups: [], edge: [], storage: { volumeTb: 1, hotDays: 30, coolDays: 90, archiveDays: 365, tableFormat: 'none' } };
const cost: CostModel = { minUsd: 0, maxUsd: 0, lines: [], assumptions: ['730 hours a month'] };

/** A synth-diff stack that adds `n` resources. */
function addingStack(stack: string, n: number): StackChanges {
  const added = Array.from({ length: n }, (_, i) => ({ address: `aws_s3_bucket.b${i}`, type: 'aws_s3_bucket', path: `${stack}/b${i}/bucket` }));
  return { source: 'synth', stack, counts: { create: n, update: 0, replace: 0, delete: 0 }, diff: { stack, status: 'new', added, changed: [], addressChanged: [], removed: [], settings: [] } };
}

function model(patch: Partial<PreviewModel> = {}): PreviewModel {
  return {
    strategy: { name: 'acme-ml', environment: 'dev', strategy: 'cloud-first', source: 'auto', reasons: [{ rule: 'default', detail: 'no other rule fired' }], warnings: [], stacksAdded: [], stacksRemoved: [] },
    hasBase: false,
    risks: [],
    statefulChanges: [],
    stacks: [],
    notBuilt: [],
    incompletePlans: [],
    drift: [],
    capacity,
    cost,
    ...patch,
  };
}

describe('renderMarkdown', () => {
  test('the marker is the first line and carries no version', () => {
    const text = renderMarkdown(model());
    expect(text.split('\n')[0]).toBe(PREVIEW_MARKER);
    expect(PREVIEW_MARKER).toBe('<!-- tracklayer-preview -->');
    expect(text).toContain('No resource changes in 0 stacks.');
  });

  test('data-loss risk comes before the changes, as a CAUTION alert', () => {
    const risk: DataLossRisk = { stack: 's', address: 'aws_s3_bucket.raw', type: 'aws_s3_bucket', path: 's/raw/bucket', kind: 'removed', loses: 'the objects in the bucket', preventDestroy: true };
    const text = renderMarkdown(model({ risks: [risk], stacks: [addingStack('s', 1)] }));
    expect(text.indexOf('> [!CAUTION]')).toBeLessThan(text.indexOf('### Changes'));
    expect(text).toContain('> - `aws_s3_bucket.raw` in `s` (`s/raw/bucket`): **removed**. Loses the objects in the bucket. `prevent_destroy` is set, so the apply fails until it is lifted.');
  });

  test('unchanged stacks are only counted', () => {
    const unchanged: StackChanges = { source: 'synth', stack: 'quiet', counts: { create: 0, update: 0, replace: 0, delete: 0 }, diff: { stack: 'quiet', status: 'unchanged', added: [], changed: [], addressChanged: [], removed: [], settings: [] } };
    const text = renderMarkdown(model({ hasBase: true, stacks: [addingStack('s', 1), unchanged] }));
    expect(text).toContain('Unchanged: 1 stack.');
    expect(text).not.toContain('quiet');
  });

  test('too many details: cut in order, the note names what was left out and where the full output is', () => {
    const stacks = Array.from({ length: 40 }, (_, i) => addingStack(`stack-${String(i).padStart(2, '0')}`, 60));
    const text = renderMarkdown(model({ stacks, fullLogUrl: 'https://ci.example/run/7' }));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    const kept = (text.match(/<details>/g) ?? []).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
    expect(text).toContain(`left out the details of ${40 - kept} stacks (\`stack-${String(kept).padStart(2, '0')}\``);
    expect(text).toContain('The full output is at https://ci.example/run/7.');
    // the sections after the details are kept
    expect(text).toContain('### Monthly cost estimate (compute)');
  });

  test('even the always-kept parts too long: cut at a line, closed and said', () => {
    const risks: DataLossRisk[] = [];
    const stacks = Array.from({ length: 600 }, (_, i) => addingStack(`a-very-long-stack-name-that-fills-the-table-${'x'.repeat(300)}-${i}`, 1));
    const text = renderMarkdown(model({ risks, stacks }));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(text).toContain('**The comment was cut here to stay under GitHub\'s size limit.**');
  });
});
