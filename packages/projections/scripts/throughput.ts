/**
 * A quick throughput check: rebuild a simple per-customer projection from N in-memory events with the runner,
 * with foldProjection, and with a hand-written fold over the same pages (CPU time). Run:
 * `npx tsx --conditions=@rapport/source packages/projections/scripts/throughput.ts [events] [customers]`.
 */
import { createInMemoryEventStore, type EventToAppend } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionRunner,
  defineProjection,
  foldProjection,
} from '../src/index';

const total = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 10_000);
const batchSize = Number(process.argv[4] ?? 5_000);
/** `timers`: every event also reschedules an inactivity timer, as "no purchase in 90 days" does. */
const withTimers = process.argv[5] === 'timers';

const later = (a: string, b: string) => (a > b ? a : b);

interface Totals {
  readonly count: number;
  readonly sum: number;
  readonly last: string;
}

const projection = defineProjection<Totals>({
  name: 'totals',
  version: 1,
  handles: ['Touched'],
  init: () => ({ count: 0, sum: 0, last: '' }),
  evolve: (state, event, ctx) => {
    if (withTimers) ctx.schedule(new Date(ctx.now.getTime() + 90 * 86_400_000), 'inactive');
    return {
      count: state.count + 1,
      sum: state.sum + (event.data as { n: number }).n,
      last: later(ctx.event!.metadata.occurredAt, state.last),
    };
  },
  onTimer: (state) => state,
});

const store = createInMemoryEventStore({ registry: false });
const start = Date.UTC(2020, 0, 1);
for (let offset = 0; offset < total; offset += 10_000) {
  const byStream = new Map<string, EventToAppend[]>();
  for (let i = offset; i < Math.min(total, offset + 10_000); i++) {
    const customer = `c${i % customers}`;
    const list = byStream.get(customer) ?? [];
    list.push({
      type: 'Touched',
      data: { n: i % 7 },
      metadata: { customerId: customer, occurredAt: new Date(start + i * 1000).toISOString() },
    });
    byStream.set(customer, list);
  }
  await store.appendToStreams([...byStream].map(([id, events]) => ({ streamId: `customer-${id}`, events })));
}

// CPU time of this process, so other processes on a busy machine disturb the comparison less
const time = async (label: string, run: () => Promise<void> | void) => {
  const began = process.cpuUsage();
  await run();
  const used = process.cpuUsage(began);
  const seconds = (used.user + used.system) / 1e6;
  console.log(`${label}: ${(total / seconds).toFixed(0)} events/s (${seconds.toFixed(2)} s)`);
  return seconds;
};

const hand = await time('hand-written fold', async () => {
  const state = new Map<string, Totals>();
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: batchSize });
    for (const event of page.events) {
      const key = event.metadata.customerId!;
      const prior = state.get(key) ?? { count: 0, sum: 0, last: '' };
      state.set(key, {
        count: prior.count + 1,
        sum: prior.sum + (event.data as { n: number }).n,
        last: later(event.metadata.occurredAt, prior.last),
      });
    }
    after = page.lastPosition;
    if (page.isEnd) break;
  }
});

await time('foldProjection (events in memory)', async () => {
  const events = [];
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 100_000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) break;
  }
  foldProjection(projection, events);
});

const runner = await time('runner rebuild', async () => {
  const r = createProjectionRunner({
    projection,
    eventStore: store,
    readModels: createInMemoryReadModelStore(),
    batchSize,
    tickIntervalMs: 0,
  });
  r.start();
  await r.waitForPosition(BigInt(total));
  await r.stop();
});
console.log(`runner / hand-written: ${((hand / runner) * 100).toFixed(0)}%`);
