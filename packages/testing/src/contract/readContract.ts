import { describe, expect, it } from 'vitest';
import { type ContractHarness, readAllWithPrefix, testEvent } from './contractHelpers';

const numbers = (events: readonly { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

/** Reads: one stream in both directions and up to a time, the global log in pages with filters, the head. */
export const readContract = ({ withStore }: ContractHarness): void => {
  describe('reading', () => {
    it('reads a missing stream as empty', () =>
      withStore(async (store, prefix) => {
        const read = await store.readStream(`${prefix}nothing`);
        expect(read).toMatchObject({ exists: false, revision: undefined, events: [] });
      }));

    it('reads a stream forwards and backwards, from a revision, with a count', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}s`;
        await store.appendToStream(
          stream,
          [1, 2, 3, 4, 5].map((n) => testEvent(n)),
        );
        expect(numbers((await store.readStream(stream, { fromRevision: 2n })).events)).toEqual([3, 4, 5]);
        expect(numbers((await store.readStream(stream, { fromRevision: 1n, maxCount: 2 })).events)).toEqual([
          2, 3,
        ]);
        expect(numbers((await store.readStream(stream, { direction: 'backwards' })).events)).toEqual([
          5, 4, 3, 2, 1,
        ]);
        expect(
          numbers(
            (await store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 }))
              .events,
          ),
        ).toEqual([4, 3]);
        const past = await store.readStream(stream, { fromRevision: 10n });
        expect(past).toMatchObject({ exists: true, revision: 4n, events: [] });
      }));

    it('reads a stream up to a point in event time', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}t`;
        const at = (n: number, day: string) => ({
          ...testEvent(n),
          metadata: { occurredAt: `2025-01-${day}T00:00:00Z` },
        });
        await store.appendToStream(stream, [at(1, '01'), at(2, '05'), at(3, '03'), at(4, '09')]);
        const read = await store.readStream(stream, { until: new Date('2025-01-05T00:00:00Z') });
        expect(numbers(read.events)).toEqual([1, 2, 3]);
        expect(read.revision).toBe(3n);
      }));

    it('reads the global log in commit order, in pages, without gaps or repeats', () =>
      withStore(async (store, prefix) => {
        for (let i = 0; i < 25; i++) await store.appendToStream(`${prefix}${i % 4}`, [testEvent(i)]);
        const all = await readAllWithPrefix(store, prefix, 4);
        expect(numbers(all)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        const positions = all.map((e) => e.globalPosition);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
        const later = await store.readAll({ after: positions[9]!, maxCount: 3, streamPrefix: prefix });
        expect(numbers(later.events)).toEqual([10, 11, 12]);
        expect(later.lastPosition).toBe(positions[12]);
      }));

    it('filters the global log by event type and stream prefix and still reports progress', () =>
      withStore(async (store, prefix) => {
        await store.appendToStream(`${prefix}x-1`, [
          testEvent(1, 'Kept'),
          testEvent(2, 'Dropped'),
          testEvent(3, 'Kept'),
        ]);
        await store.appendToStream(`${prefix}y-1`, [testEvent(4, 'Kept')]);
        let after = 0n;
        const kept: number[] = [];
        for (;;) {
          const page = await store.readAll({
            after,
            maxCount: 2,
            types: ['Kept'],
            streamPrefix: `${prefix}x-`,
          });
          kept.push(...numbers(page.events));
          expect(page.lastPosition >= after).toBe(true);
          if (page.isEnd) break;
          after = page.lastPosition;
        }
        expect(kept).toEqual([1, 3]);
      }));

    it('reports the head position of the log', () =>
      withStore(async (store, prefix) => {
        const before = await store.headPosition();
        const result = await store.appendToStream(`${prefix}h`, [testEvent(1), testEvent(2)]);
        const head = await store.headPosition();
        expect(head >= result.lastGlobalPosition).toBe(true);
        expect(head > before).toBe(true);
      }));

    it('never lets a reader change what was recorded', () =>
      withStore(async (store, prefix) => {
        await store.appendToStream(`${prefix}f`, [{ type: 'TestHappened', data: { n: 1, list: [1] } }]);
        const [event] = (await store.readStream(`${prefix}f`)).events;
        try {
          (event!.data as { list: number[] }).list.push(2);
        } catch {
          // frozen: mutation refused, which is one correct outcome
        }
        expect((await store.readStream(`${prefix}f`)).events[0]!.data).toEqual({ n: 1, list: [1] });
      }));
  });
};
