import { measure } from '../../bench/process-tree';

describe('bench: measure', () => {
  test('GIVEN a process whose child holds memory THEN the peak counts the whole tree, and the wall time is taken', async () => {
    // The parent stays small; its child fills about 200 MB and holds it for a moment.
    const child = "const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 600);";
    const parent = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' });`;
    const run = await measure([process.execPath, '-e', parent], process.cwd());
    expect(run.status).toBe(0);
    expect(run.seconds).toBeGreaterThan(0.5);
    expect(run.peakRssMb).toBeGreaterThan(200);
  });

  test('the exit status and stderr of a failing command', async () => {
    const run = await measure([process.execPath, '-e', "process.stderr.write('boom'); process.exit(3)"], process.cwd());
    expect(run).toMatchObject({ status: 3, stderr: 'boom' });
  });
});
