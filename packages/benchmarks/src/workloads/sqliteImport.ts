import { randomUUID } from 'node:crypto';
import { createSqliteEventStore } from '@rapport/sqlite';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { openRawTable, rawColumns, rawRow, withSqliteFile } from '../harness/sqlite';
import { interleave, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';

const ROWS_PER_INSERT = 500;

/** SQLite bulk import through `appendToStreams`, against raw multi-row INSERTs of finished rows in one transaction. */
export const sqliteImport: Workload = {
  name: 'sqlite-import',
  title: 'SQLite bulk import',
  run: async (context) => {
    const customers = context.size(10_000, 500);
    const eventsPerCustomer = 10;
    const count = customers * eventsPerCustomer;
    const rates = await withSqliteFile('import', async (file) => {
      const raw = openRawTable(file);
      const many = raw.prepare(
        `INSERT INTO raw (${rawColumns}) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      const one = raw.prepare(`INSERT INTO raw (${rawColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      try {
        return await interleave(context.runs, {
          floor: async (round) => {
            const rows = [...generateHistory({ customers, eventsPerCustomer, seed: round })];
            const ms = await timeMs(() =>
              raw
                .transaction(() => {
                  const positions = new Map<string, number>();
                  const rowOf = ({ streamId, event }: (typeof rows)[number]) => {
                    const position = positions.get(streamId) ?? 0;
                    positions.set(streamId, position + 1);
                    return rawRow(`${round}-${streamId}`, position, event, randomUUID());
                  };
                  let index = 0;
                  for (; index + ROWS_PER_INSERT <= rows.length; index += ROWS_PER_INSERT) {
                    many.run(...rows.slice(index, index + ROWS_PER_INSERT).flatMap(rowOf));
                  }
                  for (; index < rows.length; index++) one.run(...rowOf(rows[index]!));
                })
                .immediate(),
            );
            return perSecond(count, ms);
          },
          rapport: async (round) => {
            const store = createSqliteEventStore({ file });
            const history = [...generateHistory({ customers, eventsPerCustomer, seed: round })].map(
              (touchpoint) => ({
                ...touchpoint,
                streamId: `${round}-${touchpoint.streamId}`,
              }),
            );
            const ms = await timeMs(() => loadStore(store, history));
            await store.close();
            return perSecond(count, ms);
          },
        });
      } finally {
        raw.close();
      }
    });
    return [
      {
        id: 'sqlite-import',
        label: `${count.toLocaleString('en')} validated touchpoints of ${customers.toLocaleString('en')} customers, appendToStreams calls of 10,000 events`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
        limit:
          'Rapport validates every event against the catalog and inserts row by row with a revision lookup per stream, in one transaction per 10,000 events; the floor inserts finished rows 500 at a time in a single transaction.',
      },
    ];
  },
};
