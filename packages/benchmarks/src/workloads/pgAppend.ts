import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { EventToAppend } from '@rapport/core';
import { createPostgresEventStore } from '@rapport/postgres';
import type pg from 'pg';
import { generateHistory } from '../data/touchpoints';
import { withSchema, withSearchPath } from '../harness/postgres';
import { inParallel, interleave, perSecond, timeMs } from '../harness/stats';
import type { BenchContext, Measurement, Workload } from '../harness/types';

interface Append {
  readonly streamId: string;
  readonly event: EventToAppend;
}

/** The floor: one INSERT of a finished row per transaction, into a copy of the events table (same indexes). */
const rawInserter = (pool: pg.Pool, schema: string) => {
  const positions = new Map<string, number>();
  let global = 0;
  const text = `INSERT INTO ${schema}.raw (global_position, tenant_id, stream_id, stream_position, event_id, type, data,
    metadata, occurred_at, recorded_at) VALUES ($1, 'default', $2, $3, $4, $5, $6, $7, $8, now())`;
  return ({ streamId, event }: Append) => {
    const position = positions.get(streamId) ?? 0;
    positions.set(streamId, position + 1);
    const metadata = event.metadata as { occurredAt: string };
    return pool.query({
      name: 'raw-insert',
      text,
      values: [
        ++global,
        streamId,
        position,
        randomUUID(),
        event.type,
        JSON.stringify(event.data),
        JSON.stringify({ ...metadata, tenantId: 'default', schemaVersion: 1 }),
        metadata.occurredAt,
      ],
    });
  };
};

const measure = async (
  context: BenchContext,
  writers: number,
  appends: readonly Append[],
  perRound: number,
) =>
  withSchema(
    context.pgUrl,
    `append${writers}`,
    async (schema, pool) => {
      const rapport = createPostgresEventStore({ pool, schema });
      await rapport.migrate();
      await pool.query(`CREATE TABLE ${schema}.raw (LIKE ${schema}.events INCLUDING ALL)`);
      await pool.query(`CREATE SCHEMA ${schema}_emmett`);
      const emmett = getPostgreSQLEventStore(withSearchPath(context.pgUrl, `${schema}_emmett`));
      try {
        await emmett.appendToStream('warm-up', [{ type: 'Noted', data: {} }]);
        const insert = rawInserter(pool, schema);
        const slice = (round: number) => appends.slice(round * perRound, (round + 1) * perRound);
        const rate = async (batch: readonly Append[], append: (item: Append) => Promise<unknown>) =>
          perSecond(
            batch.length,
            await timeMs(() => inParallel(writers, batch.length, (i) => append(batch[i]!))),
          );
        return await interleave(context.runs, {
          floor: (round) => rate(slice(round), insert),
          rapport: (round) =>
            rate(slice(round), ({ streamId, event }) => rapport.appendToStream(streamId, [event])),
          peer: (round) =>
            rate(slice(round), ({ streamId, event }) =>
              emmett.appendToStream(streamId, [
                { type: event.type, data: event.data as never, metadata: event.metadata as never },
              ]),
            ),
        });
      } finally {
        await emmett.close();
        await rapport.close();
        await pool.query(`DROP SCHEMA IF EXISTS ${schema}_emmett CASCADE`);
      }
    },
    writers + 4,
  );

/** Workload 4: single-event appends on PostgreSQL, one transaction each, with 1 and 8 concurrent writers. */
export const pgAppend: Workload = {
  name: 'pg-append',
  title: 'PostgreSQL single-event appends',
  run: async (context) => {
    const perRound = context.size(4_000, 100);
    const appends = [
      ...generateHistory({
        customers: 1_000,
        eventsPerCustomer: Math.ceil((perRound * context.runs) / 1_000),
      }),
    ].map(({ streamId, event }) => ({ streamId, event }));
    const out: Measurement[] = [];
    for (const writers of [1, 8]) {
      context.log(`  ${writers} writer(s), ${perRound} appends per round`);
      const rates = await measure(context, writers, appends, perRound);
      out.push({
        id: `pg-append-${writers}`,
        label: `${writers === 1 ? 'one writer' : `${writers} concurrent writers`}, a validated touchpoint per transaction over 1,000 streams`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [
          { kind: 'ratioFloor', atLeast: 0.7 },
          { kind: 'ratioPeer', atLeast: 2 },
        ],
        limit:
          writers === 1
            ? 'Each append waits for its own WAL flush (~170 µs here), as the raw INSERT does; on top, the append function spends ~40-50 µs more server CPU than a bare INSERT (the plpgsql call with its INSERT run through SPI, and the revision lookup; its locks and position mutex measure within noise) and the client ~10 µs (validation, ids, the recorded event). Emmett pays the flush plus three round trips (BEGIN, call, COMMIT), so the floor itself is only about 2× Emmett and the peer target asks for about as much as a bare INSERT (the share is printed below the table, per run).'
            : 'Two cores run Node, eight backends and the WAL writer, so CPU per append sets the rate: the append function costs ~1.5× a bare INSERT on the server and the client ~10-20 µs more; commits share WAL flushes, and waits on the position mutex are rare (about 1% of sampled backend states).',
      });
    }
    return out;
  },
};
