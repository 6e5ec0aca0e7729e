import { benchTable, median, pairedRatio } from '../../bench/bench-report';

describe('bench report', () => {
  test('the median is the middle run (the lower middle of an even count)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  test('the ratio to the floor is the median of each run over the floor run beside it', () => {
    // The machine got busier between the runs: each pair keeps its ratio near 2.
    expect(pairedRatio({ label: 'x', seconds: [1, 2.2, 4], floorSeconds: [0.5, 1, 2], peakRssMb: [1, 1, 1] })).toBe(2);
  });

  test('a table row per case, with its targets met or missed, and cases that could not run', () => {
    const table = benchTable([
      { label: 'synth: default needs.yaml', seconds: [1.1, 1.2, 1.0], floorSeconds: [0.5, 0.5, 0.5], peakRssMb: [110, 114, 112], target: { ratio: 2.5 } },
      { label: 'verify: default needs.yaml', seconds: [20, 21, 19], floorSeconds: [0.5, 0.5, 0.5], peakRssMb: [1200, 1210, 1190], target: { seconds: 18.5 } },
      { label: 'verify: 50 edge sites', seconds: [], floorSeconds: [], peakRssMb: [], skipped: 'terraform is not on PATH' },
    ]);
    expect(table.split('\n')).toEqual([
      '| case | runs | median wall time (s) | × floor | peak RSS (MB) | targets |',
      '|---|---|---|---|---|---|',
      '| synth: default needs.yaml | 3 | 1.10 | 2.2× | 114 | ≤ 2.5× floor: met; < 1 GB: met |',
      '| verify: default needs.yaml | 3 | 20.00 | 40.0× | 1210 | ≤ 18.5 s: missed; < 1 GB: missed |',
      '| verify: 50 edge sites | – | – | – | – | not run: terraform is not on PATH |',
      '',
    ]);
  });
});
