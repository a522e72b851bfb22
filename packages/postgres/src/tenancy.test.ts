import type { RecordedEvent } from '@rapport/core';
import type { ReadModelCommit } from '@rapport/projections';
import pg from 'pg';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore, createPostgresKeyStore, createPostgresReadModelStore } from './index';

const schema = randomSchema('tenancy');
const pool = new pg.Pool({ connectionString: pgUrl, max: 8 });
// two tenants whose ids differ only in characters a careless key or LIKE pattern would fold together
const tenants = ['acme', 'acme.eu_-'] as const;
const eventStoreOf = (tenantId: string) =>
  createPostgresEventStore({ pool, schema, tenantId, registry: false });
const readModelsOf = (tenantId: string) => createPostgresReadModelStore({ pool, schema, tenantId });
const keyStoreOf = (tenantId: string) => createPostgresKeyStore({ pool, schema, tenantId });
const events = [eventStoreOf(tenants[0]), eventStoreOf(tenants[1])] as const;
const readModels = [readModelsOf(tenants[0]), readModelsOf(tenants[1])] as const;
const keys = [keyStoreOf(tenants[0]), keyStoreOf(tenants[1])] as const;
const [a, b] = [0, 1] as const;

beforeAll(() => events[a].migrate());
afterAll(async () => {
  await Promise.all(events.map((store) => store.close()));
  await pool.end();
  await dropSchema(schema);
});

const owners = (list: readonly RecordedEvent[]) => [
  ...new Set(list.map((e) => (e.data as { owner: string }).owner)),
];
const write = (tenant: 0 | 1, stream: string, n: number, key?: string) =>
  events[tenant].appendToStream(stream, [
    {
      type: 'Noted',
      data: { owner: tenants[tenant], n },
      metadata: key === undefined ? {} : { idempotencyKey: key },
    },
  ]);

