import type { RecordedEvent } from '@rapport/core';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteKeyStore } from './index';

const file = tempFile();
// two tenants whose ids differ only in characters a careless key or LIKE pattern would fold together
const tenants = ['acme', 'acme.eu_-'] as const;
const events = tenants.map((tenantId) => createSqliteEventStore({ file, tenantId, registry: false }));
const keys = tenants.map((tenantId) => createSqliteKeyStore({ file, tenantId }));
afterAll(async () => {
  await Promise.all([...events, ...keys].map((store) => store.close()));
});

const owners = (list: readonly RecordedEvent[]) => [
  ...new Set(list.map((event) => (event.data as { owner: string }).owner)),
];

describe('tenants on one SQLite file', () => {
  it('each reads, pages, counts and follows only its own events, on streams of the same names', async () => {
    for (const [index, store] of events.entries()) {
      for (let n = 0; n < 3; n++) {
        await store.appendToStream('customer-1', [
          { type: 'Noted', data: { owner: tenants[index], n }, metadata: { idempotencyKey: `k${n}` } },
        ]);
      }
    }
    for (const [index, store] of events.entries()) {
      const stream = await store.readStream('customer-1');
      expect(stream.revision).toBe(2n);
      expect(owners(stream.events)).toEqual([tenants[index]]);
      const { events: log, isEnd } = await store.readAll({ maxCount: 2 });
      expect(owners(log)).toEqual([tenants[index]]);
      expect(isEnd).toBe(false);
      const live = await firstValueFrom(store.subscribeToAll().pipe(take(3), toArray()));
      expect(owners(live)).toEqual([tenants[index]]);
      expect(await store.headPosition()).toBe(live.at(-1)!.globalPosition);
    }
  });

  it("keeps each tenant's keys, and shreds only the tenant's own customer", async () => {
    const subject = (index: 0 | 1) => ({ tenantId: tenants[index], customerId: 'c1' });
    const first = await keys[0]!.currentKey(subject(0));
    const second = await keys[1]!.currentKey(subject(1));
    expect(first).not.toEqual(second);
    await keys[0]!.destroy(subject(0));
    expect(await keys[0]!.currentKey(subject(0))).toBeUndefined();
    expect(await keys[1]!.currentKey(subject(1))).toEqual(second);
  });
});
