import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', '--conditions=@rapport/source', ...args], {
    cwd: root,
    env: { ...process.env },
  });

/** `pnpm bench --quick` of one cheap workload, printing nothing to files. */
const benchOnce = (...extra: string[]) =>
  tsx('src/main.ts', '--quick', '--only', 'live-latency-inmem', '--no-write', ...extra);

describe('each workload in a process of its own', () => {
  it('pnpm bench runs a workload in a child and reports what it measured', async () => {
    const { stdout, stderr } = await tsx(
      'src/main.ts',
      '--quick',
      '--only',
      'live-latency-inmem',
      '--no-write',
    );
    expect(stderr).toContain('live-latency-inmem:');
    expect(stderr).toMatch(/\(process \d+\)/); // what the child says first
    expect(stdout).toMatch(/live-latency-p99-inmem\s+[\d.,]+/);
  }, 60_000);

  it('--in-process runs it here instead', async () => {
    const { stdout, stderr } = await benchOnce('--in-process');
    expect(stderr).not.toMatch(/\(process \d+\)/);
    expect(stdout).toMatch(/live-latency-p99-inmem\s+[\d.,]+/);
  }, 60_000);

  it('a child asked for a workload that does not exist fails, naming it', async () => {
    const failure = await tsx('src/workloadMain.ts', JSON.stringify({ name: 'nope' })).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('no workload named "nope"') });
  });
});
