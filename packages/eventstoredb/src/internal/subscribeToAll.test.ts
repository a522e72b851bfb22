import {
  createEventRegistry,
  defineEvent,
  defineUpcaster,
  isRapportError,
  isValidationError,
  type RecordedEvent,
} from '@rapport/core';
import { firstValueFrom, type Observable, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFakeStore } from './fakeStore';

const event = (n: number, type = 'Happened') => ({ type, data: { n } });
const numbers = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
const collect = (events: Observable<RecordedEvent>, count: number) =>
  firstValueFrom(events.pipe(take(count), toArray()));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const appendMany = async (store: ReturnType<typeof createFakeStore>['store'], from: number, to: number) => {
  for (let n = from; n < to; n++) await store.appendToStream(`s-${n % 3}`, [event(n)]);
};

describe('subscribing to $all through drops', () => {
  it('resumes after a silent drop and after an error with no gap and no duplicate, across catch-up and live', async () => {
    const { store, gateway } = createFakeStore();
    gateway.subscriptionFaults.push(
      { after: 3, kind: 'end' },
      { after: 4, kind: 'error' },
      { after: 5, kind: 'end' },
    );
    await appendMany(store, 0, 8);
    const received = collect(store.subscribeToAll(), 16);
    await settle();
    await appendMany(store, 8, 16);
    const events = await received;
    expect(numbers(events)).toEqual(Array.from({ length: 16 }, (_, n) => n));
    expect(events.map((e) => e.id)).toEqual((await store.readAll()).events.map((e) => e.id));
    expect(gateway.subscriptionsOpened).toBe(4);
  });

  it('drops what a resumed server subscription repeats', async () => {
    const { store, gateway } = createFakeStore();
    gateway.replayOnResume = 3;
    gateway.subscriptionFaults.push({ after: 2, kind: 'end' }, { after: 4, kind: 'error' });
    await appendMany(store, 0, 9);
    expect(numbers(await collect(store.subscribeToAll(), 9))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives up after maxRetries consecutive failures and tells the subscriber', async () => {
    const { store, gateway } = createFakeStore(); // maxRetries: 3
    for (let i = 0; i < 4; i++) gateway.subscriptionFaults.push({ after: 0, kind: 'refuse' });
    await appendMany(store, 0, 2);
    const error = await collect(store.subscribeToAll(), 2).catch((e: unknown) => e);
    expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).message).toContain('4 times in a row');
    expect(gateway.subscriptionsOpened).toBe(4);
  });

  it('recovers from fewer failures than the limit, and counts only failures in a row', async () => {
    const { store, gateway } = createFakeStore();
    for (let i = 0; i < 3; i++) gateway.subscriptionFaults.push({ after: 0, kind: 'refuse' });
    for (let i = 0; i < 6; i++) gateway.subscriptionFaults.push({ after: 1, kind: 'error' });
    await appendMany(store, 0, 8);
    expect(numbers(await collect(store.subscribeToAll(), 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('does not retry a failure of its own (an upcaster that throws): the subscriber gets it at once', async () => {
    const registry = createEventRegistry(
      [
        defineEvent({
          type: 'Odd',
          family: 'test',
          version: 2,
          description: 'odd',
          schema: z.object({ n: z.number() }),
        }),
      ],
      {
        upcasters: [
          defineUpcaster({
            type: 'Odd',
            fromVersion: 1,
            schema: z.object({ n: z.number() }),
            up: () => {
              throw new Error('cannot lift');
            },
          }),
        ],
      },
    );
    const { store, gateway } = createFakeStore({ registry });
    await store.appendToStream('s', [{ type: 'Odd', data: { n: 1 }, metadata: { schemaVersion: 1 } }]);
    const error = await collect(store.subscribeToAll(), 1).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cannot lift');
    expect(gateway.subscriptionsOpened).toBe(1);
  });
});

describe('subscribing to $all', () => {
  it('filters by type on the server and by prefix on arrival, starting strictly after a position', async () => {
    const { store } = createFakeStore();
    const first = await store.appendToStream('x-1', [event(1, 'Kept'), event(2, 'Kept')]);
    await store.appendToStream('y-1', [event(3, 'Kept')]);
    await store.appendToStream('x-1', [event(4, 'Dropped'), event(5, 'Kept')]);
    const events = await collect(
      store.subscribeToAll({ after: first.events[0]!.globalPosition, types: ['Kept'], streamPrefix: 'x-' }),
      2,
    );
    expect(numbers(events)).toEqual([2, 5]);
  });

  it('closes the server subscription on unsubscribe', async () => {
    const { store, gateway } = createFakeStore();
    await appendMany(store, 0, 1);
    await collect(store.subscribeToAll(), 1);
    await settle();
    expect(gateway.openFeeds()).toBe(0);
  });

  it('completes live subscriptions when the store closes, and completes new ones at once', async () => {
    const { store, gateway } = createFakeStore();
    await appendMany(store, 0, 2);
    const seen: number[] = [];
    const completed = new Promise<void>((resolve) =>
      store
        .subscribeToAll()
        .subscribe({ next: (e) => seen.push((e.data as { n: number }).n), complete: resolve }),
    );
    await settle();
    await store.close();
    await completed;
    expect(seen).toEqual([0, 1]);
    await settle();
    expect(gateway.openFeeds()).toBe(0);
    expect(await firstValueFrom(store.subscribeToAll().pipe(toArray()))).toEqual([]);
  });

  it('rejects a bad starting position synchronously', () => {
    const { store } = createFakeStore();
    let error: unknown;
    try {
      store.subscribeToAll({ after: -1n });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
  });
});
