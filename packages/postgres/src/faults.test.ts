import { isRapportError } from '@rapport/core';
import { createProjectionRunner, foldProjection } from '@rapport/projections';
import { afterEach, describe, expect, it } from 'vitest';
import { countingProjection } from '../scripts/countingProjection';
import { connect, createTestStore, pgUrl, type TestStore } from '../test/support';
import { createPostgresReadModelStore } from './index';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.teardown();
});
const fresh = async (options = {}) => {
  const store = await createTestStore('faults', options);
  stores.push(store);
  return store;
};
const sql = async (text: string) => {
  const client = await connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};
/** Makes the database fail any insert into `table` whose row mentions `marker`, part-way through a statement. */
const injectFault = (schema: string, table: string, marker: string) =>
  sql(`CREATE OR REPLACE FUNCTION "${schema}".inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF row_to_json(NEW)::text LIKE '%${marker}%' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER inject_fault BEFORE INSERT OR UPDATE ON "${schema}".${table}
       FOR EACH ROW EXECUTE FUNCTION "${schema}".inject_fault();`);
const removeFault = (schema: string, table: string) =>
  sql(`DROP TRIGGER inject_fault ON "${schema}".${table}`);
const counted = (customer: number, seq: number, marker = '') => ({
  type: 'Counted',
  data: { seq, marker },
  metadata: { customerId: `c${customer}`, occurredAt: new Date(Date.UTC(2025, 0, 1, 0, seq)).toISOString() },
});

describe('given a store that fails part-way through a write', () => {
  it('an append failing after some of its rows were inserted writes none, and its keyed retry writes once', async () => {
    const { store, schema } = await fresh();
    await injectFault(schema, 'events', 'boom');
    const batch = [counted(1, 1), counted(1, 2), counted(1, 3, 'boom'), counted(1, 4)].map((event, i) =>
      i === 0 ? { ...event, metadata: { ...event.metadata, idempotencyKey: 'import-7' } } : event,
    );
    const error = await store.appendToStream('customer-1', batch).catch((e: unknown) => e);
    expect(isRapportError(error)).toBe(true);
    expect((await store.readStream('customer-1')).exists).toBe(false);
    expect(await store.headPosition()).toBe(0n);

    const bulk = await store
      .appendToStreams([
        { streamId: 'customer-2', events: [counted(2, 1)] },
        { streamId: 'customer-3', events: [counted(3, 1), counted(3, 2, 'boom')] },
      ])
      .catch((e: unknown) => e);
    expect(isRapportError(bulk)).toBe(true);
    expect((await store.readAll({ maxCount: 100 })).events).toHaveLength(0);

    await removeFault(schema, 'events');
    expect((await store.appendToStream('customer-1', batch)).duplicate).toBe(false);
    expect((await store.appendToStream('customer-1', batch)).duplicate).toBe(true);
    const all = (await store.readAll({ maxCount: 100 })).events;
    expect(all.map((e) => (e.data as { seq: number }).seq)).toEqual([1, 2, 3, 4]);
  });

  it('an append whose connection is killed mid-statement writes nothing, and its keyed retry writes once', async () => {
    const appName = `rapport-fault-${Date.now()}`;
    const { store, schema } = await fresh({ applicationName: appName });
    await store.appendToStream('customer-1', [counted(1, 1)]);
    const blocker = await connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${schema}".events IN EXCLUSIVE MODE`);
      const keyed = { ...counted(1, 2), metadata: { ...counted(1, 2).metadata, idempotencyKey: 'k-2' } };
      const pending = store.appendToStream('customer-1', [keyed]).catch((e: unknown) => e);
      const killer = await connect();
      try {
        for (let tries = 0; tries < 100; tries++) {
          const { rowCount } = await killer.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [appName],
          );
          if (rowCount) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await killer.end();
      }
      expect(isRapportError(await pending, 'StoreUnavailable')).toBe(true);
      await blocker.query('ROLLBACK');
      expect((await store.readStream('customer-1')).events).toHaveLength(1);
      await store.appendToStream('customer-1', [keyed]);
      expect((await store.appendToStream('customer-1', [keyed])).duplicate).toBe(true);
      expect(
        (await store.readStream('customer-1')).events.map((e) => (e.data as { seq: number }).seq),
      ).toEqual([1, 2]);
    } finally {
      await blocker.end();
    }
  });

  it('a projection whose checkpoint commit fails keeps retrying, then ends equal to a clean fold, nothing applied twice', async () => {
    const { store, schema } = await fresh();
    const readModels = createPostgresReadModelStore({ connectionString: pgUrl, schema });
    try {
      for (let seq = 1; seq <= 30; seq++) {
        await store.appendToStreams(
          [1, 2, 3].map((c) => ({ streamId: `customer-${c}`, events: [counted(c, seq)] })),
        );
      }
      await injectFault(schema, 'read_model_checkpoints', 'counted');
      const projection = countingProjection();
      const runner = createProjectionRunner({
        projection,
        eventStore: store,
        readModels,
        batchSize: 7,
        retryDelayMs: 20,
        tickIntervalMs: 0,
      });
      runner.start();
      for (let i = 0; i < 200 && runner.status().lastError === undefined; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(runner.status().lastError).toBeDefined();
      expect(runner.status().position).toBe(0n);
      await removeFault(schema, 'read_model_checkpoints');
      await runner.waitForPosition(await store.headPosition());
      await runner.stop();
      const { documents } = await readModels.list('counted_v1', { limit: 100 });
      const expected = foldProjection(projection, (await store.readAll({ maxCount: 1000 })).events).documents;
      expect(Object.fromEntries(documents.map((d) => [d.key, d.document]))).toEqual(
        Object.fromEntries(expected),
      );
      for (const { document } of documents)
        expect(document).toMatchObject({ count: 30, lastSeq: 30, disorder: 0 });
    } finally {
      await readModels.close();
    }
  });
});
