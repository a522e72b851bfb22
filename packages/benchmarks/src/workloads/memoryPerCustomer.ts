import type { RecordedEvent } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createInMemoryReadModelStore, foldProjection, type ReadModelStore } from '@rapport/projections';
import { cdnowHistories } from '../data/cdnowHistories';
import { foldHand } from '../data/handProfile';
import { heapUsed } from '../harness/heap';
import type { Workload } from '../harness/types';

const COLLECTION = 'profiles_v1';

/** Folds the histories and commits the documents and pending timers to an in-memory read-model store. */
const buildReadModel = async (events: Iterable<RecordedEvent>): Promise<ReadModelStore> => {
  const folded = foldProjection(profileProjection, events);
  const store = createInMemoryReadModelStore();
  const documents = [...folded.documents].map(([key, document]) => ({ key, document: document as never }));
  const timers = folded.timers.map((timer) => ({ kind: 'put' as const, timer }));
  let expected: bigint | undefined;
  for (let from = 0; from < Math.max(documents.length, timers.length); from += 50_000) {
    const next = BigInt(from + 1);
    await store.commit({
      collection: COLLECTION,
      documents: documents.slice(from, from + 50_000),
      timers: timers.slice(from, from + 50_000),
      aliases: [],
      deadLetters: [],
      checkpoint: { expected, next: { position: next, watermark: folded.watermark } },
    });
    expected = next;
  }
  return store;
};

/** Heap bytes per customer that `build` keeps alive. */
const bytesPerCustomer = async (customers: number, build: () => Promise<unknown> | unknown) => {
  const before = heapUsed();
  const kept = await build();
  const after = heapUsed();
  if (kept === undefined) throw new Error('nothing kept');
  return (after - before) / customers;
};

/** Workload 7: heap bytes per customer of the profile read model (documents and timers) at 1M customers. */
export const memoryPerCustomer: Workload = {
  name: 'memory-per-customer',
  title: 'Memory of the profile read model per customer',
  run: async (context) => {
    const customers = context.size(1_000_000, 20_000);
    [...cdnowHistories(1)]; // load the CDNOW file before the first heap reading
    const rapport = await bytesPerCustomer(customers, () => buildReadModel(cdnowHistories(customers)));
    const floor = await bytesPerCustomer(customers, () => {
      const profiles = new Map();
      for (const event of cdnowHistories(customers)) foldHand(profiles, event);
      return profiles;
    });
    const sample = foldProjection(profileProjection, cdnowHistories(1_000)).documents;
    const json = [...sample.values()].reduce((sum, document) => sum + JSON.stringify(document).length, 0);
    context.log(`  ${customers} customers: ${Math.round(rapport)} bytes each (floor ${Math.round(floor)})`);
    return [
      {
        id: 'memory-per-customer',
        label: `${customers.toLocaleString('en')} CDNOW customers (registration and purchases), documents and timers`,
        unit: 'bytes',
        better: 'lower',
        rapport,
        floor,
        targets: [{ kind: 'atMost', value: 1024 }],
        limit:
          'One JSON document per customer as plain objects (the keys of every section, the recent purchase times, categories and payment methods) plus its pending lifecycle timer; the floor is a hand-written mutable record of the same facts.',
        notes: `Heap after a full GC, one run (it is deterministic); the same documents average ${Math.round(json / sample.size)} characters of JSON.`,
      },
    ];
  },
};
