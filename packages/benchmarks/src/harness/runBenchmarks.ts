import { loadavg } from 'node:os';
import { describeMachine } from './machine';
import { dropStaleSchemas } from './postgres';
import type { Report } from './report';
import type { BenchContext, Measurement, Workload } from './types';

/** How to run the benchmarks. */
export interface RunOptions {
  readonly workloads: readonly Workload[];
  readonly quick: boolean;
  /** Runs per figure; default 5, or 1 in quick mode. */
  readonly runs?: number;
  /** Only the workloads with these names. */
  readonly only?: readonly string[];
  readonly pgUrl: string;
  readonly log?: (message: string) => void;
  /**
   * Runs one workload; default in this process. `pnpm bench` runs each in a process of its own (see `isolated.ts`),
   * so no workload measures on a heap or a JIT state an earlier one left.
   */
  readonly runWorkload?: (workload: Workload, context: BenchContext) => Promise<readonly Measurement[]>;
}

/** The context every workload is given, for a size mode, a run count and a server. */
export const benchContext = (options: {
  readonly quick: boolean;
  readonly runs: number;
  readonly pgUrl: string;
  readonly log: (message: string) => void;
}): BenchContext => ({
  quick: options.quick,
  runs: options.runs,
  pgUrl: options.pgUrl,
  size: (full, quick) => (options.quick ? quick : full),
  log: options.log,
});

/** Runs the chosen workloads one after another and gathers their measurements. */
export const runBenchmarks = async (options: RunOptions): Promise<Report> => {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? (options.quick ? 1 : 5);
  const context = benchContext({ quick: options.quick, runs, pgUrl: options.pgUrl, log });
  const runWorkload = options.runWorkload ?? ((workload: Workload) => workload.run(context));
  const unknown = (options.only ?? []).filter((name) => !options.workloads.some((w) => w.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown workload ${unknown.join(', ')}; the workloads are ${options.workloads.map((w) => w.name).join(', ')}`,
    );
  }
  const stale = await dropStaleSchemas(options.pgUrl);
  if (stale.length > 0)
    log(`dropped ${stale.length} benchmark schemas left by earlier runs: ${stale.join(', ')}`);
  const machine = await describeMachine(options.pgUrl);
  const started = performance.now();
  const measurements: Measurement[] = [];
  for (const workload of options.workloads) {
    if (options.only !== undefined && !options.only.includes(workload.name)) continue;
    log(`${workload.name}: ${workload.title}`);
    const began = performance.now();
    measurements.push(...(await runWorkload(workload, context)));
    log(`  (${((performance.now() - began) / 1000).toFixed(1)} s)`);
  }
  machine.loadAfter = loadavg()[0] ?? 0;
  return { machine, quick: options.quick, runs, measurements, seconds: (performance.now() - started) / 1000 };
};
