import { getPostgreSQLEventStore, postgreSQLEventStoreConsumer } from '@event-driven-io/emmett-postgresql';
import { createPostgresEventStore, createPostgresReadModelStore } from '@rapport/postgres';
import { createProjectionRunner, defineProjection } from '@rapport/projections';
import type pg from 'pg';
import { visitOf } from '../data/visits';
import { countDelivery, type DeliveryCount, settle } from '../harness/delivery';
import { withSearchPath } from '../harness/postgres';
import { inParallel } from '../harness/stats';
import type { BenchContext, Workload } from '../harness/types';

const WRITERS = 8;
const STREAMS = 200;

/** Records, per stream, every stream position it was given, so a skip or a repeat shows. */
const audit = defineProjection<{ readonly positions: readonly number[] }>({
  name: 'audit',
  version: 1,
  handles: ['SiteVisited'],
  keyOf: (event) => event.streamId,
  init: () => ({ positions: [] }),
  evolve: (state, event) => ({ positions: [...state.positions, Number(event.streamPosition)] }),
});

/** Rapport: the runner follows the log live while 8 writers append; then every stream's audit is compared. */
const rapportRun = async (pool: pg.Pool, schema: string, perWriter: number): Promise<DeliveryCount> => {
  const store = createPostgresEventStore({ pool, schema });
  const readModels = createPostgresReadModelStore({ pool, schema });
  await store.migrate();
  const runner = createProjectionRunner({
    projection: audit,
    eventStore: store,
    readModels,
    tickIntervalMs: 0,
  });
  runner.start();
  const written: string[] = [];
  await inParallel(WRITERS, WRITERS * perWriter, async (index) => {
    const { streamId, event } = visitOf(index, STREAMS);
    const { events } = await store.appendToStream(streamId, [event]);
    written.push(`${streamId}/${events[0]!.streamPosition}`);
  });
  await runner.waitForPosition(await store.headPosition());
  await runner.stop();
  await store.close();
  const delivered: string[] = [];
  const page = await readModels.list('audit_v1', { limit: STREAMS + 1 });
  for (const { key, document } of page.documents) {
    for (const position of (document as { positions: number[] }).positions)
      delivered.push(`${key}/${position}`);
  }
  return countDelivery(written, delivered);
};

/** Emmett: its consumer (default settings) follows the log live while 8 writers append through its store. */
const emmettRun = async (url: string, perWriter: number): Promise<DeliveryCount> => {
  const store = getPostgreSQLEventStore(url);
  await store.appendToStream('warm-up', [{ type: 'Noted', data: {} }]);
  const delivered: string[] = [];
  const consumer = postgreSQLEventStoreConsumer({ connectionString: url });
  consumer.reactor({
    processorId: 'audit',
    startFrom: 'BEGINNING',
    eachMessage: async (message) => {
      const { streamName, streamPosition } = message.metadata as {
        streamName: string;
        streamPosition: bigint;
      };
      if (message.type === 'SiteVisited') delivered.push(`${streamName}/${streamPosition}`);
    },
  });
  const running = consumer.start();
  const written: string[] = [];
  await inParallel(WRITERS, WRITERS * perWriter, async (index) => {
    const { streamId, event } = visitOf(index, STREAMS);
    const result = await store.appendToStream(streamId, [
      { type: event.type, data: event.data as never, metadata: event.metadata as never },
    ]);
    written.push(`${streamId}/${result.nextExpectedStreamVersion}`);
  });
  // Emmett has no position to wait for: wait until every event arrived or nothing new came for 3 s
  await settle(() => delivered.length, written.length, 3_000, 60_000);
  await consumer.stop();
  await running.catch(() => {});
  await consumer.close();
  await store.close();
  return countDelivery(written, delivered);
};

const run = async (context: BenchContext, perWriter: number) => {
  const pg = await import('pg');
  const pool = new pg.default.Pool({ connectionString: context.pgUrl, max: WRITERS + 6 });
  const schema = `bench_order_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(`CREATE SCHEMA ${schema}_emmett`);
    const rapport = await rapportRun(pool, schema, perWriter);
    const emmett = await emmettRun(withSearchPath(context.pgUrl, `${schema}_emmett`), perWriter);
    return { rapport, emmett };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await pool.query(`DROP SCHEMA IF EXISTS ${schema}_emmett CASCADE`).catch(() => {});
    await pool.end();
  }
};

/** Workload 6 (order): events skipped or repeated by a live projection while 8 writers append concurrently. */
export const pgProjectionOrder: Workload = {
  name: 'pg-projection-order',
  title: 'PostgreSQL projection: skipped or repeated events under 8 concurrent appenders',
  run: async (context) => {
    const perWriter = context.size(500, 50);
    const { rapport, emmett } = await run(context, perWriter);
    const describe = (count: DeliveryCount) =>
      `${count.skipped} skipped and ${count.repeated} repeated of ${count.written.toLocaleString('en')}`;
    context.log(`  Rapport ${describe(rapport)}; Emmett ${describe(emmett)}`);
    return [
      {
        id: 'pg-projection-skipped',
        label: `events skipped or repeated by a live projection while ${WRITERS} writers append ${(WRITERS * perWriter).toLocaleString('en')} single events`,
        unit: 'events',
        better: 'lower',
        rapport: rapport.skipped + rapport.repeated,
        peer: emmett.skipped + emmett.repeated,
        targets: [{ kind: 'equals', value: 0 }],
        limit:
          "Rapport allocates positions in transaction-id order and reads only below the snapshot's xmin, so the visible log is always a prefix; Emmett orders its reads by transaction id but checkpoints by position, so a position allocated out of transaction order can be passed over.",
        notes: `Rapport: ${describe(rapport)}. Emmett (consumer with default settings): ${describe(emmett)}.`,
      },
    ];
  },
};
