import { isRapportError } from '@rapport/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore, createPostgresKeyStore, createPostgresReadModelStore } from './index';

const schema = randomSchema('lifecycle');
const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

const refused = (what: string) => (error: unknown) =>
  isRapportError(error, 'StoreUnavailable') && error.message === `the postgres ${what} is closed`;

describe('a closed PostgreSQL store', () => {
  it('refuses work by name, closes twice quietly, and leaves a pool it was given open', async () => {
    const events = createPostgresEventStore({ pool, schema, registry: false });
    const readModels = createPostgresReadModelStore({ pool, schema });
    const keys = createPostgresKeyStore({ pool, schema });
    await events.appendToStream('s', [{ type: 'T', data: {} }]);
    for (const store of [events, readModels, keys]) {
      await store.close();
      await store.close();
    }
    await expect(events.readStream('s')).rejects.toSatisfy(refused('event store'));
    await expect(events.migrate()).rejects.toSatisfy(refused('event store'));
    await expect(readModels.get('c_v1', 'k')).rejects.toSatisfy(refused('read-model store'));
    await expect(readModels.migrate()).rejects.toSatisfy(refused('read-model store'));
    await expect(keys.currentKey({ tenantId: 'default', customerId: 'c' })).rejects.toSatisfy(
      refused('key store'),
    );
    await expect(keys.migrate()).rejects.toSatisfy(refused('key store'));
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('ends a pool it opened itself', async () => {
    const applicationName = `rapport-lifecycle-${Date.now()}`;
    const sessions = async () =>
      (
        await pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        )
      ).rows[0]!.n;
    const store = createPostgresEventStore({
      connectionString: pgUrl,
      schema,
      registry: false,
      applicationName,
    });
    await store.readStream('s');
    expect(await sessions()).toBeGreaterThan(0);
    await store.close();
    await expect.poll(sessions).toBe(0);
    await expect(store.readStream('s')).rejects.toSatisfy(refused('event store'));
  });
});
