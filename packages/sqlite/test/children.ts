import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const appender = fileURLToPath(new URL('./appender.ts', import.meta.url));
const runnerChild = fileURLToPath(new URL('./runnerChild.ts', import.meta.url));
const openStore = fileURLToPath(new URL('./openStore.ts', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts `test/appender.ts` in a child process running this package's source. */
export const startAppender = (
  file: string,
  writer: string,
  batches: number,
  size: number,
  startAt = 0,
): ChildProcess =>
  spawn(
    process.execPath,
    [
      '--conditions=@rapport/source',
      '--import',
      'tsx',
      appender,
      file,
      writer,
      String(batches),
      String(size),
      String(startAt),
    ],
    { cwd: packageRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );

/** Starts `test/runnerChild.ts`: the counting projection's runner on `file`, until killed. */
export const startRunner = (file: string): ChildProcess =>
  spawn(process.execPath, ['--conditions=@rapport/source', '--import', 'tsx', runnerChild, file], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

/** Runs `test/openStore.ts` (as user `uid` when given) and resolves with what it printed, parsed. */
export const openInChild = (
  file: string,
  options: { startAt?: number; uid?: number } = {},
): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@rapport/source', '--import', 'tsx', openStore, file, String(options.startAt ?? 0)],
      {
        cwd: packageRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
        ...(options.uid === undefined ? {} : { uid: options.uid }),
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    // a child that cannot start (a Node binary the user may not run) fails the call at once, not at the timeout
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exited with ${code}`)),
    );
  });

/** Resolves with the exit code once the child has exited. */
export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Resolves once the child has printed `count` progress lines. */
export const progressed = (child: ChildProcess, count: number): Promise<void> =>
  new Promise((resolve, reject) => {
    let seen = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('progress')).length;
      if (seen >= count) resolve();
    });
    child.once('exit', (code) => {
      if (seen < count) reject(new Error(`the child exited with ${code} after ${seen} progress lines`));
    });
  });
