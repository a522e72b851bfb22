import { isConcurrencyConflict } from '@rapport/core';
import type { Effect, ReadModelCommit } from '@rapport/projections';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresReadModelStore } from './index';
import { internalsOf } from './internal/readModels/readModelInternals';

const schema = randomSchema('outbox');
// more connections than one claim needs, so the claims below really run at once
const pool = new pg.Pool({ connectionString: pgUrl, max: 12 });
let tenants = 0;
const storeOfItsOwn = () => createPostgresReadModelStore({ pool, schema, tenantId: `outbox-${tenants++}` });
beforeAll(() => storeOfItsOwn().migrate());
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

const effect = (n: number): Effect => ({
  id: `mailer:k${n}:e-${n}:Send`,
  kind: 'message',
  reactor: 'mailer',
  version: 1,
  key: `k${n}`,
  name: 'Send',
  type: 'Send',
  payload: { n },
  notBefore: undefined,
  cause: {
    eventId: undefined,
    eventType: 'Touched',
    position: BigInt(n),
    at: at(0),
    timer: undefined,
    correlationId: undefined,
  },
});

const commit = (expected: bigint | undefined, effects: readonly Effect[]): ReadModelCommit => ({
  collection: 'mailer_v1',
  documents: [],
  timers: [],
  aliases: [],
  deadLetters: [],
  checkpoint: { expected, next: { position: (expected ?? 0n) + 1n, watermark: undefined } },
  effects,
  recordedAt: at(1),
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => effect(from + i));

describe('the PostgreSQL outbox', () => {
  it('never hands one effect to two of many dispatchers claiming at once, and they take every due one', async () => {
    const store = storeOfItsOwn();
    await store.commit(commit(undefined, range(0, 100)));
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.outbox.claim({ now: at(2), limit: 5, owner: `w${i}`, leaseUntil: at(30) }),
      ),
    );
    const ids = claims.flat().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(range(0, 100).map((e) => e.id)));
    expect(claims.map((claimed) => claimed.length)).toEqual(claims.map(() => 5));
    expect(await store.outbox.claim({ now: at(2), limit: 5, owner: 'late', leaseUntil: at(30) })).toEqual([]);
  });

  it('does not wait for the rows of a claim still in flight, and takes the others', async () => {
    const store = storeOfItsOwn();
    await store.commit(commit(undefined, range(0, 15)));
    const client = await connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT id FROM "${schema}".outbox WHERE tenant_id = $1 ORDER BY seq LIMIT 5 FOR UPDATE`,
        [store.tenantId],
      );
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
      const claimed = await Promise.race([
        store.outbox.claim({ now: at(2), limit: 15, owner: 'w', leaseUntil: at(30) }),
        timeout,
      ]);
      expect(claimed === 'waited' ? claimed : claimed.map((entry) => entry.id)).toEqual(
        range(5, 10).map((e) => e.id),
      );
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('writes no effect of a commit that a stale checkpoint refuses', async () => {
    const store = storeOfItsOwn();
    await store.commit(commit(undefined, []));
    const refused = await store.commit(commit(0n, range(0, 3))).catch((error: unknown) => error);
    expect(isConcurrencyConflict(refused)).toBe(true);
    expect((await store.outbox.list()).entries).toEqual([]);
    expect(await store.outbox.get(effect(0).id)).toBeUndefined();
  });

  it('adds the effects of only the one of two concurrent commits with the same expectation that moved the checkpoint', async () => {
    const store = storeOfItsOwn();
    await store.commit(commit(undefined, []));
    const outcomes = await Promise.allSettled([
      store.commit(commit(1n, range(0, 10))),
      store.commit(commit(1n, range(10, 10))),
    ]);
    const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    const listed = (await store.outbox.list()).entries.map((entry) => entry.id);
    expect(listed).toEqual(range(won * 10, 10).map((e) => e.id));
  });

  it('shares the tenant’s outbox with every partition’s view of the store', async () => {
    const store = storeOfItsOwn();
    await internalsOf(store)!
      .partition(1, 4)
      .commit(commit(undefined, [effect(7)]));
    expect((await store.outbox.get(effect(7).id))?.status).toBe('pending');
    expect(await internalsOf(store)!.partition(2, 4).outbox.get(effect(7).id)).toBeDefined();
  });
});
