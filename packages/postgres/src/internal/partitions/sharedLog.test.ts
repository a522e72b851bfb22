import { createInMemoryEventStore, type EventStore, type RecordedEvent } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedLog } from './sharedLog';

const countingReads = (store: EventStore) => {
  let reads = 0;
  return {
    store: {
      ...store,
      readAll: (options?: Parameters<EventStore['readAll']>[0]) => {
        reads++;
        return store.readAll(options);
      },
    },
    reads: () => reads,
  };
};

/** Pages through the log from `after` until the end, as a runner that consumes `take` events of each page would. */
const reader = async (store: EventStore, after: bigint, maxCount: number, take: number) => {
  const seen: RecordedEvent[] = [];
  for (let position = after; ; ) {
    const page = await store.readAll({ after: position, maxCount });
    const used = page.events.slice(0, take);
    seen.push(...used);
    position = used.length < page.events.length ? used.at(-1)!.globalPosition : page.lastPosition;
    if (page.isEnd && used.length === page.events.length) return seen;
    await new Promise((resolve) => setImmediate(resolve));
  }
};

describe('a log window shared by the runners of a process', () => {
  it('gives every reader the log without a gap or a duplicate, however they page and where they start', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 60 }),
            maxCount: fc.integer({ min: 1, max: 15 }),
            take: fc.integer({ min: 1, max: 15 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 40 }),
        async (readers, capacity) => {
          const inner = createInMemoryEventStore({ registry: false });
          for (let i = 0; i < 60; i++) await inner.appendToStream(`s-${i % 4}`, [{ type: 'T', data: { i } }]);
          const shared = sharedLog(inner, () => capacity);
          const late = (async () => {
            for (let i = 60; i < 80; i++)
              await inner.appendToStream(`s-${i % 4}`, [{ type: 'T', data: { i } }]);
          })();
          const results = await Promise.all(
            readers.map(({ start, maxCount, take }) => reader(shared, BigInt(start), maxCount, take)),
          );
          await late;
          const all = (await inner.readAll({ maxCount: 1000 })).events;
          for (const [i, { start }] of readers.entries()) {
            const seen = results[i]!.map((e) => e.globalPosition);
            const expected = all.map((e) => e.globalPosition).filter((p) => p > BigInt(start));
            // a reader may finish before the late appends: it must then have a prefix, without gaps or repeats
            expect(seen).toEqual(expected.slice(0, seen.length));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('serves readers at nearby positions from one read of the store', async () => {
    const inner = createInMemoryEventStore({ registry: false });
    for (let i = 0; i < 1000; i++) await inner.appendToStream(`s-${i % 10}`, [{ type: 'T', data: { i } }]);
    const { store, reads } = countingReads(inner);
    const shared = sharedLog(store, () => 400);
    await Promise.all([
      reader(shared, 0n, 100, 100),
      reader(shared, 0n, 100, 70),
      reader(shared, 0n, 100, 90),
    ]);
    expect(reads()).toBeLessThan(25);
  });
});
