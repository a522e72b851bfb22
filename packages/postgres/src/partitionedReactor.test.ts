import { foldProjection, type OutboxEntry } from '@rapport/projections';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { creditReactor } from '../test/creditReactor';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPartitionWorker, createPostgresEventStore, createPostgresReadModelStore } from './index';

const schema = randomSchema('partreactor');
const pool = new pg.Pool({ connectionString: pgUrl, max: 10 });
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a reactor run as partitioned workers', () => {
  it('derives each effect in the one partition that owns its document, committed with that partition', {
    timeout: 60_000,
  }, async () => {
    const eventStore = createPostgresEventStore({ pool, schema, registry: false });
    const readModels = createPostgresReadModelStore({ pool, schema });
    await eventStore.migrate();
    await readModels.migrate();
    for (let i = 0; i < 60; i++) {
      const key = `c${(i * 7) % 23}`;
      await eventStore.appendToStream(`doc-${key}`, [
        {
          type: 'Touched',
          data: {},
          metadata: { customerId: key, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
        },
      ]);
    }
    const workers = [0, 1].map(() =>
      createPartitionWorker({
        projection: creditReactor,
        eventStore,
        readModels,
        partitions: 4,
        rebalanceIntervalMs: 50,
        runner: { batchSize: 5, tickIntervalMs: 0 },
      }),
    );
    await Promise.all(workers.map((worker) => worker.start()));
    const entries: OutboxEntry[] = [];
    try {
      for (let i = 0; i < 300; i++) {
        const page = await readModels.outbox.list({ limit: 1000 });
        if (page.entries.length >= 120) {
          entries.push(...page.entries);
          break;
        }
        await sleep(100);
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    const all = (await eventStore.readAll({ maxCount: 1000 })).events;
    expect(entries.map((entry) => entry.id).sort()).toEqual(
      foldProjection(creditReactor, all)
        .effects.map((effect) => effect.id)
        .sort(),
    );
    await eventStore.close();
  });
});
