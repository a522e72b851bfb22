import { isRapportError } from '@rapport/core';
import { defineProjection, type ReadModelStore } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { compare, createScene, gated, quiescent } from './internal/partitioned/testSupport';

const customers = Array.from({ length: 24 }, (_, i) => `c${i}`);
const appendRound = async (append: (customer: string) => Promise<void>, rounds: number) => {
  for (let r = 0; r < rounds; r++) for (const customer of customers) await append(customer);
};
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('given a pinned persistent subscription shared by two workers', () => {
  it('ends with the fold of the log, nothing applied twice, through redeliveries, a drop and a worker leaving', async () => {
    const { store, gateway, readModels, append, worker } = createScene();
    await appendRound(append, 3);
    const gate = gated(readModels);
    const a = worker({}, gate.models);
    const b = worker({}, gate.models);
    gate.pause();
    await a.start();
    await b.start();
    const group = () => gateway.persistent.groups.get('rapport-sequences_v1')!;
    await until(() => group().consumers.length === 2 && group().inFlight.size >= 8);
    gateway.persistent.timeOut('rapport-sequences_v1'); // every in-flight message redelivered while still held
    await appendRound(append, 2);
    gate.resume();
    await appendRound(append, 2);
    gate.pause();
    await until(() => group().inFlight.size > 4);
    gateway.persistent.drop('rapport-sequences_v1', group().consumers[0]!.id); // the worker resubscribes
    gate.resume();
    await appendRound(append, 2);
    await a.stop(); // its streams move to b
    await appendRound(append, 2);
    const settled = await quiescent(gateway);
    const { actual, expected } = await compare(store, readModels);
    expect(actual).toEqual(expected);
    expect(actual.size).toBe(customers.length);
    const byStream = new Map<string, Set<number>>();
    for (const d of settled.dispatched)
      byStream.set(d.streamId, (byStream.get(d.streamId) ?? new Set()).add(d.consumer));
    expect([...byStream.values()].some((consumers) => consumers.size > 1)).toBe(true); // streams did move
    expect(settled.dispatched.some((d) => d.retryCount > 0)).toBe(true); // and were redelivered
    expect(a.status().duplicates + b.status().duplicates).toBeGreaterThan(0);
    expect(settled.parked).toEqual([]);
    await b.stop();
  });

  it('never applies a stale in-flight batch after the new owner applied later events', async () => {
    const { store, gateway, readModels, append, worker } = createScene();
    let hold: Promise<void> | undefined;
    let release = () => {};
    let entered = false;
    const refusedAfterRelease: unknown[] = [];
    const slow: ReadModelStore = {
      ...readModels,
      commit: async (commit) => {
        entered = true;
        const held = hold !== undefined;
        await hold;
        try {
          return await readModels.commit(commit);
        } catch (error) {
          if (held) refusedAfterRelease.push(error);
          throw error;
        }
      },
    };
    hold = new Promise((resolve) => {
      release = resolve;
    });
    await appendRound(append, 2);
    const old = worker({}, slow);
    await old.start();
    await until(() => entered); // the old owner is committing its first batch
    const group = gateway.persistent.groups.get('rapport-sequences_v1')!;
    const next = worker();
    await next.start();
    gateway.persistent.drop('rapport-sequences_v1', group.consumers[0]!.id); // its streams and messages move
    await appendRound(append, 2);
    await until(() => next.status().applied >= customers.length * 4);
    release(); // the stale batch now commits: it must conflict, re-read, and skip what is already applied
    hold = undefined;
    await quiescent(gateway);
    const { actual, expected } = await compare(store, readModels);
    expect(actual).toEqual(expected);
    // the held batch did try to commit after the new owner moved on, and was refused by the checkpoint guard
    expect(refusedAfterRelease.some((error) => isRapportError(error, 'ConcurrencyConflict'))).toBe(true);
    await old.stop();
    await next.stop();
  });

  it('fills the holes of a type-filtered subscription from the streams, in stream order', async () => {
    const { store, gateway, readModels, append, worker } = createScene();
    for (let r = 0; r < 4; r++) {
      for (const customer of customers.slice(0, 6)) {
        await append(customer);
        await append(customer, 'Ignored');
      }
    }
    const only = worker({ filterEventTypes: true });
    await only.start();
    await quiescent(gateway);
    expect(gateway.log.some((r) => r.type === 'Ignored')).toBe(true);
    const { actual, expected } = await compare(store, readModels);
    expect(actual).toEqual(expected);
    await only.stop();
  });

  it('folds merges onto stored documents: the absorbed record is read from the store and deleted', async () => {
    const { store, gateway, readModels, append, worker } = createScene();
    const single = worker({ batchSize: 2 });
    await single.start();
    for (const customer of ['a', 'b', 'a', 'b']) await append(customer);
    await quiescent(gateway);
    await store.appendToStream('customer-a', [
      { type: 'Merged', data: { from: 'b' }, metadata: { customerId: 'a' } },
    ]);
    await append('a');
    await quiescent(gateway);
    const { actual, expected } = await compare(store, readModels);
    expect(actual).toEqual(expected);
    expect(actual.has('b')).toBe(false);
    await single.stop();
  });

  it('refuses a projection with timers, which needs a global watermark', () => {
    const { worker } = createScene();
    const timed = defineProjection({
      name: 'timed',
      version: 1,
      handles: ['Counted'],
      init: () => 0,
      evolve: (n) => n + 1,
      onTimer: (n) => n,
    });
    expect(() => worker({ projection: timed as never })).toThrow(/timers/);
  });
});
