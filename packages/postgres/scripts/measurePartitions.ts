/**
 * Measures a partitioned projection's rebuild throughput with 1, 2 and 4 worker processes (8 partitions) on the
 * CDNOW master file (93,229 events, 23,570 customers), for the customer profile and for a counting projection, next
 * to a single unpartitioned runner in this process. Each figure is the wall time from `go` until every partition's
 * checkpoint reached the head. Rounds are interleaved so machine load spreads over every configuration.
 * Run: `npx tsx --conditions=@rapport/source packages/postgres/scripts/measurePartitions.ts [rounds]`.
 */
import { loadavg } from 'node:os';
import { createFakeClock } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createProjectionRunner, type ProjectionDefinition } from '@rapport/projections';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import pg from 'pg';
import { createPostgresEventStore, createPostgresReadModelStore } from '../src/index';
import { countingProjection } from './countingProjection';
import { forkWorker } from './forkWorker';

const url = process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `measure_partitions_${Date.now().toString(36)}`;
const rounds = Number(process.argv[2] ?? 3);
const PARTITIONS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const eventStore = createPostgresEventStore({ connectionString: url, schema, registry: false });
const readModels = createPostgresReadModelStore({ connectionString: url, schema });
let version = 0;

const load = async () => {
  const history = cdnowEvents(loadCdnowTransactions('master'));
  for (let start = 0; start < history.length; start += 5000) {
    const byStream = new Map<string, (typeof history)[number]['event'][]>();
    for (const { streamId, event } of history.slice(start, start + 5000))
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
    await eventStore.appendToStreams([...byStream].map(([streamId, events]) => ({ streamId, events })));
  }
  return history.length;
};

const partitionsDone = async (collection: string, head: bigint) => {
  const { rows } = await admin.query<{ done: number }>(
    `SELECT count(*)::int AS done FROM "${schema}".read_model_checkpoints
     WHERE collection = $1 AND part_count = $2 AND position >= $3`,
    [collection, PARTITIONS, head.toString()],
  );
  return rows[0]?.done ?? 0;
};

/** Seconds for `workers` processes to rebuild the projection as 8 partitions, and the CPU seconds they used. */
const partitioned = async (
  kind: 'profiles' | 'counted',
  workers: number,
  head: bigint,
): Promise<{ seconds: number; cpu: number }> => {
  version++;
  const env = { RAPPORT_PG_URL: url, SCHEMA: schema, PARTITIONS: String(PARTITIONS), PROJECTION: kind };
  const forked = Array.from({ length: workers }, () =>
    forkWorker({ ...env, VERSION: String(version), BATCH: '2000', REBALANCE_MS: '250' }),
  );
  await Promise.all(forked.map((worker) => worker.ready));
  const started = performance.now();
  for (const worker of forked) worker.go();
  while ((await partitionsDone(`${kind}_v${version}`, head)) < PARTITIONS) await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  await sleep(150); // one more status report each
  const used = (worker: (typeof forked)[number]) =>
    (worker.statuses.at(-1)?.cpuMs ?? 0) - worker.startupCpuMs();
  const cpu = forked.reduce((sum, worker) => sum + used(worker), 0) / 1000;
  await Promise.all(forked.map((worker) => worker.stop()));
  return { seconds, cpu };
};

/** Seconds for one plain runner in this process, and the CPU seconds this process used meanwhile. */
const single = async <TState>(
  projection: ProjectionDefinition<TState>,
  head: bigint,
): Promise<{ seconds: number; cpu: number }> => {
  version++;
  const runner = createProjectionRunner({
    projection: { ...projection, version },
    eventStore,
    readModels,
    clock: createFakeClock('1970-01-01T00:00:00Z'),
    tickIntervalMs: 0,
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  runner.start();
  await runner.waitForPosition(head);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpuBefore);
  await runner.stop();
  return { seconds, cpu: (user + system) / 1e6 };
};

try {
  const count = await load();
  const head = await eventStore.headPosition();
  console.log(`${count} events loaded; ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(2))}`);
  const results = new Map<string, number[]>();
  const record = (label: string, seconds: number, cpu?: number) => {
    results.set(label, [...(results.get(label) ?? []), Math.round(count / seconds)]);
    const used = cpu === undefined ? '' : `, client used ${cpu.toFixed(1)} CPU s`;
    console.log(
      `  ${label}: ${(count / seconds / 1000).toFixed(1)}k events/s (${seconds.toFixed(2)} s${used})`,
    );
  };
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round} (load average ${loadavg()[0]?.toFixed(2)})`);
    for (const kind of ['profiles', 'counted'] as const) {
      const one =
        kind === 'profiles'
          ? await single(profileProjection, head)
          : await single(countingProjection(), head);
      record(`${kind}, one runner, no partitions`, one.seconds, one.cpu);
      for (const workers of [1, 2, 4]) {
        const { seconds, cpu } = await partitioned(kind, workers, head);
        record(`${kind}, ${workers} worker(s) x 8 partitions`, seconds, cpu);
      }
    }
  }
  console.log('\nevents/s per configuration (min / median / max):');
  for (const [label, rates] of results) {
    const sorted = [...rates].sort((a, b) => a - b);
    const k = (n: number) => `${(n / 1000).toFixed(1)}k`;
    console.log(
      `  ${label}: ${k(sorted[0]!)} / ${k(sorted[Math.floor(sorted.length / 2)]!)} / ${k(sorted.at(-1)!)}`,
    );
  }
} finally {
  await eventStore.close();
  await readModels.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
}
