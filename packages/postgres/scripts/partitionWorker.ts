/**
 * One partition worker process, forked by the failover test and by `measurePartitions.ts`.
 * Environment: RAPPORT_PG_URL, SCHEMA, PARTITIONS, PROJECTION (`counted` or `profiles`), VERSION, BATCH, REBALANCE_MS.
 * It connects, sends `{ type: 'ready', cpuMs }`, starts its worker on `go`, reports `{ type: 'status', owned, positions, cpuMs }`
 * every 100 ms, and stops (committing its batches, releasing its partitions) on `stop`.
 * Run by `node --import tsx --conditions=@rapport/source`.
 */
import { createFakeClock } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import type { ProjectionDefinition } from '@rapport/projections';
import { createPartitionWorker, createPostgresEventStore, createPostgresReadModelStore } from '../src/index';
import { countingProjection } from './countingProjection';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`partitionWorker: ${name} is not set`);
  return value;
};
const url = env('RAPPORT_PG_URL', 'postgres://postgres@127.0.0.1:5432/test');
const schema = env('SCHEMA');
const version = Number(env('VERSION', '1'));

// #region worker
const eventStore = createPostgresEventStore({ connectionString: url, schema, registry: false, poolSize: 4 });
const readModels = createPostgresReadModelStore({ connectionString: url, schema, poolSize: 6 });
const workerOf = <TState>(projection: ProjectionDefinition<TState>) =>
  createPartitionWorker({
    projection,
    eventStore,
    readModels,
    partitions: Number(env('PARTITIONS')),
    rebalanceIntervalMs: Number(env('REBALANCE_MS', '250')),
    runner: {
      batchSize: Number(env('BATCH', '1000')),
      clock: createFakeClock('1970-01-01T00:00:00Z'),
      tickIntervalMs: 0,
      retryDelayMs: 50,
    },
    onError: (error) => console.error('partition worker:', error instanceof Error ? error.message : error),
  });
const worker =
  env('PROJECTION', 'counted') === 'profiles'
    ? workerOf({ ...profileProjection, version })
    : workerOf(countingProjection(version));
// #endregion worker

const send = (message: unknown) => process.send?.(message);
const cpuMs = () => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
let reporter: NodeJS.Timeout | undefined;
const report = () =>
  send({
    type: 'status',
    pid: process.pid,
    owned: worker.owned(),
    cpuMs: cpuMs(),
    positions: Object.fromEntries([...worker.statuses()].map(([index, s]) => [index, s.position.toString()])),
  });

process.on('message', (message: { type?: string }) => {
  if (message.type === 'go') {
    void worker.start().then(() => {
      report();
      reporter = setInterval(report, 100);
    });
  } else if (message.type === 'stop') {
    clearInterval(reporter);
    void worker
      .stop()
      .then(() => Promise.all([eventStore.close(), readModels.close()]))
      .then(() => process.exit(0));
  }
});

await readModels.migrate();
send({ type: 'ready', pid: process.pid, cpuMs: cpuMs() });
