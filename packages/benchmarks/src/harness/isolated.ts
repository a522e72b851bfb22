import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext, Measurement, Workload } from './types';

const entry = fileURLToPath(new URL('../workloadMain.ts', import.meta.url));

// the loader and condition flags carry over; a debugger's would make every child claim the parent's inspector port
const childFlags = () => process.execArgv.filter((flag) => !flag.startsWith('--inspect'));

/** What `workloadMain.ts` is told on its command line. */
export interface WorkloadRequest {
  readonly name: string;
  readonly quick: boolean;
  readonly runs: number;
  readonly pgUrl: string;
}

/**
 * Runs a workload in a child process (the same Node with the same loader flags, so TypeScript sources load as
 * here) and returns its measurements: the child prints them as JSON on stdout and its progress on stderr, which
 * passes through. A child that fails rejects with its exit code and the end of what it printed.
 */
export const runIsolated = (workload: Workload, context: BenchContext): Promise<readonly Measurement[]> => {
  const request: WorkloadRequest = {
    name: workload.name,
    quick: context.quick,
    runs: context.runs,
    pgUrl: context.pgUrl,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childFlags(), entry, JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(
          new Error(
            `workload ${workload.name} failed in its own process (exit ${code ?? signal}): ${out.slice(-500)}`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(out) as Measurement[]);
      } catch (error) {
        reject(
          new Error(`workload ${workload.name} printed no measurements: ${out.slice(-500)}`, {
            cause: error,
          }),
        );
      }
    });
  });
};
