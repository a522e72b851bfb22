import { isConcurrencyConflict, isIdempotencyKeyReused, type RecordedEvent } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../test/support';

const WRITERS = 8;
let stores: TestStore[];
beforeAll(async () => {
  const first = await createTestStore('concurrent', { poolSize: 4 });
  const others = await Promise.all(
    Array.from({ length: WRITERS - 1 }, () =>
      createTestStore('concurrent', { schema: first.schema, poolSize: 2 }),
    ),
  );
  stores = [first, ...others];
});
afterAll(async () => {
  for (const t of stores.slice(1)) await t.store.close();
  await stores[0]?.teardown();
});

describe('given writers on separate connections racing for one stream', () => {
  it('exactly one append wins each revision; none is lost or duplicated', async () => {
    const wins: bigint[] = [];
    let conflicts = 0;
    await Promise.all(
      stores.map(async ({ store }, w) => {
        for (let attempt = 0; attempt < 30; attempt++) {
          const { revision } = await store.readStream('contended');
          try {
            const result = await store.appendToStream('contended', [{ type: 'Won', data: { w, attempt } }], {
              expectedRevision: revision ?? 'no_stream',
            });
            wins.push(result.nextExpectedRevision);
          } catch (error) {
            if (!isConcurrencyConflict(error)) throw error;
            conflicts++;
          }
        }
      }),
    );
    const { events, revision } = await stores[0]!.store.readStream('contended');
    expect(conflicts).toBeGreaterThan(0);
    expect(events.length).toBe(wins.length);
    expect(revision).toBe(BigInt(wins.length - 1));
    expect([...wins].sort((a, b) => (a < b ? -1 : 1))).toEqual(events.map((event) => event.streamPosition));
    const globals = events.map((event) => event.globalPosition);
    expect([...globals].sort((a, b) => (a < b ? -1 : 1))).toEqual(globals); // stream order is global order
  }, 60_000);

  it('appends without an expected revision all land, in one gapless stream order', async () => {
    await Promise.all(
      stores.map(({ store }, w) =>
        Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.appendToStream('free-for-all', [
              { type: 'A', data: { w, i } },
              { type: 'B', data: { w, i } },
            ]),
          ),
        ),
      ),
    );
    const { events } = await stores[0]!.store.readStream('free-for-all');
    expect(events.length).toBe(WRITERS * 10 * 2);
    expect(events.map((event) => event.streamPosition)).toEqual(events.map((_, i) => BigInt(i)));
    // each append's two events are adjacent in the stream and in the log
    for (let i = 0; i < events.length; i += 2) {
      const [a, b] = [events[i] as RecordedEvent, events[i + 1] as RecordedEvent];
      expect([a.type, b.type]).toEqual(['A', 'B']);
      expect(b.globalPosition).toBe(a.globalPosition + 1n);
    }
  }, 60_000);

  it('one idempotency key raced by every writer is written once: a racer with its events gets that result, others are refused', async () => {
    const outcomes = await Promise.allSettled(
      stores.flatMap(({ store }, w) =>
        Array.from({ length: 3 }, () =>
          store.appendToStream('idempotent', [
            { type: 'Paid', data: { w: w % 2 }, metadata: { idempotencyKey: 'payment-1' } },
          ]),
        ),
      ),
    );
    const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const written = results.filter((result) => !result.duplicate);
    expect(written.length).toBe(1);
    const winner = (written[0]!.events[0]!.data as { w: number }).w;
    outcomes.forEach((outcome, i) => {
      if (Math.floor(i / 3) % 2 === winner) {
        expect(outcome.status === 'fulfilled' && outcome.value.events).toEqual(written[0]?.events);
      } else expect(outcome.status === 'rejected' && isIdempotencyKeyReused(outcome.reason)).toBe(true);
    });
    expect((await stores[0]!.store.readStream('idempotent')).events.length).toBe(1);
  }, 60_000);
});
