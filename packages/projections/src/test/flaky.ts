import type { EventStore } from '@rapport/core';
import { Observable } from 'rxjs';
import type { OutboxStore } from '../effects/outbox';
import type { ReadModelStore } from '../readModel/readModelStore';

/** Test-only: a seeded pseudo-random source (mulberry32). */
export const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Test-only: a switch shared by the flaky wrappers. */
export interface Faults {
  enabled: boolean;
  readonly rate: number;
  readonly random: () => number;
  injected: number;
}

const maybeFail = (faults: Faults, where: string) => {
  if (faults.enabled && faults.random() < faults.rate) {
    faults.injected++;
    throw new Error(`injected fault in ${where}`);
  }
};

/** Test-only: a read-model store that fails at random, including commits that fail before writing or after (a lost acknowledgement). */
export const flakyReadModels = (inner: ReadModelStore, faults: Faults): ReadModelStore => {
  const wrap =
    <TArgs extends unknown[], TResult>(where: string, fn: (...args: TArgs) => Promise<TResult>) =>
    async (...args: TArgs) => {
      maybeFail(faults, where);
      return fn(...args);
    };
  return {
    ...inner,
    get: wrap('get', inner.get),
    getMany: wrap('getMany', inner.getMany),
    readCheckpoint: wrap('readCheckpoint', inner.readCheckpoint),
    dueTimers: wrap('dueTimers', inner.dueTimers),
    listAliases: wrap('listAliases', inner.listAliases),
    activeVersion: wrap('activeVersion', inner.activeVersion),
    commit: async (commit) => {
      maybeFail(faults, 'commit (nothing written)');
      await inner.commit(commit);
      maybeFail(faults, 'commit (written, acknowledgement lost)');
    },
  };
};

/** Test-only: an event store whose reads and subscriptions fail at random. */
export const flakyEventStore = (inner: EventStore, faults: Faults): EventStore => ({
  ...inner,
  readAll: async (options) => {
    maybeFail(faults, 'readAll');
    return inner.readAll(options);
  },
  headPosition: async () => {
    maybeFail(faults, 'headPosition');
    return inner.headPosition();
  },
  subscribeToAll: (options) => {
    try {
      maybeFail(faults, 'subscribeToAll');
    } catch (error) {
      return new Observable((subscriber) => subscriber.error(error));
    }
    return inner.subscribeToAll(options);
  },
});

/** Test-only: an outbox whose claims and settlements fail at random, a settlement sometimes after it was written (a lost acknowledgement). */
export const flakyOutbox = (inner: OutboxStore, faults: Faults): OutboxStore => ({
  ...inner,
  claim: async (options) => {
    maybeFail(faults, 'claim (nothing leased)');
    const claimed = await inner.claim(options);
    maybeFail(faults, 'claim (leased, answer lost)');
    return claimed;
  },
  settle: async (id, outcome) => {
    maybeFail(faults, 'settle (nothing written)');
    const done = await inner.settle(id, outcome);
    maybeFail(faults, 'settle (written, acknowledgement lost)');
    return done;
  },
});

/** Test-only: an event store whose appends fail at random, before writing or after (the caller never hears it worked). */
export const flakyAppends = (inner: EventStore, faults: Faults): EventStore => ({
  ...inner,
  appendToStream: async (...args) => {
    maybeFail(faults, 'appendToStream (nothing written)');
    const result = await inner.appendToStream(...args);
    maybeFail(faults, 'appendToStream (written, answer lost)');
    return result;
  },
});
