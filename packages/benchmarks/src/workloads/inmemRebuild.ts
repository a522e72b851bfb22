import { createInMemoryEventStore, type EventStore } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createInMemoryReadModelStore, createProjectionRunner } from '@rapport/projections';
import { rebuildByHand } from '../data/handProfile';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { fullGc } from '../harness/heap';
import { cpuMs, interleave, perSecond } from '../harness/stats';
import type { Workload } from '../harness/types';

/** The stored form of every event, as a durable store would hand it over: one JSON text each. */
const storedJson = async (store: EventStore): Promise<string[]> => {
  const out: string[] = [];
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 10_000 });
    for (const event of page.events) {
      out.push(
        JSON.stringify({
          ...event,
          streamPosition: event.streamPosition.toString(),
          globalPosition: event.globalPosition.toString(),
        }),
      );
    }
    after = page.lastPosition;
    if (page.isEnd) return out;
  }
};

/** Rebuilds the profile projection from the start of the log with the runner, into a fresh read-model store. */
const rebuild = async (store: EventStore, head: bigint, batchSize: number) => {
  const runner = createProjectionRunner({
    projection: profileProjection,
    eventStore: store,
    readModels: createInMemoryReadModelStore(),
    batchSize,
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(head);
  await runner.stop();
};

/** Workload 2: rebuild the profile projection in memory, against a hand-written fold of the same JSON events. */
export const inmemRebuild: Workload = {
  name: 'inmem-rebuild-profile',
  title: 'In-memory rebuild of the profile projection',
  run: async (context) => {
    const customers = context.size(100_000, 5_000);
    const eventsPerCustomer = 10;
    const batchSize = 10_000;
    const store = createInMemoryEventStore();
    const count = await loadStore(store, generateHistory({ customers, eventsPerCustomer }));
    const head = await store.headPosition();
    const json = await storedJson(store);
    context.log(`  ${count} events of ${customers} customers loaded`);
    const rates = await interleave(
      context.runs,
      {
        floor: async () => perSecond(count, await cpuMs(() => rebuildByHand(json))),
        rapport: async () => perSecond(count, await cpuMs(() => rebuild(store, head, batchSize))),
      },
      fullGc,
    );
    await store.close();
    return [
      {
        id: 'inmem-rebuild-profile',
        label: `${count.toLocaleString('en')} events of ${customers.toLocaleString('en')} customers, batches of ${batchSize}`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
        limit:
          'The profile fold itself (a fresh shallow copy of each touched section per event, the lifecycle stage, a timer per purchase) and the runner per event (key lookup, document cache, batch commit); the floor mutates in place and keeps no timers.',
        notes: 'CPU time of this process.',
      },
    ];
  },
};
