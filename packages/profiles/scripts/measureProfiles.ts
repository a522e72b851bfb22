/**
 * Measures the profile's document size and fold speed on CDNOW-like customers (a registration plus a handful of
 * purchases, the benchmark's shape). Run from the repository root:
 *
 *   node --expose-gc --conditions=@rapport/source --import tsx packages/profiles/scripts/measureProfiles.ts [customers]
 */
import type { RecordedEvent } from '@rapport/core';
import { detachedContext, foldProjection, type ProjectionContext } from '@rapport/projections';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { type CustomerProfile, profileProjection } from '../src/index';

const customers = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run node with --expose-gc');

/** The CDNOW master log as per-customer event templates (registration, then purchases), cycled to `customers`. */
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

let position = 0n;
function* events(count: number): Generator<RecordedEvent> {
  for (let i = 0; i < count; i++) {
    const customerId = `c${i}`;
    for (const [n, t] of templates[i % templates.length]!.entries()) {
      position += 1n;
      yield {
        id: `00000000-0000-7000-8000-${position.toString().padStart(12, '0')}`,
        type: t.type,
        // a fresh data object per event, as a store would hand out
        data: structuredClone(t.data),
        streamId: `customer-${customerId}`,
        streamPosition: BigInt(n),
        globalPosition: position,
        metadata: {
          customerId,
          occurredAt: t.occurredAt,
          recordedAt: t.occurredAt,
          tenantId: 'default',
          schemaVersion: 1,
          channel: 'web',
          source: 'cdnow',
        },
      };
    }
  }
}

const contextFor = (event: RecordedEvent): ProjectionContext =>
  detachedContext(event.metadata.customerId!, event);

// documents only: evolve every customer's events and keep the final documents in a Map, as a read-model store would
gc();
const before = process.memoryUsage().heapUsed;
const documents = new Map<string, CustomerProfile>();
let applied = 0;
const started = performance.now();
for (const event of events(customers)) {
  const key = event.metadata.customerId!;
  const state = documents.get(key) ?? profileProjection.init(key);
  documents.set(key, profileProjection.evolve(state, event, contextFor(event))!);
  applied++;
}
const profileMs = performance.now() - started;
gc();
const heapPerCustomer = (process.memoryUsage().heapUsed - before) / customers;
let jsonBytes = 0;
for (const document of documents.values()) jsonBytes += JSON.stringify(document).length;

const example = JSON.stringify(documents.get('c1'));

// the same through the projection engine, which also keeps each customer's pending timer
documents.clear();
gc();
const engineBefore = process.memoryUsage().heapUsed;
const folded = foldProjection(profileProjection, events(customers));
gc();
const engineHeapPerCustomer = (process.memoryUsage().heapUsed - engineBefore) / customers;
const pendingTimers = folded.timers.length;

// speed: both folds over the same pre-built events, so event creation is not timed
documents.clear();
const list = [...events(customers)];
const timed = new Map<string, CustomerProfile>();
gc();
const foldStarted = performance.now();
for (const event of list) {
  const key = event.metadata.customerId!;
  const state = timed.get(key) ?? profileProjection.init(key);
  timed.set(key, profileProjection.evolve(state, event, contextFor(event))!);
}
const foldMs = performance.now() - foldStarted;
timed.clear();
gc();
interface Hand {
  orders: number;
  gross: number;
  first: number;
  last: number;
  units: number;
}
const hand = new Map<string, Hand>();
const handStarted = performance.now();
for (const event of list) {
  const key = event.metadata.customerId!;
  let state = hand.get(key);
  if (state === undefined) {
    state = { orders: 0, gross: 0, first: Number.POSITIVE_INFINITY, last: 0, units: 0 };
    hand.set(key, state);
  }
  if (event.type === 'PurchaseCompleted') {
    const data = event.data as { total: number; lines: { quantity: number }[] };
    const at = Date.parse(event.metadata.occurredAt);
    state.orders += 1;
    state.gross += data.total;
    state.first = Math.min(state.first, at);
    state.last = Math.max(state.last, at);
    for (const line of data.lines) state.units += line.quantity;
  }
}
const handMs = performance.now() - handStarted;

console.log(
  JSON.stringify(
    {
      customers,
      events: applied,
      heapBytesPerCustomer: Math.round(heapPerCustomer),
      jsonBytesPerCustomer: Math.round(jsonBytes / customers),
      engineHeapBytesPerCustomer: Math.round(engineHeapPerCustomer),
      pendingTimers,
      profileEventsPerSecond: Math.round(applied / (foldMs / 1000)),
      handWrittenEventsPerSecond: Math.round(applied / (handMs / 1000)),
      ratio: Math.round((handMs / foldMs) * 100) / 100,
      firstPassMs: Math.round(profileMs),
      example: JSON.parse(example),
    },
    null,
    2,
  ),
);
