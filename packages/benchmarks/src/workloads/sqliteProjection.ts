import { createInMemoryEventStore, type EventStore } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import {
  createInMemoryReadModelStore,
  createProjectionRunner,
  type ReadModelStore,
} from '@rapport/projections';
import { createSqliteEventStore, createSqliteReadModelStore } from '@rapport/sqlite';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { withSqliteFile } from '../harness/sqlite';
import { interleave, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';

const rebuild = async (eventStore: EventStore, readModels: ReadModelStore, head: bigint) => {
  const runner = createProjectionRunner({
    projection: profileProjection,
    eventStore,
    readModels,
    batchSize: 1_000,
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(head);
  await runner.stop();
};

/** The profile projection from the start of an SQLite log into SQLite read models, against the in-memory rebuild. */
export const sqliteProjection: Workload = {
  name: 'sqlite-projection',
  title: 'SQLite profile projection from the start of the log',
  run: async (context) => {
    const customers = context.size(10_000, 500);
    const history = [...generateHistory({ customers, eventsPerCustomer: 10 })];
    const memory = createInMemoryEventStore();
    const count = await loadStore(memory, history);
    const head = await memory.headPosition();
    const rates = await withSqliteFile('projection', async (file) => {
      const events = createSqliteEventStore({ file });
      await loadStore(events, history);
      const sqliteHead = await events.headPosition();
      try {
        return await interleave(context.runs, {
          floor: async () =>
            perSecond(count, await timeMs(() => rebuild(memory, createInMemoryReadModelStore(), head))),
          rapport: async (round) => {
            const readModels = createSqliteReadModelStore({ file, tenantId: `round-${round}` });
            const ms = await timeMs(() => rebuild(events, readModels, sqliteHead));
            await readModels.close();
            return perSecond(count, ms);
          },
        });
      } finally {
        await events.close();
      }
    });
    await memory.close();
    return [
      {
        id: 'sqlite-projection',
        label: `${count.toLocaleString('en')} events of ${customers.toLocaleString('en')} customers, batches of 1,000, the floor being the in-memory rebuild`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
        limit:
          'Reading and parsing each stored event from the file, and committing each batch of documents, timers and the checkpoint in one transaction with its fsync; the fold itself is the same as in memory.',
      },
    ];
  },
};
