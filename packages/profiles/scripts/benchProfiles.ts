/**
 * Times the profile fold against a hand-written fold of the same CDNOW-like events (pre-built, so event creation
 * is not timed), bare and through the projection engine. Run from the repository root:
 *
 *   node --conditions=@rapport/source --import tsx packages/profiles/scripts/benchProfiles.ts [customers]
 */
import type { RecordedEvent } from '@rapport/core';
import { detachedContext, foldProjection } from '@rapport/projections';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { type CustomerProfile, profileProjection } from '../src/index';

const customers = Number(process.argv[2] ?? 50_000);

const templates = (() => {
  const byCustomer = new Map<string, { type: string; data: unknown; occurredAt: string }[]>();
  for (const { event } of cdnowEvents(loadCdnowTransactions('master'))) {
    const id = event.metadata!.customerId!;
    const list = byCustomer.get(id) ?? [];
    list.push({ type: event.type, data: event.data, occurredAt: event.metadata!.occurredAt as string });
    byCustomer.set(id, list);
  }
  return [...byCustomer.values()];
})();

/** Events of `customers` customers in event-time order (as a rebuild reads them), one fresh data object each. */
const events: RecordedEvent[] = [];
for (let i = 0; i < customers; i++) {
  for (const [n, t] of templates[i % templates.length]!.entries()) {
    events.push({
      id: `e${events.length}`,
      type: t.type,
      data: structuredClone(t.data),
      streamId: `customer-c${i}`,
      streamPosition: BigInt(n),
      globalPosition: BigInt(events.length + 1),
      metadata: {
        customerId: `c${i}`,
        occurredAt: t.occurredAt,
        recordedAt: t.occurredAt,
        tenantId: 'default',
        schemaVersion: 1,
      },
    });
  }
}
events.sort((a, b) =>
  a.metadata.occurredAt < b.metadata.occurredAt ? -1 : a.metadata.occurredAt > b.metadata.occurredAt ? 1 : 0,
);

const bare = () => {
  const documents = new Map<string, CustomerProfile>();
  for (const event of events) {
    const key = event.metadata.customerId!;
    const ctx = detachedContext(key, event);
    documents.set(
      key,
      profileProjection.evolve(documents.get(key) ?? profileProjection.init(key), event, ctx)!,
    );
  }
  return documents.size;
};

/** A hand-written, mutable fold of the commerce and lifecycle facts a CDNOW profile shows. */
const hand = () => {
  interface Hand {
    registeredAt?: number;
    orders: number;
    spent: Record<string, { orders: number; gross: number }>;
    first?: number;
    last?: number;
    recent: number[];
    categories: Record<string, number>;
    methods: Record<string, number>;
    stage: string;
  }
  const documents = new Map<string, Hand>();
  for (const event of events) {
    const key = event.metadata.customerId!;
    let state = documents.get(key);
    if (state === undefined) {
      state = { orders: 0, spent: {}, recent: [], categories: {}, methods: {}, stage: 'prospect' };
      documents.set(key, state);
    }
    const at = Date.parse(event.metadata.occurredAt);
    if (event.type === 'CustomerRegistered') state.registeredAt = at;
    else if (event.type === 'PurchaseCompleted') {
      const data = event.data as {
        total: number;
        currency: string;
        paymentMethod: string;
        lines: { quantity: number; category?: string }[];
      };
      state.orders += 1;
      let totals = state.spent[data.currency];
      if (totals === undefined) {
        totals = { orders: 0, gross: 0 };
        state.spent[data.currency] = totals;
      }
      totals.orders += 1;
      totals.gross += data.total;
      state.first = Math.min(state.first ?? at, at);
      state.last = Math.max(state.last ?? at, at);
      state.recent.unshift(at);
      if (state.recent.length > 4) state.recent.pop();
      for (const line of data.lines) {
        if (line.category)
          state.categories[line.category] = (state.categories[line.category] ?? 0) + line.quantity;
      }
      state.methods[data.paymentMethod] = (state.methods[data.paymentMethod] ?? 0) + 1;
      state.stage = state.orders >= 4 ? 'loyal' : state.orders >= 2 ? 'repeat' : 'new';
    }
  }
  return documents.size;
};

const engine = () => foldProjection(profileProjection, events).documents.size;

const time = (name: string, run: () => number) => {
  run();
  const started = performance.now();
  for (let i = 0; i < 3; i++) run();
  const ms = (performance.now() - started) / 3;
  const perSecond = Math.round(events.length / (ms / 1000));
  console.log(
    `${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${perSecond.toLocaleString('en').padStart(12)} events/s`,
  );
  return ms;
};

console.log(`${events.length} events, ${customers} customers`);
if (process.env.ONLY === 'bare') {
  time('bare', bare);
  process.exit(0);
}
if (process.env.ONLY === 'engine') {
  time('engine', engine);
  process.exit(0);
}
const handMs = time('hand-written fold', hand);
const bareMs = time('profile evolve (bare loop)', bare);
const engineMs = time('profile via foldProjection', engine);
console.log(
  `bare / hand: ${(handMs / bareMs).toFixed(2)}   engine / hand: ${(handMs / engineMs).toFixed(2)}`,
);
