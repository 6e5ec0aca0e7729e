import { formatQuantity, quantityValue, resourceList } from '../../../guardrails/schedulability/quantities';

describe('quantities', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['4Gi', 4 * 2 ** 30],
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['1e3', 1000],
    ['abc', undefined],
  ])('%s → %p', (text, value) => {
    expect(quantityValue(text)).toBe(value);
  });

  test('a resource list keeps CPU in millicores and the rest as values', () => {
    expect(resourceList({ cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '8', bad: 'x' })).toEqual({ cpu: 500, memory: 2 ** 30, 'nvidia.com/gpu': 8 });
  });

  test('formatQuantity reads like Kubernetes', () => {
    expect(formatQuantity('cpu', 2000)).toBe('2');
    expect(formatQuantity('cpu', 1930)).toBe('1930m');
    expect(formatQuantity('memory', 640 * 2 ** 30)).toBe('640Gi');
    expect(formatQuantity('nvidia.com/gpu', 8)).toBe('8');
  });
});
