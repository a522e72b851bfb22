import { createPostgresEventStore, createPostgresReadModelStore } from '@rapport/postgres';
import { profileProjection } from '@rapport/profiles';
import { createProjectionRunner } from '@rapport/projections';
import type pg from 'pg';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { visitOf } from '../data/visits';
import { createPositionWaiter, type Latencies, measureTrips } from '../harness/latency';
import { withSchema } from '../harness/postgres';
import { median } from '../harness/stats';
import type { BenchContext, Measurement, Workload } from '../harness/types';

const CUSTOMERS = 1_000;

/**
 * The floor: INSERT a finished row and NOTIFY in one transaction; a second connection, LISTENing, reads the row by
 * its position when woken. What any reader in another session needs at least.
 */
const floorRun = async (pool: pg.Pool, schema: string, count: number): Promise<Latencies> => {
  await pool.query(
    `CREATE TABLE ${schema}.floor_events (position bigint PRIMARY KEY, stream_id text, data json)`,
  );
  const listener = await pool.connect();
  const writer = await pool.connect();
  try {
    const waiter = createPositionWaiter();
    listener.on('notification', (message) => {
      void listener
        .query(`SELECT position, data FROM ${schema}.floor_events WHERE position = $1`, [message.payload])
        .then(({ rows }) => waiter.reached(BigInt(rows[0]!.position)));
    });
    await listener.query(`LISTEN ${schema}_floor`);
    return await measureTrips(count, async (index) => {
      const { streamId, event } = visitOf(index, CUSTOMERS);
      await writer.query(
        `WITH row AS (INSERT INTO ${schema}.floor_events VALUES ($1, $2, $3) RETURNING position)
         SELECT pg_notify('${schema}_floor', position::text) FROM row`,
        [index + 1, streamId, JSON.stringify(event.data)],
      );
      await waiter.wait(BigInt(index + 1));
    });
  } finally {
    await listener.query(`UNLISTEN *`);
    listener.release();
    writer.release();
  }
};

/** Rapport: the profile runner live on the PostgreSQL event store, committing to the PostgreSQL read models. */
const rapportRun = async (pool: pg.Pool, schema: string, count: number): Promise<Latencies> => {
  const store = createPostgresEventStore({ pool, schema });
  const readModels = createPostgresReadModelStore({ pool, schema });
  await loadStore(store, generateHistory({ customers: CUSTOMERS, eventsPerCustomer: 2 }));
  const runner = createProjectionRunner({
    projection: profileProjection,
    eventStore: store,
    readModels,
    tickIntervalMs: 0,
  });
  runner.start();
  try {
    await runner.waitForPosition(await store.headPosition());
    return await measureTrips(count, async (index) => {
      const { streamId, event } = visitOf(index, CUSTOMERS);
      const { lastGlobalPosition } = await store.appendToStream(streamId, [event]);
      await runner.waitForPosition(lastGlobalPosition);
    });
  } finally {
    await runner.stop();
    await store.close();
  }
};

const once = (context: BenchContext, count: number) =>
  withSchema(context.pgUrl, 'live', async (schema, pool) => ({
    floor: await floorRun(pool, schema, count),
    rapport: await rapportRun(pool, schema, count),
  }));

/** Workload 3 (PostgreSQL): from an append to the profile read model reflecting it, p50 and p99. */
export const liveLatencyPostgres: Workload = {
  name: 'live-latency-pg',
  title: 'Live latency on PostgreSQL',
  run: async (context) => {
    const count = context.size(1_000, 100);
    const runs: { floor: Latencies; rapport: Latencies }[] = [];
    for (let run = 0; run < Math.min(3, context.runs); run++) runs.push(await once(context, count));
    const figure = (quantile: 'p50' | 'p99'): Measurement => ({
      id: `live-latency-${quantile}-pg`,
      label: `${quantile} of ${count.toLocaleString('en')} page visits, append to committed profile, one at a time`,
      unit: 'ms',
      better: 'lower',
      rapport: median(runs.map((r) => r.rapport[quantile])),
      floor: median(runs.map((r) => r.floor[quantile])),
      limit:
        'Two commits in sequence, each waiting for its WAL flush: the append, then the read-model batch (document, checkpoint); in between the subscription reads the new event, woken in-process at once. The floor has one commit and one read.',
    });
    return [figure('p50'), figure('p99')];
  },
};
