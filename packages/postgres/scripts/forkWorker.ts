/** Forks `partitionWorker.ts` as a separate Node process (TypeScript through tsx, `@rapport/*` from source). */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a worker process last reported. */
export interface WorkerStatus {
  readonly pid: number;
  readonly owned: readonly number[];
  /** CPU time the process used so far (user and system), in ms. */
  readonly cpuMs: number;
  readonly positions: Readonly<Record<string, string>>;
}

/** A forked worker process and what it said. */
export interface ForkedWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  /** Every status it sent, oldest first. */
  readonly statuses: WorkerStatus[];
  /** CPU time the process had used when it was ready (start-up), in ms. */
  readonly startupCpuMs: () => number;
  go(): void;
  stop(): Promise<number | null>;
}

const script = fileURLToPath(new URL('./partitionWorker.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Starts a worker process with the given environment (see `partitionWorker.ts`). */
export const forkWorker = (env: Record<string, string>): ForkedWorker => {
  const child = fork(script, [], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--conditions=@rapport/source'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const statuses: WorkerStatus[] = [];
  let startupCpuMs = 0;
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.on('message', (message: { type: string } & WorkerStatus) => {
    if (message.type === 'ready') {
      startupCpuMs = message.cpuMs;
      readyResolve();
    } else if (message.type === 'status') statuses.push(message);
  });
  return {
    child,
    ready: Promise.race([
      ready,
      exited.then((code) => Promise.reject(new Error(`worker exited early (${code})`))),
    ]),
    exited,
    statuses,
    startupCpuMs: () => startupCpuMs,
    go: () => child.send({ type: 'go' }),
    stop: () => {
      if (child.connected) child.send({ type: 'stop' });
      return exited;
    },
  };
};
