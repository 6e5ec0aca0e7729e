import { TaskPool } from '../../cli/task-pool';

describe('TaskPool', () => {
  test('runs at most `limit` tasks at once, in the order asked, and passes results and errors through', async () => {
    const pool = new TaskPool(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      if (n === 3) throw new Error('task 3 failed');
      return n * 10;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => pool.run(task(n))));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([10, 20, 'task 3 failed', 40, 50]);
  });

  test('throws when the limit is not a positive whole number', () => {
    expect(() => new TaskPool(0)).toThrow('TaskPool limit must be a positive integer, got 0');
  });
});
