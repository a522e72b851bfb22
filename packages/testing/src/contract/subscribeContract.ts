import type { EventStore, RecordedEvent } from '@rapport/core';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type ContractHarness, testEvent } from './contractHelpers';

const collect = (store: EventStore, prefix: string, count: number, after = 0n, types?: string[]) =>
  firstValueFrom(
    store
      .subscribeToAll(
        types === undefined ? { after, streamPrefix: prefix } : { after, streamPrefix: prefix, types },
      )
      .pipe(
        filter((e: RecordedEvent) => e.streamId.startsWith(prefix)),
        take(count),
        toArray(),
      ),
  );

const numbers = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);

/** Subscriptions: catch-up then live, with no gap or duplicate at the hand-over, filters, and clean unsubscription. */
export const subscribeContract = ({ withStore }: ContractHarness): void => {
  describe('subscribing to all', () => {
    it('catches up on history, then delivers live events, in order', () =>
      withStore(async (store, prefix) => {
        for (let i = 0; i < 5; i++) await store.appendToStream(`${prefix}${i % 2}`, [testEvent(i)]);
        const received = collect(store, prefix, 10);
        for (let i = 5; i < 10; i++) await store.appendToStream(`${prefix}${i % 2}`, [testEvent(i)]);
        expect(numbers(await received)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }));

    it('hands over from catch-up to live without a gap or a duplicate while writers keep appending', () =>
      withStore(async (store, prefix) => {
        const total = 300;
        let written = 0;
        const writer = async (w: number) => {
          for (let i = 0; i < total / 3; i++) {
            await store.appendToStream(`${prefix}w${w}`, [testEvent(w * 1000 + i)]);
            written++;
          }
        };
        const writers = [writer(0), writer(1)];
        while (written < 50) await new Promise((resolve) => setTimeout(resolve, 1));
        const received = collect(store, prefix, total);
        writers.push(writer(2));
        await Promise.all(writers);
        const events = await received;
        const ids = new Set(events.map((e) => e.id));
        expect(ids.size).toBe(total);
        const positions = events.map((e) => e.globalPosition);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
        for (let w = 0; w < 3; w++) {
          const mine = numbers(events).filter((n) => Math.floor(n / 1000) === w);
          expect(mine).toEqual(Array.from({ length: total / 3 }, (_, i) => w * 1000 + i));
        }
      }));

    it('starts after a given position and filters by type', () =>
      withStore(async (store, prefix) => {
        const first = await store.appendToStream(`${prefix}a`, [testEvent(1, 'Kept'), testEvent(2, 'Kept')]);
        await store.appendToStream(`${prefix}a`, [testEvent(3, 'Dropped'), testEvent(4, 'Kept')]);
        const events = await collect(store, prefix, 2, first.events[0]!.globalPosition, ['Kept']);
        expect(numbers(events)).toEqual([2, 4]);
      }));

    it('stops delivering after unsubscription', () =>
      withStore(async (store, prefix) => {
        const seen: number[] = [];
        const subscription = store
          .subscribeToAll({ streamPrefix: prefix })
          .subscribe((e) => seen.push((e.data as { n: number }).n));
        await store.appendToStream(`${prefix}u`, [testEvent(1)]);
        for (let i = 0; i < 200 && seen.length < 1; i++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        subscription.unsubscribe();
        await store.appendToStream(`${prefix}u`, [testEvent(2)]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(seen).toEqual([1]);
      }));
  });
};
