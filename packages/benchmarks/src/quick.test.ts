import { describe, expect, it } from 'vitest';
import { resultsJson } from './harness/report';
import { runBenchmarks } from './harness/runBenchmarks';
import { workloads } from './workloads/index';

/** The ids `results/latest.json` must hold (the list). */
const REQUIRED = [
  'inmem-append',
  'inmem-append-100k-streams',
  'inmem-rebuild-profile',
  'pg-append-1',
  'pg-append-8',
  'pg-import',
  'pg-projection',
  'pg-projection-skipped',
  'memory-per-customer',
  'command-latency-ratio',
  'live-latency-p99-inmem',
  'live-latency-p99-pg',
];

describe('pnpm bench --quick', () => {
  // checks that every workload runs and reports numbers, not how fast they are
  it('runs every workload at a small size and reports every figure with numbers', async () => {
    const report = await runBenchmarks({
      workloads,
      quick: true,
      pgUrl: process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    });
    const { machine, results } = resultsJson(report);
    expect(machine.cores).toBeGreaterThan(0);
    for (const id of REQUIRED) {
      const entry = results[id];
      expect(entry, id).toBeDefined();
      expect(Number.isFinite(entry!.rapport), `${id}.rapport`).toBe(true);
      expect(entry!.unit, `${id}.unit`).not.toBe('');
      for (const key of ['floor', 'peer', 'ratioFloor', 'ratioPeer'] as const) {
        if (entry![key] !== undefined) expect(Number.isFinite(entry![key]), `${id}.${key}`).toBe(true);
      }
    }
    expect(results['inmem-append']!.peer).toBeGreaterThan(0);
    expect(results['pg-projection-skipped']!.peer).toBeDefined();
  }, 90_000);
});
