import { randomUUID } from 'node:crypto';
import { createSqliteEventStore } from '@rapport/sqlite';
import { generateHistory } from '../data/touchpoints';
import { openRawTable, rawColumns, rawRow, withSqliteFile } from '../harness/sqlite';
import { interleave, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';

/** SQLite single-event appends, one transaction each, against a raw single-row INSERT per transaction on the same file. */
export const sqliteAppend: Workload = {
  name: 'sqlite-append',
  title: 'SQLite single-event appends',
  run: async (context) => {
    const perRound = context.size(3_000, 100);
    const appends = [
      ...generateHistory({
        customers: 1_000,
        eventsPerCustomer: Math.ceil((perRound * context.runs) / 1_000),
      }),
    ];
    const rates = await withSqliteFile('append', async (file) => {
      const store = createSqliteEventStore({ file });
      const raw = openRawTable(file);
      const insert = raw.prepare(`INSERT INTO raw (${rawColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const insertOne = raw.transaction((row: unknown[]) => insert.run(...row));
      const positions = new Map<string, number>();
      const slice = (round: number) => appends.slice(round * perRound, (round + 1) * perRound);
      try {
        return await interleave(context.runs, {
          floor: async (round) => {
            const batch = slice(round);
            const ms = await timeMs(() => {
              for (const { streamId, event } of batch) {
                const position = positions.get(streamId) ?? 0;
                positions.set(streamId, position + 1);
                insertOne.immediate(rawRow(streamId, position, event, randomUUID()));
              }
            });
            return perSecond(batch.length, ms);
          },
          rapport: async (round) => {
            const batch = slice(round);
            const ms = await timeMs(async () => {
              for (const { streamId, event } of batch) await store.appendToStream(streamId, [event]);
            });
            return perSecond(batch.length, ms);
          },
        });
      } finally {
        raw.close();
        await store.close();
      }
    });
    return [
      {
        id: 'sqlite-append',
        label:
          'one writer, a validated touchpoint per transaction over 1,000 streams, WAL with synchronous = FULL',
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.7 }],
        limit:
          'Each commit waits for its own fsync of the write-ahead log, as the raw INSERT does; on top, Rapport validates the event against the catalog, reads the stream revision and builds the recorded event.',
      },
    ];
  },
};