describe('tenants on one PostgreSQL schema', () => {
  it('refuses a tenant id that is not a plain name, before it reaches any statement', () => {
    for (const make of [eventStoreOf, readModelsOf, keyStoreOf]) {
      for (const tenantId of ["o'brien; DROP TABLE x --", 'acme%', '', 'a'.repeat(65), 'a\u0000b']) {
        expect(() => make(tenantId)).toThrow(/tenantId must be 1-64 letters, digits/);
      }
    }
  });

  it('an event store never returns or counts another tenant’s events, streams or idempotency keys', async () => {
    await write(a, 'customer-1', 1, 'k');
    await write(b, 'customer-1', 1, 'k');
    await write(b, 'customer-2', 2);
    const aLast = await write(a, 'customer-1', 2);
    const bLast = await write(b, 'customer-1', 3, 'k2');
    expect((await write(b, 'customer-1', 1, 'k')).duplicate).toBe(true);

    const stream = await events[a].readStream('customer-1');
    expect(stream.revision).toBe(1n);
    expect(owners(stream.events)).toEqual(['acme']);
    expect((await events[a].readStream('customer-2')).exists).toBe(false);
    const all = await events[a].readAll({ maxCount: 100 });
    expect(all.events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
    expect(all.events.every((e) => e.metadata.tenantId === 'acme')).toBe(true);
    expect(owners((await events[a].readAll({ streamPrefix: 'customer-', types: ['Noted'] })).events)).toEqual(
      ['acme'],
    );
    expect(await events[a].headPosition()).toBe(aLast.lastGlobalPosition);
    expect(await events[b].headPosition()).toBe(bLast.lastGlobalPosition);
    // revisions are per tenant: the other tenant's longer stream of the same id does not count
    const next = await events[a].appendToStreams([
      {
        streamId: 'customer-1',
        events: [{ type: 'Noted', data: { owner: 'acme', n: 3 } }],
        expectedRevision: 1n,
      },
      {
        streamId: 'customer-2',
        events: [{ type: 'Noted', data: { owner: 'acme', n: 4 } }],
        expectedRevision: 'no_stream',
      },
    ]);
    expect(next.map((r) => r.nextExpectedRevision)).toEqual([2n, 0n]);
    expect(owners((await events[b].readAll({ maxCount: 100 })).events)).toEqual([tenants[b]]);
  });

  it('a subscription delivers only its own tenant’s events, live as well as caught up', async () => {
    const seen = firstValueFrom(
      events[a].subscribeToAll().pipe(
        filter((e) => (e.data as { n: number }).n >= 100),
        take(3),
        toArray(),
      ),
    );
    for (let n = 100; n < 103; n++) {
      await write(b, 'customer-1', n);
      await write(a, 'customer-1', n);
    }
    expect(
      (await seen).map((e) => [(e.data as { owner: string }).owner, (e.data as { n: number }).n]),
    ).toEqual([
      ['acme', 100],
      ['acme', 101],
      ['acme', 102],
    ]);
  });

  it('a read-model store never returns another tenant’s documents, checkpoints, timers, aliases, dead letters or versions', async () => {
    const commit = (owner: string): ReadModelCommit => ({
      collection: 'profiles_v1',
      documents: [{ key: 'c-1', document: { owner } }],
      timers: [
        { kind: 'put', timer: { key: 'c-1', name: 'wake', at: '2025-01-01T00:00:00.000Z', payload: owner } },
      ],
      aliases: [{ from: 'old', to: owner }],
      deadLetters: [
        {
          projection: 'profiles',
          version: 1,
          position: 1n,
          eventId: undefined,
          eventType: undefined,
          key: owner,
          timer: undefined,
          error: { message: owner, stack: undefined },
          policy: 'skip',
          recordedAt: undefined,
        },
      ],
      checkpoint: {
        expected: undefined,
        next: { position: owner === 'acme' ? 10n : 20n, watermark: undefined },
      },
      activate: { projection: 'profiles', version: owner === 'acme' ? 1 : 2 },
    });
    await readModels[a].commit(commit('acme'));
    await readModels[b].commit(commit('other')); // the same collection, the same expectation: no conflict
    const [ra, rb] = readModels;
    expect(await ra.get('profiles_v1', 'c-1')).toEqual({ owner: 'acme' });
    expect([...(await ra.getMany('profiles_v1', ['c-1'])).values()]).toEqual([{ owner: 'acme' }]);
    expect((await ra.list('profiles_v1')).documents).toEqual([{ key: 'c-1', document: { owner: 'acme' } }]);
    expect(await ra.readCheckpoint('profiles_v1')).toEqual({ position: 10n, watermark: undefined });
    expect(await rb.readCheckpoint('profiles_v1')).toEqual({ position: 20n, watermark: undefined });
    const due = await ra.dueTimers('profiles_v1', { upTo: '2030-01-01T00:00:00.000Z', limit: 10 });
    expect(due.map((t) => t.payload)).toEqual(['acme']);
    expect((await ra.listTimers('profiles_v1')).map((t) => t.payload)).toEqual(['acme']);
    expect(await ra.listAliases('profiles_v1')).toEqual([{ from: 'old', to: 'acme' }]);
    expect((await ra.listDeadLetters('profiles_v1')).map((l) => l.key)).toEqual(['acme']);
    expect(await ra.activeVersion('profiles')).toBe(1);
    expect(await rb.activeVersion('profiles')).toBe(2);
    await ra.dropCollection('profiles_v1');
    expect(await ra.get('profiles_v1', 'c-1')).toBeUndefined();
    expect(await rb.get('profiles_v1', 'c-1')).toEqual({ owner: 'other' });
    expect((await rb.listTimers('profiles_v1')).map((t) => t.payload)).toEqual(['other']);
    await ra.put('shared', 'k', 1);
    await rb.delete('shared', 'k');
    expect(await ra.get('shared', 'k')).toBe(1);
  });

  it('a key store never returns another tenant’s keys, and shredding one tenant’s customer spares the other’s', async () => {
    const subject = (tenant: 0 | 1) => ({ tenantId: tenants[tenant], customerId: 'c-1' });
    const [ka, kb] = keys;
    const keyA = await ka.currentKey(subject(a));
    const keyB = await kb.currentKey(subject(b));
    expect(Buffer.from(keyA!.material).equals(Buffer.from(keyB!.material))).toBe(false);
    await expect(ka.currentKey(subject(b))).rejects.toThrow(/tenant/);
    await expect(ka.keyVersion(subject(b), 1)).rejects.toThrow(/tenant/);
    await expect(ka.destroy(subject(b))).rejects.toThrow(/tenant/);
    await ka.destroy(subject(a));
    expect(await ka.currentKey(subject(a))).toBeUndefined();
    expect(Buffer.from((await kb.currentKey(subject(b)))!.material).equals(Buffer.from(keyB!.material))).toBe(
      true,
    );
  });
});
