import { isConcurrencyConflict, isIdempotencyKeyReused, type RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createFakeStore } from './fakeStore';
import { idempotentEventId } from './idempotency';

const event = (n: number, idempotencyKey?: string) => ({
  type: 'Happened',
  data: { n },
  ...(idempotencyKey === undefined ? {} : { metadata: { idempotencyKey } }),
});

describe('appending to one stream', () => {
  it('returns the events as the server recorded them, positions read back', async () => {
    const { store } = createFakeStore();
    await store.appendToStream('other', [event(0)]);
    const result = await store.appendToStream('s', [event(1), event(2)], { expectedRevision: 'no_stream' });
    expect(result.events).toEqual((await store.readStream('s')).events);
    expect(result.nextExpectedRevision).toBe(1n);
    expect(result.lastGlobalPosition).toBe(result.events[1]!.globalPosition);
    expect(result.events[0]!.metadata).toMatchObject({
      tenantId: 'acme',
      recordedAt: '2026-03-01T09:00:00.000Z',
    });
  });

  it('reports a stale expected revision as a conflict naming both revisions, and writes nothing', async () => {
    const { store, gateway } = createFakeStore();
    await store.appendToStream('s', [event(1), event(2)]);
    const before = gateway.log.length;
    const error = await store
      .appendToStream('s', [event(3)], { expectedRevision: 0n })
      .catch((e: unknown) => e);
    expect(isConcurrencyConflict(error)).toBe(true);
    expect((error as RapportError).data).toMatchObject({
      streamId: 's',
      expectedRevision: '0',
      actualRevision: '1',
    });
    expect(gateway.log).toHaveLength(before);
  });
});

describe('idempotent appends', () => {
  it('answers a repeated key with the original events, before checking the expected revision', async () => {
    const { store } = createFakeStore();
    const first = await store.appendToStream('s', [event(1, 'k'), event(2)]);
    await store.appendToStream('s', [event(3)]);
    const again = await store.appendToStream('s', [event(1, 'k'), event(2)], {
      expectedRevision: 'no_stream',
    });
    expect(again).toEqual({ ...first, duplicate: true });
    const other = await store.appendToStream('s', [event(99, 'k')]).catch((e: unknown) => e);
    expect(isIdempotencyKeyReused(other) && other.data).toMatchObject({ idempotencyKey: 'k', streamId: 's' });
    expect((await store.readStream('s')).events).toHaveLength(3);
  });

  it('gives keyed events deterministic ids, unless the caller chose ids', async () => {
    const { store } = createFakeStore();
    const keyed = await store.appendToStream('s', [event(1, 'k'), event(2)]);
    expect(keyed.events.map((e) => e.id)).toEqual([
      idempotentEventId('s', 'k', 0),
      idempotentEventId('s', 'k', 1),
    ]);
    const chosen = '0190a5c2-1111-7000-8000-000000000001';
    const explicit = await store.appendToStream('t', [{ ...event(1, 'k'), id: chosen }]);
    expect(explicit.events[0]!.id).toBe(chosen);
    expect((await store.appendToStream('t', [{ ...event(1, 'k'), id: chosen }])).duplicate).toBe(true);
  });

  it('lets the server settle a race: the losing attempt is acknowledged without a write and reported as a duplicate', async () => {
    const { store, gateway } = createFakeStore({ systemNoise: false });
    // both attempts look for the key before either writes, so only the deterministic ids can save us
    const [a, b] = await Promise.all([
      store.appendToStream('s', [event(1, 'race'), event(2)]),
      store.appendToStream('s', [event(1, 'race'), event(2)]),
    ]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.events).toEqual(b.events);
    expect(gateway.log).toHaveLength(2);
  });

  it('refuses the losing attempt of a race when its events are not the winner’s', async () => {
    const { store, gateway } = createFakeStore({ systemNoise: false });
    const outcomes = await Promise.allSettled([
      store.appendToStream('s', [event(1, 'race'), event(2)]),
      store.appendToStream('s', [event(1, 'race'), event(3)]),
    ]);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(refused).toHaveLength(1);
    expect(isIdempotencyKeyReused(refused[0]) && refused[0].data.difference).toBe('events[1].data.n');
    expect(gateway.log).toHaveLength(2);
  });

  it('does not mistake an unkeyed append for a duplicate', async () => {
    const { store } = createFakeStore();
    const results = await Promise.all([
      store.appendToStream('s', [event(1)]),
      store.appendToStream('s', [event(1)]),
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
    expect((await store.readStream('s')).events).toHaveLength(2);
  });
});
