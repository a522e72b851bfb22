import { createInMemoryEventStore, type RecordedEvent } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createInMemoryReadModelStore, createProjectionRunner, detachedContext } from '@rapport/projections';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { visitOf } from '../data/visits';
import { createPositionWaiter, type Latencies, measureTrips } from '../harness/latency';
import { median } from '../harness/stats';
import type { Measurement, Workload } from '../harness/types';

const CUSTOMERS = 1_000;

/** The floor: a bare subscription that folds each event into a Map with the profile's own evolve. */
const floorRun = async (count: number): Promise<Latencies> => {
  const store = createInMemoryEventStore();
  await loadStore(store, generateHistory({ customers: CUSTOMERS, eventsPerCustomer: 2 }));
  const profiles = new Map<string, unknown>();
  const waiter = createPositionWaiter();
  const subscription = store.subscribeToAll().subscribe((event: RecordedEvent) => {
    const key = event.metadata.customerId!;
    const ctx = detachedContext(key, event);
    const state = (profiles.get(key) ?? profileProjection.init(key)) as never;
    profiles.set(key, profileProjection.evolve(state, event, ctx));
    waiter.reached(event.globalPosition);
  });
  await waiter.wait(await store.headPosition());
  const latencies = await measureTrips(count, async (index) => {
    const { streamId, event } = visitOf(index, CUSTOMERS);
    const { lastGlobalPosition } = await store.appendToStream(streamId, [event]);
    await waiter.wait(lastGlobalPosition);
  });
  subscription.unsubscribe();
  await store.close();
  return latencies;
};

/** Rapport: the profile projection's runner, live on the in-memory store, committing to the in-memory read models. */
const rapportRun = async (count: number): Promise<Latencies> => {
  const store = createInMemoryEventStore();
  await loadStore(store, generateHistory({ customers: CUSTOMERS, eventsPerCustomer: 2 }));
  const runner = createProjectionRunner({
    projection: profileProjection,
    eventStore: store,
    readModels: createInMemoryReadModelStore(),
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(await store.headPosition());
  const latencies = await measureTrips(count, async (index) => {
    const { streamId, event } = visitOf(index, CUSTOMERS);
    const { lastGlobalPosition } = await store.appendToStream(streamId, [event]);
    await runner.waitForPosition(lastGlobalPosition);
  });
  await runner.stop();
  await store.close();
  return latencies;
};

/** Workload 3 (in memory): from an append to the profile read model reflecting it, p50 and p99. */
export const liveLatencyInMemory: Workload = {
  name: 'live-latency-inmem',
  title: 'Live latency on the in-memory store',
  run: async (context) => {
    const count = context.size(5_000, 300);
    const floors: Latencies[] = [];
    const rapports: Latencies[] = [];
    for (let run = 0; run < context.runs; run++) {
      floors.push(await floorRun(count));
      rapports.push(await rapportRun(count));
    }
    const figure = (quantile: 'p50' | 'p99'): Measurement => ({
      id: `live-latency-${quantile}-inmem`,
      label: `${quantile} of ${count.toLocaleString('en')} page visits, append to committed profile, one at a time`,
      unit: 'ms',
      better: 'lower',
      rapport: median(rapports.map((l) => l[quantile])),
      floor: median(floors.map((l) => l[quantile])),
      limit:
        "The runner wakes on the store's live feed and runs a batch per wake-up (load the document, evolve, commit documents, timers and checkpoint, publish the status); the floor folds inside the subscription callback and commits nothing.",
    });
    return [figure('p50'), figure('p99')];
  },
};
