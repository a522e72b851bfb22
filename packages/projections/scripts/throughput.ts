/**
 * A quick throughput check (CPU time of this process, so a busy machine disturbs the comparison less): rebuild a
 * per-customer projection from N in-memory events with the runner and with foldProjection, against a hand-written
 * loop over the same pages calling the same evolve. Modes: `simple` (count and sum), `timers` (simple, plus an
 * inactivity timer rescheduled on every event), `profile` (counts by type, channels, first/last seen, the 20 latest
 * touchpoints sorted by time, a timer on every purchase). Run:
 * `npx tsx --conditions=@rapport/source packages/projections/scripts/throughput.ts [events] [customers] [batch] [mode]`.
 */
import { createInMemoryEventStore, type EventToAppend, type RecordedEvent } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionRunner,
  defineProjection,
  foldProjection,
  type ProjectionContext,
} from '../src/index';

const total = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 10_000);
const batchSize = Number(process.argv[4] ?? 10_000);
const mode = process.argv[5] ?? 'simple';
const types = ['Touched', 'Bought', 'Opened', 'Clicked'];
const DAY = 86_400_000;

interface Profile {
  readonly count: number;
  readonly spent: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly channels: readonly string[];
  readonly first: string;
  readonly last: string;
  readonly recent: readonly { readonly at: string; readonly id: string; readonly type: string }[];
}

const init = (): Profile => ({
  count: 0,
  spent: 0,
  byType: {},
  channels: [],
  first: '',
  last: '',
  recent: [],
});
/** The later of two ISO times (Math.max does not compare strings). */
const later = (a: string, b: string) => (a > b ? a : b);
const byTime = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1;

/** The fold itself, shared by the projection and the hand-written loop (which passes no context). */
const evolve = (state: Profile, event: RecordedEvent, ctx?: ProjectionContext): Profile => {
  const at = event.metadata.occurredAt;
  const { n, channel } = event.data as { n: number; channel: string };
  if (mode === 'timers') ctx?.schedule(new Date(ctx.now.getTime() + 90 * DAY), 'inactive');
  if (mode !== 'profile') return { ...state, count: state.count + 1, spent: state.spent + n };
  if (event.type === 'Bought') ctx?.schedule(new Date(ctx.now.getTime() + 90 * DAY), 'inactive');
  const recent = [...state.recent, { at, id: event.id, type: event.type }].sort(byTime).slice(-20);
  return {
    count: state.count + 1,
    spent: state.spent + (event.type === 'Bought' ? n : 0),
    byType: { ...state.byType, [event.type]: (state.byType[event.type] ?? 0) + 1 },
    channels: state.channels.includes(channel) ? state.channels : [...state.channels, channel].sort(),
    first: state.first === '' || at < state.first ? at : state.first,
    last: later(at, state.last),
    recent,
  };
};

const projection = defineProjection<Profile>({
  name: 'throughput',
  version: 1,
  handles: types,
  init,
  evolve,
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
      type: types[i % types.length]!,
      data: { n: i % 7, channel: ['web', 'email', 'store'][i % 3]! },
      metadata: { customerId: customer, occurredAt: new Date(start + i * 1000).toISOString() },
    });
    byStream.set(customer, list);
  }
  await store.appendToStreams([...byStream].map(([id, events]) => ({ streamId: `customer-${id}`, events })));
}

const pages = async function* () {
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: batchSize });
    yield page.events;
    after = page.lastPosition;
    if (page.isEnd) return;
  }
};

// CPU time of this process, so other processes on a busy machine disturb the comparison less
const time = async (label: string, run: () => Promise<void> | void) => {
  const began = process.cpuUsage();
  await run();
  const used = process.cpuUsage(began);
  const seconds = (used.user + used.system) / 1e6;
  console.log(`${label}: ${(total / seconds).toFixed(0)} events/s (${seconds.toFixed(2)} s CPU)`);
  return seconds;
};

console.log(`${total} events, ${customers} customers, batches of ${batchSize}, mode ${mode}`);
for (let round = 1; round <= 2; round++) {
  const hand = await time('hand-written fold', async () => {
    const state = new Map<string, Profile>();
    for await (const events of pages()) {
      for (const event of events) {
        const key = event.metadata.customerId!;
        state.set(key, evolve(state.get(key) ?? init(), event));
      }
    }
  });
  await time('foldProjection (events in memory)', async () => {
    const events: RecordedEvent[] = [];
    for await (const page of pages()) for (const event of page) events.push(event);
    foldProjection(projection, events);
  });
  const runner = await time('runner rebuild', async () => {
    const rebuild = createProjectionRunner({
      projection,
      eventStore: store,
      readModels: createInMemoryReadModelStore(),
      batchSize,
      tickIntervalMs: 0,
    });
    rebuild.start();
    await rebuild.waitForPosition(BigInt(total));
    await rebuild.stop();
  });
  console.log(`round ${round}: runner / hand-written = ${((hand / runner) * 100).toFixed(0)}%`);
}
