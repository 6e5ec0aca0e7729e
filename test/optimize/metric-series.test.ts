import { spanHours, stepSeconds } from '../../optimize/metric-series';

const at = (hours: number[]) => hours.map((h) => ({ t: h * 3_600_000, v: 1 }));

describe('stepSeconds and spanHours', () => {
  test('the step is the median spacing, so one gap (a node scaled to zero) does not change it', () => {
    expect(stepSeconds(at([0, 1, 2, 3, 10, 11]))).toBe(3600);
    expect(stepSeconds(at([5]))).toBe(0);
  });

  test('the span runs from the first sample to the end of the last one\'s step', () => {
    expect(spanHours(at([0, 1, 2]))).toBe(3);
    expect(spanHours(at(Array.from({ length: 168 }, (_, i) => i)))).toBe(168);
    expect(spanHours([])).toBe(0);
  });
});
