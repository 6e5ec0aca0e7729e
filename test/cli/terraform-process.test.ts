import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOT_STARTED, runTerraform } from '../../cli/terraform-process';

/** A directory with a `terraform` that prints its arguments, then a verdict, then runs on (as a teardown would) with a child of its own. */
function fakeTerraform(): string {
  const bin = mkdtempSync(join(tmpdir(), 'fake-terraform-'));
  writeFileSync(
    join(bin, 'terraform'),
    ['#!/bin/sh', 'echo "args: $*"', 'echo "stderr line" >&2', 'echo "verdict"', '# a plugin process, as Terraform starts them', 'sleep 30 &', 'echo "pid $!"', 'sleep 30', 'echo "teardown done"'].join('\n'),
  );
  chmodSync(join(bin, 'terraform'), 0o755);
  return bin;
}

const bin = fakeTerraform();
const env = { PATH: `${bin}:/usr/bin:/bin` };

/** True while a process runs (a killed process whose parent is gone may linger as a zombie until reaped). */
function running(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

describe('runTerraform', () => {
  test('GIVEN stopAfter THEN the run ends at the line it names, and its whole process group with it', async () => {
    const run = await runTerraform(['test', '-json'], tmpdir(), env, { stopAfter: (line) => line.startsWith('pid ') });
    expect(run.stopped).toBe(true);
    expect(run.status).toBe(0);
    expect(run.output).toContain('args: test -json\nverdict\n');
    expect(run.output).not.toContain('teardown done');
    expect(run.seconds).toBeLessThan(10);
    const child = Number(/pid (\d+)/.exec(run.output)![1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running(child)).toBe(false);
  });

  test('an abort signal ends the run the same way', async () => {
    const abort = new AbortController();
    const running = runTerraform(['validate'], tmpdir(), env, { signal: abort.signal });
    setTimeout(() => abort.abort(), 200);
    const run = await running;
    expect(run.output).toContain('verdict');
    expect(run.seconds).toBeLessThan(10);
  });

  test('no terraform on PATH: NOT_STARTED and why', async () => {
    const run = await runTerraform(['init'], tmpdir(), { PATH: '/nonexistent-bin' });
    expect(run.status).toBe(NOT_STARTED);
    expect(run.output).toMatch(/^terraform could not be run: .*ENOENT/);
  });
});
