import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { EventToAppend, StreamAppend } from '@rapport/core';
import { createPostgresEventStore } from '@rapport/postgres';
import type pg from 'pg';
import { generateHistory } from '../data/touchpoints';
import { copyFrom, withSchema, withSearchPath } from '../harness/postgres';
import { interleave, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';

/** One import batch per round: `streams` customers with `perStream` events each, grouped by stream. */
const batches = (rounds: number, streams: number, perStream: number): StreamAppend[][] => {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { streamId, event } of generateHistory({
    customers: rounds * streams,
    eventsPerCustomer: perStream,
  })) {
    const list = byStream.get(streamId);
    if (list === undefined) byStream.set(streamId, [event]);
    else list.push(event);
  }
  const all = [...byStream].map(([streamId, events]) => ({ streamId, events }));
  return Array.from({ length: rounds }, (_, round) => all.slice(round * streams, (round + 1) * streams));
};

const SPECIAL = /[\\\t\n\r]/g;
const field = (text: string) =>
  text.replace(SPECIAL, (char) => (char === '\\' ? '\\\\' : `\\${'tnr'['\t\n\r'.indexOf(char)]}`));

/** The same events as finished rows in COPY's text format, in chunks of about 256 KB (built before timing). */
const copyRows = (batch: readonly StreamAppend[], firstPosition: number): string[] => {
  const chunks: string[] = [];
  let chunk = '';
  let position = firstPosition;
  const recordedAt = new Date().toISOString();
  for (const { streamId, events } of batch) {
    events.forEach((event, index) => {
      const metadata = { ...event.metadata, recordedAt, tenantId: 'default', schemaVersion: 1 };
      chunk += `${position++}\tdefault\t${field(streamId)}\t${index}\t${randomUUID()}\t${event.type}\t${field(JSON.stringify(event.data))}\t${field(JSON.stringify(metadata))}\t${(event.metadata as { occurredAt: string }).occurredAt}\t${recordedAt}\n`;
      if (chunk.length > 256 * 1024) {
        chunks.push(chunk);
        chunk = '';
      }
    });
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
};

const copy = async (pool: pg.Pool, schema: string, chunks: readonly string[]) => {
  const client = await pool.connect();
  try {
    await copyFrom(
      client,
      `COPY ${schema}.raw (global_position, tenant_id, stream_id, stream_position, event_id, type, data, metadata, occurred_at, recorded_at) FROM STDIN`,
      chunks,
    );
  } finally {
    client.release();
  }
};

/** Workload 5: the importer's bulk append (many streams per call) against COPY of the same rows. */
export const pgImport: Workload = {
  name: 'pg-import',
  title: 'PostgreSQL bulk append',
  run: async (context) => {
    const streams = context.size(400, 40);
    const perStream = 50;
    const events = streams * perStream;
    const rounds = batches(context.runs, streams, perStream);
    const rates = await withSchema(context.pgUrl, 'import', async (schema, pool) => {
      const rapport = createPostgresEventStore({ pool, schema });
      await rapport.migrate();
      await pool.query(`CREATE TABLE ${schema}.raw (LIKE ${schema}.events INCLUDING ALL)`);
      await pool.query(`CREATE SCHEMA ${schema}_emmett`);
      const emmett = getPostgreSQLEventStore(withSearchPath(context.pgUrl, `${schema}_emmett`));
      try {
        await emmett.appendToStream('warm-up', [{ type: 'Noted', data: {} }]);
        const rows = rounds.map((batch, round) => copyRows(batch, round * events + 1));
        return await interleave(context.runs, {
          floor: async (round) => perSecond(events, await timeMs(() => copy(pool, schema, rows[round]!))),
          rapport: async (round) =>
            perSecond(events, await timeMs(() => rapport.appendToStreams(rounds[round]!))),
          // Emmett has no multi-stream append: one call (one transaction) per stream, as an importer would do
          peer: async (round) =>
            perSecond(
              events,
              await timeMs(async () => {
                for (const { streamId, events: list } of rounds[round]!)
                  await emmett.appendToStream(`emmett-${streamId}`, list as never[]);
              }),
            ),
        });
      } finally {
        await emmett.close();
        await rapport.close();
        await pool.query(`DROP SCHEMA IF EXISTS ${schema}_emmett CASCADE`);
      }
    });
    return [
      {
        id: 'pg-import',
        label: `${events.toLocaleString('en')} validated touchpoints over ${streams} streams per call`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
        limit:
          'The rows are validated, serialised and streamed with COPY while the server ingests the ones already sent; the floor COPYs finished rows, so what remains is the validation and JSON work the client cannot overlap and the position allocation.',
        notes:
          "Emmett's peer figure appends each stream's events in one call (it has no multi-stream append).",
      },
    ];
  },
};
