/**
 * Micro-benchmark of the pure engine on hand-built events (no store): with and without a timer rescheduled per event.
 * `npx tsx --conditions=@rapport/source packages/projections/scripts/foldBench.ts [events] [customers]`.
 */
import type { RecordedEvent } from '@rapport/core';
import { defineProjection, foldProjection } from '../src/index';

const total = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 10_000);
const start = Date.UTC(2020, 0, 1);
const events: RecordedEvent[] = [];
for (let i = 0; i < total; i++) {
  const customerId = `c${i % customers}`;
  const at = new Date(start + i * 1000).toISOString();
  events.push({
    id: `e${i}`,
    type: 'Touched',
    data: { n: i % 7 },
    streamId: `customer-${customerId}`,
    streamPosition: 0n,
    globalPosition: BigInt(i + 1),
    metadata: { customerId, occurredAt: at, recordedAt: at, tenantId: 'default', schemaVersion: 1 },
  });
}

const totals = (timers: boolean) =>
  defineProjection<{ readonly count: number; readonly sum: number }>({
    name: 'totals',
    version: 1,
    handles: ['Touched'],
    init: () => ({ count: 0, sum: 0 }),
    evolve: (state, event, ctx) => {
      if (timers) ctx.schedule(new Date(ctx.now.getTime() + 90 * 86_400_000), 'inactive');
      return { count: state.count + 1, sum: state.sum + (event.data as { n: number }).n };
    },
    onTimer: (state) => state,
  });

const time = (label: string, run: () => void) => {
  const began = performance.now();
  run();
  const seconds = (performance.now() - began) / 1000;
  console.log(`${label}: ${(total / seconds).toFixed(0)} events/s`);
};

for (let round = 0; round < 2; round++) {
  time('hand-written', () => {
    const state = new Map<string, { count: number; sum: number }>();
    for (const event of events) {
      const key = event.metadata.customerId!;
      const prior = state.get(key) ?? { count: 0, sum: 0 };
      state.set(key, { count: prior.count + 1, sum: prior.sum + (event.data as { n: number }).n });
    }
  });
  time('foldProjection', () => foldProjection(totals(false), events));
  time('foldProjection + timer per event', () => foldProjection(totals(true), events));
}
