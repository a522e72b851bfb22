import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl } from '../test/support';
import { createPostgresEventStore, createPostgresKeyStore, createPostgresReadModelStore } from './index';

// the longest schema name the stores accept (48 characters): with "rapport.", the statement's own name and the
// read-model and key-store infixes, every prepared statement's name is longer than PostgreSQL's 63-byte limit
const schema = `t_long_${randomBytes(5).toString('hex')}_${'x'.repeat(30)}`;
// one connection: every statement is prepared on the same session, where truncated names would collide
const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
const store = createPostgresEventStore({ pool, schema, registry: false });
const readModels = createPostgresReadModelStore({ pool, schema });
const keys = createPostgresKeyStore({ pool, schema });

beforeAll(() => store.migrate());
afterAll(async () => {
  await store.close();
  await pool.end();
  await dropSchema(schema);
});

describe('a schema name of the greatest accepted length', () => {
  it('is 48 characters long', () => {
    expect(schema).toHaveLength(48);
  });

  it('runs every kind of append and read on one connection without two statements sharing a name', async () => {
    const noted = (n: number) => ({ type: 'Noted', data: { n } });
    await store.appendToStream('customer-1', [noted(1)]);
    await store.appendToStream('customer-1', [noted(2), noted(3)], { expectedRevision: 0n });
    await store.appendToStreams([
      { streamId: 'customer-2', events: [noted(4)] },
      { streamId: 'customer-3', events: [noted(5), noted(6)] },
    ]);
    const keyed = { type: 'Noted', data: { n: 7 }, metadata: { idempotencyKey: 'k-7' } };
    const first = await store.appendToStream('customer-4', [keyed]);
    expect((await store.appendToStream('customer-4', [keyed])).duplicate).toBe(true);
    await expect(store.appendToStream('customer-1', [noted(8)], { expectedRevision: 0n })).rejects.toThrow(
      /revision/i,
    );
    expect((await store.readStream('customer-1')).events.map((e) => (e.data as { n: number }).n)).toEqual([
      1, 2, 3,
    ]);
    const all = await store.readAll({ maxCount: 100 });
    expect(all.events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await store.headPosition()).toBe(first.lastGlobalPosition);
  });

  it('runs the read-model and key stores on the same connection', async () => {
    await readModels.commit({
      collection: 'profiles_v1',
      documents: [{ key: 'c-1', document: { n: 1 } }],
      timers: [{ kind: 'put', timer: { key: 'c-1', name: 'wake', at: '2025-01-01T00:00:00.000Z' } }],
      aliases: [],
      deadLetters: [],
      checkpoint: { expected: undefined, next: { position: 7n, watermark: undefined } },
    });
    expect(await readModels.get('profiles_v1', 'c-1')).toEqual({ n: 1 });
    expect([...(await readModels.getMany('profiles_v1', ['c-1'])).values()]).toEqual([{ n: 1 }]);
    expect(await readModels.readCheckpoint('profiles_v1')).toEqual({ position: 7n, watermark: undefined });
    const due = await readModels.dueTimers('profiles_v1', { upTo: '2030-01-01T00:00:00.000Z', limit: 10 });
    expect(due.map((t) => t.name)).toEqual(['wake']);
    const subject = { tenantId: 'default', customerId: 'c-1' };
    const key = await keys.currentKey(subject);
    expect(key).toBeDefined();
    expect((await keys.keyVersion(subject, key!.version))?.version).toBe(key!.version);
    await keys.destroy(subject);
    expect(await keys.currentKey(subject)).toBeUndefined();
  });
});
